import { describe, expect, it } from 'vitest';
import { appendCopy, appendString, setUnit, startString, takeString } from '../../src/nlu/text-buffer.js';

describe('text buffer: a string built from strings and copies of what is already in it', () => {
  // Short strings and copies are written unit by unit, longer ones by Buffer: lengths on both sides of the switch.
  it.each([0, 1, 15, 16, 17, 33, 5000])('appends and copies %i units', (n) => {
    const s = Array.from({ length: n }, (_, i) => String.fromCharCode(0x41 + (i % 26), 0xac00 + i)).join('').slice(0, n);
    startString();
    appendString(s);
    appendString('|');
    appendCopy(0, n);
    appendString('끝');
    expect(takeString(0)).toBe(`${s}|${s}끝`);
    startString();
    appendString(`x${s}`);
    appendCopy(1, n + 1);
    expect(takeString(n + 1)).toBe(s);
  });

  it('keeps units that are not text on their own (lone surrogates) and replaces single units', () => {
    startString();
    appendString('a\uD800b\uDC00c');
    appendCopy(1, 4);
    setUnit(0, 0x41);
    expect(takeString(0)).toBe('A\uD800b\uDC00c\uD800b\uDC00');
  });
});
