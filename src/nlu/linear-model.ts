/**
 * The matcher's linear model: sparse (feature, intent) weights started from TF-IDF centroids, trained by
 * multiclass hinge-loss SGD, with a softmax temperature fitted on a held-out slice (see matcher.ts).
 */
import { createFeatureExtractor, DEFAULT_FEATURE_OPTIONS, FeatureGroup, GROUP_COUNT, groupOf } from './features.js';
import type { MatcherOptions } from './matcher.js';
import { mulberry32 } from './seeded-random.js';
import { calibrate } from './calibration.js';
import { OOS, type LabelledExample } from './types.js';

const DEFAULT_GROUP_WEIGHTS = [1, 0.8, 1, 1, 0.5, 1];
const DEFAULT_EPOCHS = 4;
const DEFAULT_LEARNING_RATE = 1;
const MARGIN = 1;
const KOREAN_GROUPS: ReadonlySet<number> = new Set([FeatureGroup.hangulChars, FeatureGroup.jamo, FeatureGroup.koreanStem]);
/** Score of the virtual "none of these" outcome: the training margin, below which no intent is a confident match. */
const NONE_SCORE = MARGIN;

/** The state of a trained model, shared by scoring and training. */
export interface Model {
  labels: string[];
  oosClass: number;
  vocab: Map<number, number>;
  featureWeight: Float32Array;
  /** 1 for a feature of a Korean family (Hangul n-grams, jamo, stems), else 0. */
  koreanFeature: Uint8Array;
  unknownWeight: Float64Array;
  postStart: Int32Array;
  postClass: Int32Array;
  weights: Float32Array;
  temperature: number;
  /** Score taken off per unit of Korean feature mass the best intent never saw (see unseen-korean.ts). */
  unseenKoreanPenalty: number;
}

/** Feature bags of many examples packed into three arrays: example i spans start[i] .. start[i + 1]. */
export interface PackedBags {
  start: Int32Array;
  hashes: Int32Array;
  counts: Int32Array;
}

/** Unit vectors of many examples, packed the same way. */
interface PackedVectors {
  start: Int32Array;
  index: Int32Array;
  value: Float32Array;
}

function shuffle(order: Int32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

/**
 * Writes bag entries from..to as sublinear TF × weight into outIndex/outValue at offset, L2-normalised over
 * all features, unknown ones included (so that unseen words dilute a message); returns how many were written.
 */
export function vectorize(
  model: Pick<Model, 'vocab' | 'featureWeight' | 'unknownWeight'>,
  hashes: Int32Array,
  counts: Int32Array,
  from: number,
  to: number,
  outIndex: Int32Array,
  outValue: Float32Array,
  offset: number,
): number {
  let norm = 0;
  let known = offset;
  for (let k = from; k < to; k++) {
    const tf = 1 + Math.log(counts[k]);
    const id = model.vocab.get(hashes[k]);
    if (id === undefined) {
      const v = tf * model.unknownWeight[groupOf(hashes[k])];
      norm += v * v;
    } else {
      const v = tf * model.featureWeight[id];
      norm += v * v;
      outIndex[known] = id;
      outValue[known] = v;
      known++;
    }
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = offset; k < known; k++) outValue[k] *= scale;
  return known - offset;
}

/** Adds each intent's score for the vector index/value[from..to] to scores (which the caller zeroes). */
export function addScores(model: Model, index: Int32Array, value: Float32Array, from: number, to: number, scores: Float64Array): void {
  const { postStart, postClass, weights } = model;
  for (let k = from; k < to; k++) {
    const f = index[k];
    const v = value[k];
    const end = postStart[f + 1];
    for (let p = postStart[f]; p < end; p++) scores[postClass[p]] += v * weights[p];
  }
}

/**
 * Turns scores into probabilities in place, with one more virtual "none of these" outcome scored at the
 * training margin: a message that no intent scores above the margin keeps most probability on "none",
 * even when the knowledge base has one or two intents and a plain softmax would hand them 1 or 0.5.
 */
export function softmaxInPlace(scores: Float64Array, inverseTemperature: number): void {
  let max = NONE_SCORE;
  for (let c = 0; c < scores.length; c++) if (scores[c] > max) max = scores[c];
  let sum = Math.exp((NONE_SCORE - max) * inverseTemperature);
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp((scores[c] - max) * inverseTemperature);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c++) scores[c] /= sum;
}

