/** Hangul character classes and jamo decomposition. */

const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;

/** True for a precomposed Hangul syllable (가-힣). */
export function isHangulSyllable(code: number): boolean {
  return code >= SYLLABLE_FIRST && code <= SYLLABLE_LAST;
}

/** True for a Hangul syllable or a standalone jamo (ㅋ, ㅠ, ㅂㅂ as people type them). */
export function isHangul(code: number): boolean {
  return isHangulSyllable(code) || (code >= 0x3131 && code <= 0x318e) || (code >= 0x1100 && code <= 0x11ff);
}

/**
 * Writes the jamo of a syllable (initial, medial, optional final) as small integers into out at pos and
 * returns the new position; a non-syllable is written as itself. Jamo let a typo in one consonant
 * (비밀번로 for 비밀번호) still share most features.
 */
export function pushJamo(code: number, out: Int32Array, pos: number): number {
  if (!isHangulSyllable(code)) {
    out[pos] = code;
    return pos + 1;
  }
  const s = code - SYLLABLE_FIRST;
  const final = s % 28;
  out[pos] = 0x1100 + Math.floor(s / 588);
  out[pos + 1] = 0x1161 + Math.floor((s % 588) / 28);
  if (final === 0) return pos + 2;
  out[pos + 2] = 0x11a7 + final;
  return pos + 3;
}
