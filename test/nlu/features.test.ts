import { describe, expect, it } from 'vitest';
import { createFeatureExtractor } from '../../src/nlu/features.js';
import { stripKoreanSuffix } from '../../src/nlu/korean.js';
import { normalizeForMatching } from '../../src/nlu/normalize.js';

/** Cosine similarity of two texts' feature bags (what the matcher compares, before weighting). */
function similarity(a: string, b: string): number {
  const extractor = createFeatureExtractor();
  const bag = (t: string) => {
    const { hashes, counts, size } = extractor.extract(t);
    const m = new Map<number, number>();
    for (let i = 0; i < size; i++) m.set(hashes[i], counts[i]);
    return m;
  };
  const x = bag(a);
  const y = bag(b);
  let dot = 0;
  for (const [h, c] of x) dot += c * (y.get(h) ?? 0);
  const norm = (m: Map<number, number>) => Math.sqrt([...m.values()].reduce((s, c) => s + c * c, 0));
  return dot / (norm(x) * norm(y) || 1);
}

describe('Korean features', () => {
  it('finds features in Hangul text, which word tokenizers for English drop', () => {
    expect(createFeatureExtractor().extract('비밀번호를 잊어버렸어요').size).toBeGreaterThan(10);
  });

  it('treats a sentence typed without spaces like the spaced one', () => {
    const unrelated = similarity('비밀번호를 잊어버렸어요', '지도가 안 떠요');
    const spaceless = similarity('비밀번호를 잊어버렸어요', '비밀번호를잊어버렸어요');
    expect(spaceless).toBeGreaterThan(0.6);
    expect(spaceless).toBeGreaterThan(unrelated + 0.4);
  });

  it('strips particles and polite endings from word forms', () => {
    expect(stripKoreanSuffix('비밀번호를')).toBe('비밀번호');
    expect(stripKoreanSuffix('메일함에서')).toBe('메일함');
    expect(stripKoreanSuffix('앱이')).toBe('앱');
    expect(stripKoreanSuffix('변경했어요')).toBe('변경');
    // A word that is only a particle-like syllable stays as it is.
    expect(stripKoreanSuffix('가')).toBe('가');
  });

  it('keeps most features when one consonant is mistyped', () => {
    const typo = similarity('비밀번호 변경', '비밀번로 변경');
    expect(typo).toBeGreaterThan(similarity('비밀번호 변경', '메일함 용량'));
    expect(typo).toBeGreaterThan(0.5);
  });

  it('reads slang and short forms as the usual words', () => {
    expect(similarity('비번 바꾸고 싶어요', '비밀번호 바꾸고 싶어요')).toBeGreaterThan(0.95);
    expect(similarity('폰에서 안돼요', '휴대폰에서 안돼요')).toBeGreaterThan(0.95);
    expect(similarity('어플이 꺼져요', '앱이 꺼져요')).toBeGreaterThan(0.95);
    expect(similarity('forgot my pw', 'forgot my password')).toBeGreaterThan(0.95);
  });

  it('keeps English words inside a Korean sentence', () => {
    expect(similarity('wifi가 안돼요', 'wifi 안돼요')).toBeGreaterThan(similarity('wifi가 안돼요', '안돼요'));
  });
});

describe('robustness', () => {
  it('ignores emoji and zero-width characters inside words', () => {
    expect(similarity('비밀\u200B번호 변경 😀', '비밀번호 변경')).toBeGreaterThan(0.99);
    expect(createFeatureExtractor().extract('😀🎉👍').size).toBe(0);
  });

  it('folds full-width letters and case', () => {
    expect(similarity('ＷｉＦｉ 안돼요', 'wifi 안돼요')).toBeGreaterThan(0.99);
    expect(normalizeForMatching('PASSWORD\tReset\u0007')).toBe('password reset ');
  });

  it('handles empty, control-only and 50 KB inputs', () => {
    const extractor = createFeatureExtractor();
    expect(extractor.extract('').size).toBe(0);
    expect(extractor.extract('\u0000\u0001\n\t').size).toBe(0);
    const big = extractor.extract('비밀번호 password 재설정 '.repeat(2500));
    expect(big.size).toBeGreaterThan(0);
    expect(big.size).toBeLessThan(2000);
  });

  it('stems English words with the Porter stemmer', () => {
    expect(similarity('cancelled payments', 'cancel payment')).toBeGreaterThan(similarity('cancelled payments', 'refund request'));
  });
});
