import { describe, expect, it } from 'vitest';
import { PatternScanner } from '../../src/nlu/pattern-scanner.js';

/** Every match as [start, end], the way String.prototype.matchAll finds them. */
function withMatchAll(pattern: RegExp, text: string): Array<[number, number]> {
  return [...text.matchAll(new RegExp(pattern.source, `g${pattern.flags}`))].map((m) => [m.index, m.index + m[0].length]);
}

function withScanner(scanner: PatternScanner, text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  scanner.reset();
  while (scanner.next(text)) found.push([scanner.start, scanner.end]);
  return found;
}

describe('PatternScanner finds the matches exec finds', () => {
  const cases: Array<[string, RegExp, number, string, string]> = [
    ['a lookbehind that depends on what comes before the match', /(?<![A-Za-z0-9.-])[2-6](?:[ .-]{0,3}\d){12,22}(?![A-Za-z0-9])/, 89, '[2-6]', 'x4111 1111 1111 1111, 4111-1111-1111-1111 and a4111111111111111 or .5555555555554444 then 5555 5555 5555 4444'],
    ['alternatives where a later one is longer', /pass(?:word)?s?|pw/, 10, 'p', 'passwords, password, pass, pws, pwpass'],
    ['matches back to back', /\d{2,4}/, 4, '\\d', '1234567890 12 3'],
    ['a case-insensitive pattern', /token=\w+/i, 64, 't', 'TOKEN=abc&token=def Token=x'],
    ['no match at all', /\d{5}/, 5, '\\d', 'abc 1234 de'],
    // Where a match can start with any of several characters, the first of them that starts one is found,
    // not a later one that also could.
    ['a match that can start with several characters', /(?<![0-9+(])(?:\+82 ?|\(?0)1\d\)?[ -]?\d{4}/, 12, '[+0(]', '+82 101234 (010)1234 +82 (010)5678 010-1234 0101234'],
    ['characters of the first class just before a match that do not start one', /(?<![\d-])[2-6]\d{2,5}/, 12, '[2-6]', '2-34567 5 23 456789 3-345 4 55 6'],
  ];
  it.each(cases)('%s', (_name, pattern, maxLength, firstCharacter, text) => {
    expect(withScanner(new PatternScanner(pattern, maxLength, firstCharacter), text)).toEqual(withMatchAll(pattern, text));
  });

  it('starts over on a new text after reset', () => {
    const scanner = new PatternScanner(/\d+/, 20, '\\d');
    expect(withScanner(scanner, 'a 12 b 345')).toEqual([[2, 4], [7, 10]]);
    expect(withScanner(scanner, '9')).toEqual([[0, 1]]);
  });
});
