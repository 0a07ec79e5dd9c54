import { describe, expect, it } from 'vitest';
import { poolProbabilities, pooledClassifier, trainEmbeddingClassifiers, trainEmbeddingClassifiersAsync, type EmbeddingClassifier } from '../../src/nlu/embedding-classifier.js';
import { createNearestNeighbours } from '../../src/nlu/nearest-neighbours.js';

const v = (...xs: number[]) => Float32Array.from(xs);

function top(c: EmbeddingClassifier, vector: Float32Array): string {
  const p = c.probabilities(vector);
  let b = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[b]) b = i;
  return c.labels[b];
}

describe('nearest neighbours on embeddings', () => {
  // "card" is a ring of directions a linear boundary cannot separate from "cash" (in the middle of it).
  const vectors = [v(1, 0.1), v(0.1, 1), v(-1, 0.1), v(0.1, -1), v(2.1, 2.1), v(-2.1, -2.1)];
  const labels = ['card', 'card', 'cash', 'cash', 'top-up', 'top-up'];

  it('answers with the class of the most similar example, by direction not length', () => {
    const knn = createNearestNeighbours(vectors, labels, { k: 3, temperature: 0.05 });
    expect(knn.labels).toEqual(['card', 'cash', 'top-up']);
    expect(top(knn, v(10, 1.5))).toBe('card');
    expect(top(knn, v(-0.2, -3))).toBe('cash');
    expect(top(knn, v(0.6, 0.8))).toBe('top-up');
    const p = knn.probabilities(v(0.05, -2));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(p[1]).toBeGreaterThan(0.9);
  });

  it('gives no probability to classes with no example among the k nearest', () => {
    const knn = createNearestNeighbours(vectors, labels, { k: 1 });
    expect(Array.from(knn.probabilities(v(1, 0)))).toEqual([1, 0, 0]);
    // With every example voting, each class gets its best similarity's share, the nearest the most.
    const all = createNearestNeighbours(vectors, labels, { k: 6, temperature: 1 });
    const p = all.probabilities(v(1, 0));
    expect(p[0]).toBeGreaterThan(p[2]);
    expect(p[2]).toBeGreaterThan(p[1]);
    expect(p[1]).toBeGreaterThan(0);
  });

  it('refuses vectors without labels', () => {
    expect(() => createNearestNeighbours([v(1)], [])).toThrow(/as many labels as vectors/);
  });
});

describe('the pooled classifiers', () => {
  const fixed = (labels: string[], p: number[]): EmbeddingClassifier => ({ labels, probabilities: () => Float64Array.from(p) });

  it('is the weighted geometric mean of both, renormalised; at weight 1 the regression alone', () => {
    const pair = { labels: ['a', 'b'], regression: fixed(['a', 'b'], [0.9, 0.1]), neighbours: fixed(['a', 'b'], [0.1, 0.9]) };
    const p = pooledClassifier(pair, 0.75).probabilities(v(0));
    const a = Math.sqrt(Math.sqrt(0.9 ** 3 * 0.1));
    const b = Math.sqrt(Math.sqrt(0.1 ** 3 * 0.9));
    expect(p[0]).toBeCloseTo(a / (a + b), 12);
    expect(p[1]).toBeCloseTo(b / (a + b), 12);
    expect(Array.from(pooledClassifier(pair, 1).probabilities(v(0)))).toEqual([0.9, 0.1]);
    expect(Array.from(poolProbabilities([0.5, 0.5], [0, 1], 0.5))).toEqual([expect.closeTo(0.001, 4), expect.closeTo(0.999, 4)]);
  });

  it('trains both on the same examples', () => {
    const vectors = [v(1, 0, 1), v(0.9, 0.2, 1), v(0, 1, 1), v(0.1, 0.9, 1)];
    const c = trainEmbeddingClassifiers(vectors, ['x', 'x', 'y', 'y'], { regression: { epochs: 40, learningRate: 0.05 }, neighbours: { k: 2 } });
    expect(c.labels).toEqual(['x', 'y']);
    for (const half of [c.regression, c.neighbours]) {
      expect(top(half, v(0.95, 0.1, 1))).toBe('x');
      expect(top(half, v(0.05, 1, 1))).toBe('y');
    }
  });

  it('for the bot, trains the neighbours only when the pooling weight uses them', async () => {
    const vectors = [v(1, 0, 1), v(0.9, 0.2, 1), v(0, 1, 1), v(0.1, 0.9, 1)];
    const options = { regression: { epochs: 40, learningRate: 0.05 }, neighbours: { k: 2 } };
    const alone = await trainEmbeddingClassifiersAsync(vectors, ['x', 'x', 'y', 'y'], 1, options);
    expect(alone.neighbours).toBeUndefined();
    expect(top(pooledClassifier(alone, 1), v(0.95, 0.1, 1))).toBe('x');
    expect(() => pooledClassifier(alone, 0.5)).toThrow(/needs the nearest neighbours/);
    const both = await trainEmbeddingClassifiersAsync(vectors, ['x', 'x', 'y', 'y'], 0.5, options);
    expect(top(pooledClassifier(both, 0.5), v(0.05, 1, 1))).toBe('y');
  });
});
