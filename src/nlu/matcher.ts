/**
 * The intent matcher: TF-IDF weighted hashed features (see features.ts) scored by a multinomial logistic
 * regression whose weights live only on (feature, intent) pairs seen in that intent's examples. That
 * sparsity keeps 150 intents × 100k features in a few MB and a message's score in tens of microseconds;
 * competition between intents comes from the softmax. Training is a few epochs of SGD started from the
 * intents' TF-IDF centroids, so that intents with only a handful of examples behave like a nearest-centroid
 * classifier and intents with many examples become discriminative.
 */
import { createFeatureExtractor, DEFAULT_FEATURE_OPTIONS, GROUP_COUNT, groupOf, type FeatureOptions } from './features.js';
import type { IntentScore, LabelledExample, Matcher, MatchResult } from './types.js';

/** The label of out-of-scope examples and predictions. */
export const OOS = 'oos';

/**
 * Default out-of-scope threshold on the calibrated confidence, used when the caller gives none; the
 * shipped knowledge base's value is chosen by cross-validation (src/bench/intents-cv.ts).
 */
export const DEFAULT_THRESHOLD = 0.5;

/**
 * Default gap between the two best confidences under which the bot asks which one was meant. Measured on
 * CLINC150, Banking77 and ParaKQC val: below this gap the best guess is right less often than the right
 * intent is among the top two by a wide margin, so one question costs less than a wrong answer.
 */
export const DEFAULT_AMBIGUITY_MARGIN = 0.1;

/** What trainMatcher can be told; everything has a measured default. */
export interface MatcherOptions {
  threshold?: number;
  ambiguityMargin?: number;
  /** Feature extraction settings. */
  features?: FeatureOptions;
  /** Weight of each feature family (index: FeatureGroup). */
  groupWeights?: readonly number[];
  epochs?: number;
  learningRate?: number;
  /** Multiplier of the centroid weights the SGD starts from. */
  initScale?: number;
  /** Softmax temperature; undefined fits it on a held-out slice of the training data. */
  temperature?: number;
  /** How examples labelled oos are used: as a reject class, or ignored. */
  oosExamples?: 'class' | 'ignore';
  decay?: number;
  average?: boolean;
  /** Seed of the example shuffling, for reproducible models. */
  seed?: number;
}

const DEFAULT_GROUP_WEIGHTS = [1, 0.8, 1, 1, 0.5, 1];

/** The state of a trained model, shared by scoring and training. */
interface Model {
  labels: string[];
  oosClass: number;
  vocab: Map<number, number>;
  featureWeight: Float32Array;
  unknownWeight: Float64Array;
  postStart: Int32Array;
  postClass: Int32Array;
  weights: Float32Array;
  temperature: number;
}

/** A message as a sparse unit vector over the vocabulary. */
interface SparseVector {
  index: Int32Array;
  value: Float32Array;
  size: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(order: Int32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

/** Sublinear TF × weight, L2-normalised over all features, unknown ones included: unseen words dilute a message. */
function vectorize(
  hashes: Int32Array,
  counts: Int32Array,
  size: number,
  vocab: Map<number, number>,
  featureWeight: Float32Array,
  unknownWeight: Float64Array,
  out: SparseVector,
): void {
  let norm = 0;
  let known = 0;
  for (let k = 0; k < size; k++) {
    const tf = 1 + Math.log(counts[k]);
    const id = vocab.get(hashes[k]);
    if (id === undefined) {
      const v = tf * unknownWeight[groupOf(hashes[k])];
      norm += v * v;
    } else {
      const v = tf * featureWeight[id];
      norm += v * v;
      out.index[known] = id;
      out.value[known] = v;
      known++;
    }
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < known; k++) out.value[k] *= scale;
  out.size = known;
}

function scoreInto(model: Model, x: SparseVector, scores: Float64Array): void {
  scores.fill(0);
  const { postStart, postClass, weights } = model;
  for (let k = 0; k < x.size; k++) {
    const f = x.index[k];
    const v = x.value[k];
    const end = postStart[f + 1];
    for (let p = postStart[f]; p < end; p++) scores[postClass[p]] += v * weights[p];
  }
}

/** Turns scores into probabilities in place and returns them. */
function softmaxInPlace(scores: Float64Array, inverseTemperature: number): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) if (scores[c] > max) max = scores[c];
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp((scores[c] - max) * inverseTemperature);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c++) scores[c] /= sum;
  return scores;
}

