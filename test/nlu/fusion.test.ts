import { describe, expect, it } from 'vitest';
import { fuseScores, routeOf, toLexicalScale } from '../../src/nlu/fusion.js';

describe('routing between the lexical matcher and the fusion', () => {
  it('leaves messages with no word the encoder covers (Korean for the English encoder) to the lexical matcher', () => {
    expect(routeOf('비밀번호를 잊어버렸어요', ['en'], 'fused')).toBe('lexical');
    expect(routeOf('ㅠㅠ 로그인이 안 돼요 123', ['en'], 'fused')).toBe('lexical');
    expect(routeOf('I forgot my password', ['en'], 'lexical')).toBe('fused');
  });

  it('sends mixed messages where the validation chose', () => {
    expect(routeOf('앱 push 알림이 안 와요', ['en'], 'lexical')).toBe('lexical');
    expect(routeOf('앱 push 알림이 안 와요', ['en'], 'fused')).toBe('fused');
    // An encoder that covers both languages takes them whole.
    expect(routeOf('앱 push 알림이 안 와요', ['ko', 'en'], 'lexical')).toBe('fused');
  });
});

describe('fusing probabilities', () => {
  const lexical = [
    { intent: 'mail.spam', confidence: 0.3 },
    { intent: 'mail.storage_full', confidence: 0.25 },
    { intent: 'account.password_reset', confidence: 0.05 },
  ];

  it('lets a sure encoder settle what the lexical matcher could not', () => {
    const encoder = { labels: ['account.password_reset', 'mail.spam', 'mail.storage_full', 'oos'], probabilities: [0.01, 0.02, 0.95, 0.02] };
    const fused = fuseScores(lexical, encoder, 0.5);
    expect(fused.map((s) => s.intent)).toEqual(['mail.storage_full', 'mail.spam', 'account.password_reset']);
    expect(fused[0].confidence).toBeGreaterThan(0.5);
    // Weight 1 is the lexical matcher alone (renormalised with its "none of them").
    expect(fuseScores(lexical, encoder, 1)[0]).toEqual({ intent: 'mail.spam', confidence: expect.closeTo(0.3, 10) });
  });

  it('keeps confidence low when both lean to out of scope', () => {
    const encoder = { labels: ['account.password_reset', 'mail.spam', 'mail.storage_full', 'oos'], probabilities: [0.05, 0.1, 0.05, 0.8] };
    const fused = fuseScores([{ intent: 'mail.spam', confidence: 0.1 }], encoder, 0.5);
    expect(fused[0].intent).toBe('mail.spam');
    expect(fused[0].confidence).toBeLessThan(0.2);
  });

  it('puts fused confidences on the lexical scale, with the fused threshold on the lexical one', () => {
    expect(toLexicalScale(0.3, 0.3, 0.13)).toBeCloseTo(0.13, 10);
    expect(toLexicalScale(0, 0.3, 0.13)).toBe(0);
    expect(toLexicalScale(1, 0.3, 0.13)).toBeCloseTo(1, 10);
    const points = [0, 0.1, 0.29, 0.31, 0.6, 0.99].map((c) => toLexicalScale(c, 0.3, 0.13));
    expect([...points].sort((a, b) => a - b)).toEqual(points);
  });
});