/** The features of every example, extracted once and shared by the calibration probe and the final model. */
function extractBags(examples: readonly LabelledExample[], options: MatcherOptions): PackedBags {
  const extractor = createFeatureExtractor(options.features ?? DEFAULT_FEATURE_OPTIONS);
  const start = new Int32Array(examples.length + 1);
  let hashes = new Int32Array(examples.length * 64 + 64);
  let counts = new Int32Array(hashes.length);
  examples.forEach((e, i) => {
    const bag = extractor.extract(e.text);
    const at = start[i];
    if (at + bag.size > hashes.length) {
      const size = Math.max(hashes.length * 2, at + bag.size);
      const h = new Int32Array(size);
      h.set(hashes);
      hashes = h;
      const c = new Int32Array(size);
      c.set(counts);
      counts = c;
    }
    hashes.set(bag.hashes, at);
    counts.set(bag.counts, at);
    start[i + 1] = at + bag.size;
  });
  const total = start[examples.length];
  return { start, hashes: hashes.slice(0, total), counts: counts.slice(0, total) };
}

/**
 * Builds vocabulary, IDF weights, the (feature, intent) support and the centroid starting weights from the
 * given rows of the packed bags; returns the model and the rows' vectors.
 */
function buildModel(
  bags: PackedBags,
  rows: Int32Array,
  intents: readonly string[],
  options: MatcherOptions,
): { model: Model; vectors: PackedVectors; classOf: Int32Array } {
  const groupWeights = options.groupWeights ?? DEFAULT_GROUP_WEIGHTS;
  const labels = [...new Set(Array.from(rows, (i) => intents[i]))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const vocab = new Map<number, number>();
  let df = new Int32Array(1024);
  let featureCount = 0;
  for (const i of rows) {
    for (let k = bags.start[i]; k < bags.start[i + 1]; k++) {
      const h = bags.hashes[k];
      const id = vocab.get(h);
      if (id !== undefined) df[id]++;
      else {
        if (featureCount === df.length) {
          const bigger = new Int32Array(df.length * 2);
          bigger.set(df);
          df = bigger;
        }
        vocab.set(h, featureCount);
        df[featureCount++] = 1;
      }
    }
  }
  const n = rows.length;
  const featureWeight = new Float32Array(featureCount);
  const koreanFeature = new Uint8Array(featureCount);
  for (const [h, id] of vocab) {
    const group = groupOf(h);
    featureWeight[id] = (Math.log((n + 1) / (df[id] + 1)) + 1) * groupWeights[group];
    if (KOREAN_GROUPS.has(group)) koreanFeature[id] = 1;
  }
  const unknownWeight = new Float64Array(GROUP_COUNT);
  for (let g = 0; g < GROUP_COUNT; g++) unknownWeight[g] = (Math.log(n + 1) + 1) * (groupWeights[g] ?? 1);
  const weighting = { vocab, featureWeight, unknownWeight };

  let total = 0;
  for (const i of rows) total += bags.start[i + 1] - bags.start[i];
  const vectors: PackedVectors = { start: new Int32Array(n + 1), index: new Int32Array(total), value: new Float32Array(total) };
  rows.forEach((i, r) => {
    const written = vectorize(weighting, bags.hashes, bags.counts, bags.start[i], bags.start[i + 1], vectors.index, vectors.value, vectors.start[r]);
    vectors.start[r + 1] = vectors.start[r] + written;
  });
  const classOf = Int32Array.from(rows, (i) => labelIndex.get(intents[i]) ?? 0);

  const rowsByIntent: number[][] = labels.map(() => []);
  classOf.forEach((c, r) => rowsByIntent[c].push(r));
  const support = centroidSupport(vectors, featureCount, rowsByIntent, options.initScale ?? 10);
  const model: Model = { labels, oosClass: labelIndex.get(OOS) ?? -1, ...weighting, koreanFeature, ...support, temperature: 1, unseenKoreanPenalty: 0 };
  return { model, vectors, classOf };
}

/**
 * Postings (feature → intents, CSR) over the features of each intent's example rows, with weights starting
 * at the unit-length centroid of those rows times initScale: each intent starts as its examples' mean
 * direction, whatever its example count.
 */
function centroidSupport(vectors: PackedVectors, featureCount: number, rows: readonly number[][], initScale: number): Pick<Model, 'postStart' | 'postClass' | 'weights'> {
  const classCount = rows.length;
  const stamp = new Int32Array(featureCount).fill(-1);
  const postStart = new Int32Array(featureCount + 1);
  for (let c = 0; c < classCount; c++) {
    for (const r of rows[c]) {
      for (let k = vectors.start[r]; k < vectors.start[r + 1]; k++) {
        const f = vectors.index[k];
        if (stamp[f] !== c) {
          stamp[f] = c;
          postStart[f + 1]++;
        }
      }
    }
  }
  for (let f = 0; f < featureCount; f++) postStart[f + 1] += postStart[f];
  const fill = postStart.slice(0, featureCount);
  const postClass = new Int32Array(postStart[featureCount]);
  const weights = new Float32Array(postStart[featureCount]);
  const slot = new Int32Array(featureCount);
  stamp.fill(-1);
  for (let c = 0; c < classCount; c++) {
    for (const r of rows[c]) {
      for (let k = vectors.start[r]; k < vectors.start[r + 1]; k++) {
        const f = vectors.index[k];
        if (stamp[f] !== c) {
          stamp[f] = c;
          slot[f] = fill[f]++;
          postClass[slot[f]] = c;
        }
        weights[slot[f]] += vectors.value[k];
      }
    }
  }
  const norms = new Float64Array(classCount);
  for (let p = 0; p < weights.length; p++) norms[postClass[p]] += weights[p] * weights[p];
  for (let p = 0; p < weights.length; p++) weights[p] *= initScale / Math.sqrt(norms[postClass[p]] || 1);
  return { postStart, postClass, weights };
}

/**
 * Multiclass hinge loss (Crammer-Singer) by SGD over the support, with a 1/(1 + epoch) learning rate:
 * measured 0.3-1 point more accurate than softmax cross-entropy here, and cheaper since most examples
 * soon need no update.
 */
function sgd(model: Model, vectors: PackedVectors, classOf: Int32Array, options: MatcherOptions): void {
  const epochs = options.epochs ?? DEFAULT_EPOCHS;
  const lr0 = options.learningRate ?? DEFAULT_LEARNING_RATE;
  const random = mulberry32(options.seed ?? 42);
  const scores = new Float64Array(model.labels.length);
  const order = Int32Array.from(classOf.keys());
  const { postStart, postClass, weights } = model;
  const { start, index, value } = vectors;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    const lr = lr0 / (1 + epoch);
    for (let r = 0; r < order.length; r++) {
      const i = order[r];
      const from = start[i];
      const to = start[i + 1];
      scores.fill(0);
      addScores(model, index, value, from, to, scores);
      const y = classOf[i];
      let rival = -1;
      for (let c = 0; c < scores.length; c++) if (c !== y && (rival < 0 || scores[c] > scores[rival])) rival = c;
      // Only a margin violation updates, and only the right intent and its strongest rival.
      if (rival < 0 || scores[y] - scores[rival] >= MARGIN) continue;
      scores.fill(0);
      scores[y] = -1;
      scores[rival] = 1;
      for (let k = from; k < to; k++) {
        const f = index[k];
        const step = lr * value[k];
        const end = postStart[f + 1];
        for (let p = postStart[f]; p < end; p++) weights[p] -= step * scores[postClass[p]];
      }
    }
  }
}