interface Prepared {
  vectors: { index: Int32Array; value: Float32Array }[];
  classOf: Int32Array;
}

interface Bag {
  hashes: Int32Array;
  counts: Int32Array;
}

/** The features of every example, extracted once and shared by the calibration probe and the final model. */
function extractBags(examples: readonly LabelledExample[], options: MatcherOptions): Bag[] {
  const extractor = createFeatureExtractor(options.features ?? DEFAULT_FEATURE_OPTIONS);
  return examples.map((e) => {
    const bag = extractor.extract(e.text);
    return { hashes: bag.hashes.slice(), counts: bag.counts.slice() };
  });
}

/** Builds vocabulary, weights and the (feature, intent) support from training examples. */
function buildModel(bags: readonly Bag[], intents: readonly string[], options: MatcherOptions): { model: Model; prepared: Prepared } {
  const groupWeights = options.groupWeights ?? DEFAULT_GROUP_WEIGHTS;
  const labels = [...new Set(intents)].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const vocab = new Map<number, number>();
  const df: number[] = [];
  for (const bag of bags) {
    for (const h of bag.hashes) {
      const id = vocab.get(h);
      if (id === undefined) {
        vocab.set(h, df.length);
        df.push(1);
      } else df[id]++;
    }
  }
  const n = bags.length;
  const featureWeight = new Float32Array(df.length);
  for (const [h, id] of vocab) featureWeight[id] = (Math.log((n + 1) / (df[id] + 1)) + 1) * groupWeights[groupOf(h)];
  const unknownWeight = new Float64Array(GROUP_COUNT);
  for (let g = 0; g < GROUP_COUNT; g++) unknownWeight[g] = (Math.log((n + 1) / 1) + 1) * (groupWeights[g] ?? 1);

  const tmp: SparseVector = { index: new Int32Array(4096), value: new Float32Array(4096), size: 0 };
  const vectors = bags.map((bag) => {
    if (tmp.index.length < bag.hashes.length) {
      tmp.index = new Int32Array(bag.hashes.length);
      tmp.value = new Float32Array(bag.hashes.length);
    }
    vectorize(bag.hashes, bag.counts, bag.hashes.length, vocab, featureWeight, unknownWeight, tmp);
    return { index: tmp.index.slice(0, tmp.size), value: tmp.value.slice(0, tmp.size) };
  });
  const classOf = Int32Array.from(intents, (intent) => labelIndex.get(intent) ?? 0);

  // Support: the features of each intent's examples, as postings per feature (CSR, feature-major).
  const classCount = labels.length;
  const byClass: number[][] = labels.map(() => []);
  classOf.forEach((c, i) => byClass[c].push(i));
  const stamp = new Int32Array(df.length).fill(-1);
  const postCount = new Int32Array(df.length + 1);
  for (let c = 0; c < classCount; c++) {
    for (const i of byClass[c]) {
      for (const f of vectors[i].index) {
        if (stamp[f] !== c) {
          stamp[f] = c;
          postCount[f + 1]++;
        }
      }
    }
  }
  const postStart = new Int32Array(df.length + 1);
  for (let f = 0; f < df.length; f++) postStart[f + 1] = postStart[f] + postCount[f + 1];
  const fill = postStart.slice(0, df.length);
  const postClass = new Int32Array(postStart[df.length]);
  const centroid = new Float32Array(postStart[df.length]);
  stamp.fill(-1);
  const slot = new Int32Array(df.length);
  for (let c = 0; c < classCount; c++) {
    for (const i of byClass[c]) {
      const x = vectors[i];
      for (let k = 0; k < x.index.length; k++) {
        const f = x.index[k];
        if (stamp[f] !== c) {
          stamp[f] = c;
          slot[f] = fill[f]++;
          postClass[slot[f]] = c;
        }
        centroid[slot[f]] += x.value[k];
      }
    }
  }
  // Unit-length centroids: each intent starts as its examples' mean direction, whatever its example count.
  const norms = new Float64Array(classCount);
  for (let p = 0; p < centroid.length; p++) norms[postClass[p]] += centroid[p] * centroid[p];
  const initScale = options.initScale ?? 10;
  for (let p = 0; p < centroid.length; p++) centroid[p] *= initScale / Math.sqrt(norms[postClass[p]] || 1);
  const model: Model = {
    labels,
    oosClass: labelIndex.get(OOS) ?? -1,
    vocab,
    featureWeight,
    unknownWeight,
    postStart,
    postClass,
    weights: centroid,
    temperature: 1,
  };
  return { model, prepared: { vectors: vectors.map((v) => ({ index: v.index, value: v.value })), classOf } };
}

