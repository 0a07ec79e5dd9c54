/**
 * A k-nearest-neighbour classifier on sentence embeddings: a message's k most similar training examples (cosine
 * similarity), each class scored by its most similar one among them, and a softmax of those scores at a low
 * temperature. It complements the logistic regression (embedding-classifier.ts): it remembers rare phrasings that
 * a linear boundary averages away. The training vectors are referenced, not copied.
 */
import type { EmbeddingClassifier } from './embedding-classifier.js';

/** Settings; the defaults were measured on Banking77 and CLINC150 (train → a held-out part of train). */
export interface NearestNeighbourOptions {
  /** How many neighbours vote. */
  k?: number;
  /** Softmax temperature on the cosine similarities. */
  temperature?: number;
}

const DEFAULTS: Required<NearestNeighbourOptions> = { k: 10, temperature: 0.05 };

function norm(vector: Float32Array): number {
  let s = 0;
  for (let d = 0; d < vector.length; d++) s += vector[d] * vector[d];
  return Math.sqrt(s);
}

/** The classifier over labelled vectors (labels[i] is the class of vectors[i]); classes come out sorted. */
export function createNearestNeighbours(vectors: readonly Float32Array[], labels: readonly string[], options: NearestNeighbourOptions = {}): EmbeddingClassifier {
  const { k, temperature } = { ...DEFAULTS, ...options };
  if (vectors.length === 0 || vectors.length !== labels.length) throw new Error('nearest neighbours need as many labels as vectors, and at least one');
  const classes = [...new Set(labels)].sort();
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const classOf = Int32Array.from(labels, (l) => classIndex.get(l) ?? 0);
  const inverseNorm = Float32Array.from(vectors, (v) => 1 / (norm(v) || 1));
  const want = Math.min(k, vectors.length);
  return {
    labels: classes,
    probabilities(query) {
      const queryScale = 1 / (norm(query) || 1);
      // The best `want` similarities so far, highest first (insertion into a short sorted list).
      const topSim = new Float64Array(want).fill(-Infinity);
      const topRow = new Int32Array(want).fill(-1);
      for (let i = 0; i < vectors.length; i++) {
        const v = vectors[i];
        let dot = 0;
        for (let d = 0; d < v.length; d++) dot += v[d] * query[d];
        const sim = dot * inverseNorm[i] * queryScale;
        if (sim <= topSim[want - 1]) continue;
        let at = want - 1;
        while (at > 0 && topSim[at - 1] < sim) {
          topSim[at] = topSim[at - 1];
          topRow[at] = topRow[at - 1];
          at--;
        }
        topSim[at] = sim;
        topRow[at] = i;
      }
      const out = new Float64Array(classes.length);
      const best = new Float64Array(classes.length).fill(-Infinity);
      for (let r = 0; r < want; r++) if (topRow[r] >= 0) best[classOf[topRow[r]]] = Math.max(best[classOf[topRow[r]]], topSim[r]);
      // Classes without a neighbour get no probability; the fusion floors it.
      let sum = 0;
      for (let c = 0; c < classes.length; c++) {
        out[c] = best[c] === -Infinity ? 0 : Math.exp((best[c] - topSim[0]) / temperature);
        sum += out[c];
      }
      for (let c = 0; c < classes.length; c++) out[c] /= sum;
      return out;
    },
  };
}
