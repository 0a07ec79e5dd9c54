import { describe, expect, it } from 'vitest';
import { trainSoftmaxRegression, trainSoftmaxRegressionAsync } from '../../src/nlu/softmax-regression.js';

/** Three classes of 2-D points around (4, 0), (0, 4) and (-4, -4), with a third constant dimension. */
function blobs(perClass: number, seed: number): { vectors: Float32Array[]; labels: string[] } {
  let s = seed;
  const random = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const centres: Record<string, [number, number]> = { east: [4, 0], north: [0, 4], southwest: [-4, -4] };
  const vectors: Float32Array[] = [];
  const labels: string[] = [];
  for (const [label, [x, y]] of Object.entries(centres)) {
    for (let i = 0; i < perClass; i++) {
      vectors.push(Float32Array.of(x + random() * 1.5, y + random() * 1.5, 1));
      labels.push(label);
    }
  }
  return { vectors, labels };
}

function best(probabilities: Float64Array, labels: readonly string[]): string {
  let b = 0;
  for (let c = 1; c < probabilities.length; c++) if (probabilities[c] > probabilities[b]) b = c;
  return labels[b];
}

describe('softmax regression', () => {
  it('learns a separable set and classifies points it never saw', () => {
    const train = blobs(40, 7);
    const model = trainSoftmaxRegression(train.vectors, train.labels, { epochs: 30, learningRate: 0.05 });
    expect(model.labels).toEqual(['east', 'north', 'southwest']);
    expect(model.dimensions).toBe(3);
    const test = blobs(20, 99);
    const right = test.vectors.filter((v, i) => best(model.probabilities(v), model.labels) === test.labels[i]).length;
    expect(right).toBe(test.vectors.length);
    // Confident on a point deep in a class, and the probabilities are a distribution.
    const p = model.probabilities(Float32Array.of(0, 6, 1));
    expect(p[model.labels.indexOf('north')]).toBeGreaterThan(0.95);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('trains the same model between other work, giving the event loop back', async () => {
    const train = blobs(40, 7);
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const model = await trainSoftmaxRegressionAsync(train.vectors, train.labels, { epochs: 30, learningRate: 0.05 }, 0);
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(0);
    const same = trainSoftmaxRegression(train.vectors, train.labels, { epochs: 30, learningRate: 0.05 });
    const point = Float32Array.of(1, 1, 1);
    expect(Array.from(model.probabilities(point))).toEqual(Array.from(same.probabilities(point)));
  });

  it('refuses vectors without labels', () => {
    expect(() => trainSoftmaxRegression([Float32Array.of(1)], [])).toThrow(/as many labels as vectors/);
  });
});