function sgd(model: Model, prepared: Prepared, rows: Int32Array, options: MatcherOptions): void {
  const epochs = options.epochs ?? 6;
  const lr0 = options.learningRate ?? 1;
  const random = mulberry32(options.seed ?? 42);
  const classCount = model.labels.length;
  const scores = new Float64Array(classCount);
  const order = rows.slice();
  const { postStart, postClass, weights } = model;
  const decay = options.decay ?? 0;
  const average = options.average ?? false;
  const sum = new Float32Array(average ? weights.length : 0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    const lr = lr0 / (1 + epoch);
    for (let r = 0; r < order.length; r++) {
      const i = order[r];
      const index = prepared.vectors[i].index;
      const value = prepared.vectors[i].value;
      const y = prepared.classOf[i];
      scores.fill(0);
      for (let k = 0; k < index.length; k++) {
        const f = index[k];
        const v = value[k];
        const end = postStart[f + 1];
        for (let p = postStart[f]; p < end; p++) scores[postClass[p]] += v * weights[p];
      }
      softmaxInPlace(scores, 1);
      scores[y] -= 1;
      for (let k = 0; k < index.length; k++) {
        const f = index[k];
        const step = lr * value[k];
        const end = postStart[f + 1];
        for (let p = postStart[f]; p < end; p++) weights[p] -= step * scores[postClass[p]];
      }
    }
    if (decay > 0) for (let p = 0; p < weights.length; p++) weights[p] *= 1 - decay;
    if (average) for (let p = 0; p < weights.length; p++) sum[p] += weights[p];
  }
  if (average) for (let p = 0; p < weights.length; p++) weights[p] = sum[p] / epochs;
}

/** The temperature (from a fixed grid) with the lowest negative log-likelihood on held-out examples. */
function fitTemperature(model: Model, held: readonly Bag[], intents: readonly string[]): number {
  const classCount = model.labels.length;
  const labelIndex = new Map(model.labels.map((l, i) => [l, i]));
  const x: SparseVector = { index: new Int32Array(4096), value: new Float32Array(4096), size: 0 };
  const raw: { s: Float64Array; y: number }[] = [];
  held.forEach((bag, i) => {
    const y = labelIndex.get(intents[i]);
    // An intent whose examples all went to the held-out slice cannot be scored: skip it.
    if (y === undefined) return;
    if (x.index.length < bag.hashes.length) {
      x.index = new Int32Array(bag.hashes.length);
      x.value = new Float32Array(bag.hashes.length);
    }
    vectorize(bag.hashes, bag.counts, bag.hashes.length, model.vocab, model.featureWeight, model.unknownWeight, x);
    const s = new Float64Array(classCount);
    scoreInto(model, x, s);
    raw.push({ s, y });
  });
  if (raw.length === 0) return 1;
  let best = 1;
  let bestLoss = Infinity;
  const work = new Float64Array(classCount);
  for (const t of [0.1, 0.15, 0.2, 0.25, 0.35, 0.5, 0.7, 1, 1.4, 2]) {
    let loss = 0;
    for (const { s, y } of raw) {
      work.set(s);
      softmaxInPlace(work, 1 / t);
      loss -= Math.log(Math.max(work[y], 1e-12));
    }
    if (loss < bestLoss) {
      bestLoss = loss;
      best = t;
    }
  }
  return best;
}

/** Splits example indexes per intent into a fitting part and a held-out part of about `share`. */
function stratifiedSplit(intents: readonly string[], share: number, random: () => number): { fit: number[]; held: number[] } {
  const byIntent = new Map<string, number[]>();
  intents.forEach((intent, i) => {
    const list = byIntent.get(intent);
    if (list) list.push(i);
    else byIntent.set(intent, [i]);
  });
  const fit: number[] = [];
  const held: number[] = [];
  for (const list of byIntent.values()) {
    const order = Int32Array.from(list);
    shuffle(order, random);
    const heldCount = Math.min(order.length - 1, Math.round(order.length * share));
    order.forEach((i, k) => (k < heldCount ? held : fit).push(i));
  }
  return { fit, held };
}

