import { describe, expect, it } from 'vitest';
import { CASE_ID_ALPHABET, findCaseIdInText, generateCaseId, normalizeCaseId } from '../../src/cases/case-id.js';

const FORMAT = /^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{3}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{3}$/;

/** A byte source that replays the given bytes (cycling), to make ids deterministic. */
function replay(bytes: number[]): (n: number) => Uint8Array {
  let i = 0;
  return (n) => Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length]);
}

describe('generateCaseId', () => {
  it('uses only unambiguous characters, in the XXX-XXX form', () => {
    expect(CASE_ID_ALPHABET).toHaveLength(30);
    expect(CASE_ID_ALPHABET).not.toMatch(/[01OILU]/);
    for (let i = 0; i < 500; i++) expect(generateCaseId()).toMatch(FORMAT);
  });

  it('maps bytes onto the alphabet and skips bytes that would bias it', () => {
    // 240..255 are rejected; 0 → '2', 29 → 'Z', 30 → '2' again.
    expect(generateCaseId(replay([255, 0, 240, 29, 30, 1, 2, 3]))).toBe('2Z2-345');
  });

  it('keeps drawing when a whole batch is rejected', () => {
    let calls = 0;
    const source = (n: number) => {
      calls++;
      return new Uint8Array(n).fill(calls === 1 ? 250 : 7);
    };
    expect(generateCaseId(source)).toBe('999-999');
    expect(calls).toBe(2);
  });

  it('is spread evenly and not sequential', () => {
    const ids = Array.from({ length: 3000 }, () => generateCaseId());
    // 30^6 ids: 3,000 draws collide about 0.6% of the time (birthday bound), which the core retries.
    expect(new Set(ids).size).toBeGreaterThanOrEqual(ids.length - 2);
    const counts = new Map<string, number>();
    for (const id of ids) for (const ch of id.replace('-', '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    // 18,000 characters over 30 symbols: 600 each on average; a biased draw would stand out.
    for (const ch of CASE_ID_ALPHABET) expect(counts.get(ch)).toBeGreaterThan(450);
    for (const ch of CASE_ID_ALPHABET) expect(counts.get(ch)).toBeLessThan(750);
  });
});

describe('normalizeCaseId', () => {
  it.each([
    ['K7P-4QX', 'K7P-4QX'],
    ['k7p-4qx', 'K7P-4QX'],
    ['K7P4QX', 'K7P-4QX'],
    ['  k7p 4qx ', 'K7P-4QX'],
    ['zzz-zzz', 'ZZZ-ZZZ'],
  ])('%s → %s', (input, id) => expect(normalizeCaseId(input)).toBe(id));

  it.each(['K0P-4QX', 'KOP-4QX', 'K1P-4QX', 'KIP-4QX', 'KLP-4QX', 'KUP-4QX', 'K7P-4Q', 'K7P-4QXX', '', '???-???', 'K7P--4QX'])(
    '"%s" is not an id (look-alikes are not guessed)',
    (input) => expect(normalizeCaseId(input)).toBeNull(),
  );
});

describe('findCaseIdInText', () => {
  it.each([
    ['K7P-4QX 상태 알려줘', 'K7P-4QX'],
    ['접수번호 K7P-4QX 어떻게 됐나요?', 'K7P-4QX'],
    ['k7p-4qx 상태', 'K7P-4QX'],
    ['ZZZ-ZZZ 상태 알려주세요', 'ZZZ-ZZZ'],
    ['(K7P-4QX)', 'K7P-4QX'],
    ['case K7P-4QX please', 'K7P-4QX'],
    ['K7P-4QX문의', 'K7P-4QX'],
  ])('%s → %s', (text, id) => expect(findCaseIdInText(text)).toBe(id));

  it.each(['내 문의 어떻게 됐어요?', 'ORD-2026-1234', 'pre-set values', 'wi-fi', '2026-11-20', 'ERR_CONNECTION_RESET', 'AB-CDE-FGH-JK', '', '🙂'])(
    'no id in "%s"',
    (text) => expect(findCaseIdInText(text)).toBeNull(),
  );
});

describe('a broken byte source', () => {
  it('does not hang when the source yields nothing usable', () => {
    expect(generateCaseId(() => new Uint8Array(0))).toMatch(FORMAT);
    expect(generateCaseId((n) => new Uint8Array(n).fill(255))).toMatch(FORMAT);
  });
});
