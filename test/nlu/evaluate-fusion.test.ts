import { describe, expect, it } from 'vitest';
import { chooseFusion, type ScoredPair } from '../../src/nlu/evaluate-fusion.js';

/** Messages of intents a and b on which the lexical matcher cannot tell them apart, with each classifier's view. */
function messages(regressionRight: boolean): ScoredPair[] {
  return ['a', 'b', 'a', 'b'].map((gold) => {
    const right = (p: number) => Float64Array.from(gold === 'a' ? [p, 1 - p] : [1 - p, p]);
    return {
      gold,
      lexical: { gold, predicted: 'a', confidence: 0.4 },
      lexicalRanking: [
        { intent: 'a', confidence: 0.4 },
        { intent: 'b', confidence: 0.4 },
      ],
      coverage: 'all',
      // The regression leans a little (right or wrong), the neighbours are sure and right.
      encoder: { regression: right(regressionRight ? 0.6 : 0.4), neighbours: right(0.9) },
    };
  });
}

describe('choosing the fusion on held-out messages', () => {
  it('gives the nearest neighbours weight when the regression is wrong on the held-out messages', () => {
    const { params } = chooseFusion(messages(false), ['a', 'b']);
    expect(params.regressionWeight).toBe(0.7);
    expect(params.weight).toBeLessThan(1);
  });

  it('keeps the regression alone when it is right already', () => {
    const { params } = chooseFusion(messages(true), ['a', 'b']);
    expect(params.regressionWeight).toBe(1);
    expect(params.weight).toBeLessThan(1);
  });
});