function trainModel(examples: LabelledExample[], options: MatcherOptions): Model {
  const useOos = (options.oosExamples ?? 'class') === 'class';
  const kept = examples.filter((e) => useOos || e.intent !== OOS);
  const intents = kept.map((e) => e.intent);
  const bags = extractBags(kept, options);
  let temperature = options.temperature;
  if (temperature === undefined) {
    // Probabilities on the training data itself are overconfident: fit the temperature on a held-out slice.
    const { fit, held } = stratifiedSplit(intents, 0.15, mulberry32((options.seed ?? 42) + 1));
    const probe = buildModel(fit.map((i) => bags[i]), fit.map((i) => intents[i]), options);
    sgd(probe.model, probe.prepared, Int32Array.from(probe.prepared.classOf.keys()), options);
    temperature = fitTemperature(probe.model, held.map((i) => bags[i]), held.map((i) => intents[i]));
  }
  const { model, prepared } = buildModel(bags, intents, options);
  sgd(model, prepared, Int32Array.from(prepared.classOf.keys()), options);
  model.temperature = temperature;
  return model;
}

/** Trains a matcher on labelled examples; examples labelled `oos` train a reject class. */
export function trainMatcher(examples: LabelledExample[], options: MatcherOptions = {}): Matcher {
  const model = trainModel(examples, options);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const margin = options.ambiguityMargin ?? DEFAULT_AMBIGUITY_MARGIN;
  const extractor = createFeatureExtractor(options.features ?? DEFAULT_FEATURE_OPTIONS);
  const x: SparseVector = { index: new Int32Array(4096), value: new Float32Array(4096), size: 0 };
  const scores = new Float64Array(model.labels.length);
  const inverseTemperature = 1 / model.temperature;

  function rank(text: string, k = 5): IntentScore[] {
    const bag = extractor.extract(text);
    if (x.index.length < bag.size) {
      x.index = new Int32Array(bag.size);
      x.value = new Float32Array(bag.size);
    }
    vectorize(bag.hashes, bag.counts, bag.size, model.vocab, model.featureWeight, model.unknownWeight, x);
    scoreInto(model, x, scores);
    softmaxInPlace(scores, inverseTemperature);
    // The reject class only takes probability away from the intents; it is never offered as a guess.
    if (model.oosClass >= 0) scores[model.oosClass] = -1;
    const top: IntentScore[] = [];
    const want = Math.min(k, model.labels.length - (model.oosClass >= 0 ? 1 : 0));
    for (let r = 0; r < want; r++) {
      let best = -1;
      for (let c = 0; c < scores.length; c++) if (scores[c] >= 0 && (best < 0 || scores[c] > scores[best])) best = c;
      if (best < 0) break;
      top.push({ intent: model.labels[best], confidence: scores[best] });
      scores[best] = -1;
    }
    return top;
  }

  return { rank, match: (text) => decideMatch(rank(text, 5), threshold, margin), threshold };
}

/** Applies an out-of-scope threshold and an ambiguity margin to ranked guesses. */
export function decideMatch(ranked: IntentScore[], threshold: number, margin: number): MatchResult {
  const first = ranked[0];
  if (first === undefined || first.confidence < threshold) {
    return { intent: OOS, confidence: first?.confidence ?? 0, ranked, ambiguous: false };
  }
  const second = ranked[1];
  const ambiguous = second !== undefined && first.confidence - second.confidence < margin;
  return { intent: first.intent, confidence: first.confidence, ranked, ambiguous };
}

/** One scored validation example: the gold label, the best guess and its confidence. */
export interface ScoredExample {
  gold: string;
  predicted: string;
  confidence: number;
}

/**
 * The threshold with the best accuracy when out-of-scope counts as one more class (Larson et al. 2019):
 * a guess below the threshold becomes `oos`. Ties go to the lowest such threshold.
 */
export function chooseThreshold(scored: readonly ScoredExample[]): number {
  const sorted = [...scored].sort((a, b) => a.confidence - b.confidence);
  // Threshold t rejects everything with confidence < t; start with t = 0 (nothing rejected).
  let correct = 0;
  for (const s of sorted) if (s.predicted === s.gold) correct++;
  let best = correct;
  let bestThreshold = 0;
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i];
    if (s.predicted === s.gold) correct--;
    if (s.gold === OOS) correct++;
    const next = sorted[i + 1];
    if (next !== undefined && next.confidence === s.confidence) continue;
    if (correct > best) {
      best = correct;
      bestThreshold = next === undefined ? s.confidence + 1e-6 : (s.confidence + next.confidence) / 2;
    }
  }
  return Math.min(1, bestThreshold);
}
