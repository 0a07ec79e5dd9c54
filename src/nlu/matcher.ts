/**
 * The intent matcher: TF-IDF weighted hashed features (see features.ts) scored by a linear multiclass
 * model whose weights live only on (feature, intent) pairs seen in that intent's examples. That sparsity
 * keeps 150 intents × 60k features in a few MB and a message's score in tens of microseconds. Training
 * starts from the intents' TF-IDF centroids (so that intents with a handful of examples behave like a
 * nearest-centroid classifier) and runs a few epochs of multiclass hinge-loss SGD (so that intents with
 * many examples become discriminative). Confidence is the softmax of the scores at a temperature fitted on
 * a held-out slice of the training data, so that one threshold means about the same on any knowledge base.
 * A Korean message's scores are lowered by how much of it the best intent never saw, where that slice shows
 * it helps (unseen-korean.ts, calibration.ts).
 */
import { createFeatureExtractor, DEFAULT_FEATURE_OPTIONS, type FeatureOptions } from './features.js';
import { isGeneralQuestion } from './general-question.js';
import { addScores, softmaxInPlace, trainModel, vectorize } from './linear-model.js';
import { penalizeUnseenKorean } from './unseen-korean.js';
import { createWordSenses } from './word-senses.js';
import { OOS, type IntentScore, type LabelledExample, type Matcher, type MatchResult } from './types.js';

/** The label of out-of-scope examples and predictions (defined in types.ts, where the linear model reads it too). */
export { OOS };

/**
 * Default out-of-scope threshold on the calibrated confidence, used when the caller gives none: the value
 * with the best accuracy (oos counted as a class) in 5-fold cross-validation of the shipped intents/, its
 * _out_of_scope.yaml included (src/bench/intents-cv.ts). Chosen again after issue 16's examples: with the shipped
 * fusion, the earlier 0.13 gives 96.7% in-scope and 87.2% oos recall on those folds, 0.191 gives 96.4% and 89.5%.
 */
export const DEFAULT_THRESHOLD = 0.191;

/**
 * Default gap between the two best confidences under which the bot asks which one was meant. Measured on
 * CLINC150, Banking77 and ParaKQC val (train → val): the 4% of in-scope messages with a gap below 0.2 had
 * the best guess right only 48% of the time but the right intent among the top two 72% of the time, so
 * one question beats a coin-flip answer; above 0.2 the best guess is right far more often.
 */
export const DEFAULT_AMBIGUITY_MARGIN = 0.2;

/**
 * How far above the out-of-scope threshold a match still counts as low-confidence (listed in the review inbox).
 * Cross-validating the shipped intents/ (src/bench/intents-cv.ts, threshold 0.13): the 176 of 6,407 held-out
 * examples matched within 0.15 above the threshold had the wrong intent 49% of the time, those above it 4.7%.
 */
export const LOW_CONFIDENCE_MARGIN = 0.15;

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
  /**
   * Score taken off per unit of Korean feature mass the best intent never saw (unseen-korean.ts); undefined
   * chooses it with the temperature on the held-out slice, or 0 when the temperature is given.
   */
  unseenKoreanPenalty?: number;
  /** How examples labelled oos are used: as a reject class, or ignored. */
  oosExamples?: 'class' | 'ignore';
  /** At most this many examples of each intent (picked at random) go into the calibration probe. */
  probeExamplesPerIntent?: number;
  /** Seed of the example shuffling, for reproducible models. */
  seed?: number;
}

/** General questions the out-of-scope examples must hold for their feature to be used. */
const GENERAL_QUESTIONS_TAUGHT = 5;

/**
 * The feature options, with the general-question feature only when the out-of-scope examples teach it (at least a
 * few of them are general questions): without them it says nothing about any intent, and only dilutes the others
 * (Banking77, which has no out-of-scope examples, lost 0.9 points with it).
 */
function withGeneralQuestionsIfTaught(examples: readonly LabelledExample[], options: MatcherOptions): FeatureOptions {
  const features = options.features ?? DEFAULT_FEATURE_OPTIONS;
  if (!features.generalQuestions) return features;
  let taught = 0;
  if ((options.oosExamples ?? 'class') === 'class') for (const e of examples) if (e.intent === OOS && isGeneralQuestion(e.text)) taught++;
  return taught >= GENERAL_QUESTIONS_TAUGHT ? features : { ...features, generalQuestions: false };
}

/** Trains a matcher on labelled examples; examples labelled `oos` train a reject class. */
export function trainMatcher(examples: LabelledExample[], given: MatcherOptions = {}): Matcher {
  const options = { ...given, features: withGeneralQuestionsIfTaught(examples, given) };
  const model = trainModel(examples, options);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const margin = options.ambiguityMargin ?? DEFAULT_AMBIGUITY_MARGIN;
  const extractor = createFeatureExtractor(options.features ?? DEFAULT_FEATURE_OPTIONS);
  let index = new Int32Array(1024);
  let value = new Float32Array(1024);
  const scores = new Float64Array(model.labels.length);
  const inverseTemperature = 1 / model.temperature;

  function rank(text: string, k = 5): IntentScore[] {
    const bag = extractor.extract(text);
    if (index.length < bag.size) {
      index = new Int32Array(bag.size);
      value = new Float32Array(bag.size);
    }
    const size = vectorize(model, bag.hashes, bag.counts, 0, bag.size, index, value, 0);
    scores.fill(0);
    addScores(model, index, value, 0, size, scores);
    penalizeUnseenKorean(model, index, value, 0, size, scores);
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

  const words = createWordSenses(examples);
  const withSenses = (result: MatchResult, text: string): MatchResult => {
    const senses = words.of(text);
    return senses ? { ...result, senses } : result;
  };
  return { rank, match: (text) => withSenses(decideMatch(rank(text, 5), threshold, margin), text), senses: (text) => words.of(text), threshold };
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
