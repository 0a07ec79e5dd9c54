import { describe, expect, it } from 'vitest';
import { chooseThreshold, decideMatch, trainMatcher } from '../../src/nlu/matcher.js';
import { FIXTURE } from './fixtures.js';

const matcher = trainMatcher(FIXTURE, { threshold: 0.5 });

describe('trainMatcher', () => {
  it('ranks the right intent first in Korean, however it is typed', () => {
    for (const text of ['비밀번호를 잊어버렸어요', '비밀번호잊어버렸어요', '비번 까먹었어요', '비밀번로 재설정 하고싶어요']) {
      expect(matcher.match(text).intent, text).toBe('account.password_reset');
    }
    expect(matcher.match('메일함이 꽉 차서 메일을 못 받아요').intent).toBe('mail.storage_full');
    expect(matcher.match('길찾기 안돼요ㅠㅠ').intent).toBe('maps.error');
  });

  it('ranks the right intent first in English', () => {
    expect(matcher.match('forgot my pw').intent).toBe('account.password_reset');
    expect(matcher.match('the map won’t load').intent).toBe('maps.error');
    expect(matcher.match('can I get a refund please').intent).toBe('payment.refund');
  });

  it('returns at most k guesses, best first, with confidences in [0, 1]', () => {
    const ranked = matcher.rank('비밀번호 재설정 메일이 안 와요', 3);
    expect(ranked).toHaveLength(3);
    expect(ranked[0].intent).toBe('account.password_reset');
    for (let i = 0; i < ranked.length; i++) {
      expect(ranked[i].confidence).toBeGreaterThanOrEqual(0);
      expect(ranked[i].confidence).toBeLessThanOrEqual(1);
      if (i > 0) expect(ranked[i].confidence).toBeLessThanOrEqual(ranked[i - 1].confidence);
    }
  });

  it('says out of scope below the threshold', () => {
    for (const text of ['오늘 서울 날씨 어때요', 'what is the capital of australia', '😀😀', '']) {
      const result = matcher.match(text);
      expect(result.intent, text).toBe('oos');
      expect(result.confidence).toBeLessThan(matcher.threshold);
    }
  });

  it('never offers the oos reject class as a guess', () => {
    const withOos = trainMatcher([...FIXTURE, { text: '오늘 날씨 알려줘', intent: 'oos' }, { text: 'tell me a joke', intent: 'oos' }]);
    expect(withOos.rank('오늘 날씨 알려줘', 10).map((s) => s.intent)).not.toContain('oos');
    expect(withOos.match('오늘 날씨 알려줘').intent).toBe('oos');
  });

  it('asks which one was meant when two intents are equally close', () => {
    const twins = trainMatcher([
      { text: '카드 결제 환불', intent: 'refund' },
      { text: '카드 결제 취소', intent: 'cancel' },
      { text: '지도 오류', intent: 'maps' },
    ], { threshold: 0.1 });
    const result = twins.match('카드 결제');
    expect(result.ambiguous).toBe(true);
    expect(result.ranked.slice(0, 2).map((s) => s.intent).sort()).toEqual(['cancel', 'refund']);
    expect(twins.match('카드 결제 환불').ambiguous).toBe(false);
  });

  it('survives huge and odd inputs', () => {
    expect(() => matcher.match('비밀번호 '.repeat(10_000))).not.toThrow();
    expect(matcher.match('비밀번호 '.repeat(10_000)).intent).toBe('account.password_reset');
    expect(() => matcher.match('\u0000\u200B\uFEFF\uD83D')).not.toThrow();
  });

  it('trains the same model twice from the same data', () => {
    const again = trainMatcher(FIXTURE, { threshold: 0.5 });
    expect(again.rank('비밀번호 변경', 3)).toEqual(matcher.rank('비밀번호 변경', 3));
  });
});

describe('decideMatch', () => {
  it('applies threshold and ambiguity margin', () => {
    const ranked = [
      { intent: 'a', confidence: 0.46 },
      { intent: 'b', confidence: 0.4 },
    ];
    expect(decideMatch(ranked, 0.5, 0.1)).toMatchObject({ intent: 'oos', ambiguous: false });
    expect(decideMatch(ranked, 0.3, 0.1)).toMatchObject({ intent: 'a', ambiguous: true });
    expect(decideMatch(ranked, 0.3, 0.05)).toMatchObject({ intent: 'a', ambiguous: false });
    expect(decideMatch([], 0.3, 0.1)).toMatchObject({ intent: 'oos', confidence: 0 });
  });
});

describe('chooseThreshold', () => {
  it('picks the threshold with the best accuracy when oos counts as a class', () => {
    const scored = [
      { gold: 'a', predicted: 'a', confidence: 0.9 },
      { gold: 'b', predicted: 'b', confidence: 0.7 },
      { gold: 'oos', predicted: 'a', confidence: 0.4 },
      { gold: 'oos', predicted: 'b', confidence: 0.3 },
      { gold: 'a', predicted: 'b', confidence: 0.2 },
    ];
    const t = chooseThreshold(scored);
    expect(t).toBeGreaterThan(0.4);
    expect(t).toBeLessThanOrEqual(0.7);
  });

  it('rejects nothing when there are no oos examples and no wrong guesses to save', () => {
    expect(chooseThreshold([{ gold: 'a', predicted: 'a', confidence: 0.3 }])).toBe(0);
  });
});
