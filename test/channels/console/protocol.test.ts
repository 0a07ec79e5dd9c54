import { describe, expect, it } from 'vitest';
import { parseConsoleLine, parseIsoDuration } from '../../../src/channels/console/protocol.js';

describe('console protocol lines', () => {
  it('reads user, choice, agent and advance lines', () => {
    expect(parseConsoleLine('{"user":"u1","text":"안녕","lang":"ko"}')).toEqual({ kind: 'user', line: { user: 'u1', text: '안녕', lang: 'ko' } });
    expect(parseConsoleLine('{"user":"u1","choose":"solved"}')).toEqual({ kind: 'user', line: { user: 'u1', choose: 'solved' } });
    expect(parseConsoleLine('{"agent":"a1","case":"K7P-4QX","do":"claim"}')).toMatchObject({ kind: 'agent' });
    expect(parseConsoleLine('{"advance":"PT25H"}')).toEqual({ kind: 'advance', ms: 25 * 3_600_000 });
  });

  it('explains what is wrong with a bad line', () => {
    expect(parseConsoleLine('nope')).toEqual({ error: expect.stringContaining('not valid JSON') });
    expect(parseConsoleLine('[]')).toEqual({ error: 'each line must be a JSON object' });
    expect(parseConsoleLine('{"user":"u1"}')).toEqual({ error: expect.stringContaining('give "text"') });
    expect(parseConsoleLine('{"user":"u1","text":"x","extra":1}')).toEqual({ error: expect.stringContaining('user line') });
    expect(parseConsoleLine('{"agent":"a1","case":"X"}')).toEqual({ error: expect.stringContaining('"do"') });
    expect(parseConsoleLine('{"agent":"a1","case":"X","do":"delete"}')).toEqual({ error: expect.stringContaining('agent line') });
    expect(parseConsoleLine('{"advance":"tomorrow"}')).toEqual({ error: expect.stringContaining('ISO-8601') });
    expect(parseConsoleLine('{"hello":1}')).toEqual({ error: expect.stringContaining('unknown line') });
  });

  it('parses ISO-8601 durations', () => {
    expect(parseIsoDuration('P3D')).toBe(3 * 86_400_000);
    expect(parseIsoDuration('P1DT1H30M')).toBe(86_400_000 + 5_400_000);
    expect(parseIsoDuration('PT0.5S')).toBe(500);
    expect(parseIsoDuration('P1W')).toBe(7 * 86_400_000);
    expect(parseIsoDuration('P')).toBeNull();
    expect(parseIsoDuration('PT')).toBeNull();
    expect(parseIsoDuration('25H')).toBeNull();
  });
});
