import { describe, expect, it } from 'vitest';
import { loadMaskingCorpus, scoreMasking } from '../../src/bench/masking-corpus.js';

describe('the masking corpus', () => {
  const corpus = loadMaskingCorpus();
  const score = scoreMasking(corpus);

  it('has at least 200 secret-bearing and 200 harmless support messages', () => {
    expect(score.secretMessages).toBeGreaterThanOrEqual(200);
    expect(score.harmlessMessages).toBeGreaterThanOrEqual(200);
  });

  it('hides every secret in every secret-bearing message (recall 100%)', () => {
    expect(score.leaks).toEqual([]);
    expect(score.recall).toBe(1);
  });

  it('changes at most 2% of the harmless messages', () => {
    expect(score.falsePositiveRate, score.falsePositives.join('\n')).toBeLessThanOrEqual(0.02);
  });
});
