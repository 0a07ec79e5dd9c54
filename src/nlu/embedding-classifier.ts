/**
 * The classifiers on sentence embeddings that the fusion (fusion.ts) combines with the lexical matcher: a logistic
 * regression and a k-nearest-neighbour vote, pooled as a weighted geometric mean of their probabilities with a
 * weight chosen on held-out data along with the fusion's (the neighbours help on Banking77, 91.2% → 91.6%, and are
 * not chosen on CLINC150; see docs/benchmarks.md, "Sentence encoder").
 */
import { createNearestNeighbours, type NearestNeighbourOptions } from './nearest-neighbours.js';
import { trainSoftmaxRegression, trainSoftmaxRegressionAsync, type SoftmaxRegressionOptions } from './softmax-regression.js';

/** A classifier of vectors: its classes (sorted) and the probability of each for one vector. */
export interface EmbeddingClassifier {
  readonly labels: readonly string[];
  /** The probability of each class, in the order of labels (a new array each call). */
  probabilities(vector: Float32Array): Float64Array;
}

/** The two classifiers on the same examples, pooled per message with the weight the fusion chose (FusionParams). */
export interface EmbeddingClassifiers {
  /** The classes of both, sorted. */
  readonly labels: readonly string[];
  readonly regression: EmbeddingClassifier;
  /** Absent where the fusion uses the regression alone (the bot as shipped), so nothing holds on to the vectors. */
  readonly neighbours?: EmbeddingClassifier;
}

/** How the classifiers are made; every setting has a measured default. */
export interface EmbeddingClassifierOptions {
  regression?: SoftmaxRegressionOptions;
  neighbours?: NearestNeighbourOptions;
}

/** Probabilities are floored here before their logarithm, as in the fusion. */
const FLOOR = 1e-6;

/** The weighted geometric mean of two distributions over the same classes, renormalised (a new array; p's copy at weight 1). */
export function poolProbabilities(p: ArrayLike<number>, q: ArrayLike<number>, weightOfP: number): Float64Array {
  if (weightOfP >= 1) return Float64Array.from(p);
  const out = new Float64Array(p.length);
  let sum = 0;
  for (let c = 0; c < p.length; c++) {
    out[c] = Math.exp(weightOfP * Math.log(Math.max(p[c], FLOOR)) + (1 - weightOfP) * Math.log(Math.max(q[c], FLOOR)));
    sum += out[c];
  }
  for (let c = 0; c < out.length; c++) out[c] /= sum;
  return out;
}

/** The classifiers pooled with the regression's weight (the neighbours get 1 − it; at 1 they are not consulted). */
export function pooledClassifier(classifiers: EmbeddingClassifiers, regressionWeight: number): EmbeddingClassifier {
  const { regression, neighbours } = classifiers;
  if (regressionWeight >= 1) return regression;
  if (!neighbours) throw new Error(`pooling at regression weight ${regressionWeight} needs the nearest neighbours`);
  return { labels: classifiers.labels, probabilities: (vector) => poolProbabilities(regression.probabilities(vector), neighbours.probabilities(vector), regressionWeight) };
}

function pair(regression: EmbeddingClassifier, neighbours: EmbeddingClassifier): BothClassifiers {
  if (regression.labels.length !== neighbours.labels.length || regression.labels.some((l, i) => l !== neighbours.labels[i])) throw new Error('both classifiers must have the same classes');
  return { labels: regression.labels, regression, neighbours };
}

/** Both classifiers, as the benchmarks train them to choose a regression weight. */
export type BothClassifiers = EmbeddingClassifiers & { readonly neighbours: EmbeddingClassifier };

/** Trains both in one go (benchmarks, tests). */
export function trainEmbeddingClassifiers(vectors: readonly Float32Array[], labels: readonly string[], options: EmbeddingClassifierOptions = {}): BothClassifiers {
  return pair(trainSoftmaxRegression(vectors, labels, options.regression), createNearestNeighbours(vectors, labels, options.neighbours));
}

/**
 * Trains, between other work (the bot), what pooling at `regressionWeight` uses: the neighbours only below 1. The
 * regression gives the event loop back every `sliceMs`.
 */
export async function trainEmbeddingClassifiersAsync(
  vectors: readonly Float32Array[],
  labels: readonly string[],
  regressionWeight: number,
  options: EmbeddingClassifierOptions = {},
  sliceMs?: number,
): Promise<EmbeddingClassifiers> {
  const regression = await trainSoftmaxRegressionAsync(vectors, labels, options.regression, sliceMs);
  return regressionWeight < 1 ? pair(regression, createNearestNeighbours(vectors, labels, options.neighbours)) : { labels: regression.labels, regression };
}