/** Takes up to maxPerIntent examples of each intent and splits them into a fitting part and a held-out part of about `share`. */
function stratifiedSplit(
  intents: readonly string[],
  share: number,
  random: () => number,
  maxPerIntent: number,
): { fit: Int32Array; held: Int32Array } {
  const byIntent = new Map<string, number[]>();
  intents.forEach((intent, i) => {
    const list = byIntent.get(intent);
    if (list) list.push(i);
    else byIntent.set(intent, [i]);
  });
  const fit: number[] = [];
  const held: number[] = [];
  for (const list of byIntent.values()) {
    const all = Int32Array.from(list);
    shuffle(all, random);
    const order = all.subarray(0, maxPerIntent);
    const heldCount = Math.min(order.length - 1, Math.round(order.length * share));
    order.forEach((i, k) => (k < heldCount ? held : fit).push(i));
  }
  return { fit: Int32Array.from(fit.sort((a, b) => a - b)), held: Int32Array.from(held) };
}

/** Trains the linear model on labelled examples (examples labelled `oos` train a reject class). */
export function trainModel(examples: LabelledExample[], options: MatcherOptions): Model {
  const useOos = (options.oosExamples ?? 'class') === 'class';
  const kept = examples.filter((e) => useOos || e.intent !== OOS);
  const intents = kept.map((e) => e.intent);
  const bags = extractBags(kept, options);
  let temperature = options.temperature;
  let unseenKoreanPenalty = options.unseenKoreanPenalty ?? 0;
  if (temperature === undefined) {
    // Probabilities on the training data itself are overconfident: fit the temperature on a held-out slice.
    const random = mulberry32((options.seed ?? 42) + 1);
    const { fit, held } = stratifiedSplit(intents, 0.15, random, options.probeExamplesPerIntent ?? 40);
    const probe = buildModel(bags, fit, intents, options);
    sgd(probe.model, probe.vectors, probe.classOf, options);
    ({ temperature, unseenKoreanPenalty } = calibrate(probe.model, bags, held, intents, options.unseenKoreanPenalty));
  }
  const { model, vectors, classOf } = buildModel(bags, Int32Array.from(intents.keys()), intents, options);
  sgd(model, vectors, classOf, options);
  model.temperature = temperature;
  model.unseenKoreanPenalty = unseenKoreanPenalty;
  return model;
}
