/**
 * Evaluates the intent matcher with the protocol of Larson et al. (2019): in-scope accuracy (an in-scope
 * message rejected as out of scope counts as wrong), out-of-scope recall, a rejection threshold chosen on
 * validation data, the accuracy/recall trade-off over thresholds, and cost (training time, latency, memory).
 */
import { chooseThreshold, decideMatch, DEFAULT_AMBIGUITY_MARGIN, OOS, trainMatcher, type MatcherOptions, type ScoredExample } from './matcher.js';
import type { LabelledExample, Matcher } from './types.js';
import { mulberry32 } from './seeded-random.js';

/** Where the rejection threshold came from. */
export type ThresholdSource = 'val' | 'train-holdout';

/** One point of the trade-off curve. */
export interface CurvePoint {
  threshold: number;
  inScopeAccuracy: number;
  oosRecall: number | null;
}

/** Everything `deskbot nlu eval` reports. */
export interface EvalReport {
  trainExamples: number;
  testExamples: number;
  intents: number;
  /** Share of in-scope test messages matched to the right intent at the chosen threshold (0-1). */
  inScopeAccuracy: number;
  /** Share of out-of-scope test messages rejected (0-1), null when the test set has none. */
  oosRecall: number | null;
  /** In-scope accuracy with no threshold (best guess always taken). */
  topOneAccuracy: number;
  threshold: number;
  thresholdSource: ThresholdSource;
  trainSeconds: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
  curve: CurvePoint[];
}

/** What the evaluation is told besides the data. */
export interface EvalOptions {
  /** Validation examples to choose the threshold on; without them a held-out part of train is used. */
  val?: LabelledExample[];
  matcher?: MatcherOptions;
}

/** The best guess and its confidence for each example, before any threshold. */
export function scoreExamples(matcher: Matcher, examples: readonly LabelledExample[]): ScoredExample[] {
  return examples.map((e) => {
    const top = matcher.rank(e.text, 1)[0];
    return { gold: e.intent, predicted: top?.intent ?? OOS, confidence: top?.confidence ?? 0 };
  });
}

/** In-scope accuracy and oos recall of scored examples at a threshold. */
export function accuracyAt(scored: readonly ScoredExample[], threshold: number): { inScopeAccuracy: number; oosRecall: number | null } {
  let inScope = 0;
  let inScopeRight = 0;
  let oos = 0;
  let oosRejected = 0;
  for (const s of scored) {
    const rejected = s.confidence < threshold;
    if (s.gold === OOS) {
      oos++;
      if (rejected) oosRejected++;
    } else {
      inScope++;
      if (!rejected && s.predicted === s.gold) inScopeRight++;
    }
  }
  return { inScopeAccuracy: inScope === 0 ? 0 : inScopeRight / inScope, oosRecall: oos === 0 ? null : oosRejected / oos };
}

/**
 * A validation set carved out of training data: 15% of each intent's examples stay in scope, and about 10%
 * of the intents are held out entirely (two examples each) to stand in for requests the bot was never
 * taught, since most training sets have few or no `oos` examples. The rest trains the probe matcher.
 */
export function holdOutFromTrain(train: readonly LabelledExample[], seed = 7): { fit: LabelledExample[]; held: LabelledExample[] } {
  const random = mulberry32(seed);
  const byIntent = new Map<string, LabelledExample[]>();
  for (const e of train) {
    const list = byIntent.get(e.intent);
    if (list) list.push(e);
    else byIntent.set(e.intent, [e]);
  }
  const intents = [...byIntent.keys()].filter((i) => i !== OOS).sort();
  const unseen = new Set<string>();
  // Only intents that would leave at least three others behind can stand in for unseen requests.
  const unseenCount = intents.length >= 4 ? Math.max(1, Math.round(intents.length * 0.1)) : 0;
  while (unseen.size < unseenCount) unseen.add(intents[Math.floor(random() * intents.length)]);
  const fit: LabelledExample[] = [];
  const held: LabelledExample[] = [];
  for (const [intent, list] of byIntent) {
    const order = [...list];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    if (unseen.has(intent)) {
      for (const e of order.slice(0, 2)) held.push({ text: e.text, intent: OOS });
      continue;
    }
    const heldCount = Math.min(order.length - 1, Math.round(order.length * 0.15));
    order.forEach((e, k) => (k < heldCount ? held : fit).push(e));
  }
  return { fit, held };
}

/** Trains on train, chooses the threshold on val (or a held-out part of train), and measures on test. */
export function evaluate(train: readonly LabelledExample[], test: readonly LabelledExample[], options: EvalOptions = {}): EvalReport {
  let threshold: number;
  let thresholdSource: ThresholdSource;
  const started = performance.now();
  const matcher = trainMatcher([...train], options.matcher);
  const trainSeconds = (performance.now() - started) / 1000;
  if (options.val) {
    threshold = chooseThreshold(scoreExamples(matcher, options.val));
    thresholdSource = 'val';
  } else {
    const { fit, held } = holdOutFromTrain(train);
    threshold = chooseThreshold(scoreExamples(trainMatcher(fit, options.matcher), held));
    thresholdSource = 'train-holdout';
  }
  const margin = options.matcher?.ambiguityMargin ?? DEFAULT_AMBIGUITY_MARGIN;
  const match = (text: string) => decideMatch(matcher.rank(text, 5), threshold, margin);

  // Warm the JIT up so that the latency figures describe a running bot, not the first calls.
  for (let i = 0; i < Math.min(200, test.length); i++) match(test[i].text);
  const latencies = new Float64Array(test.length);
  const scored: ScoredExample[] = [];
  for (let i = 0; i < test.length; i++) {
    const t0 = performance.now();
    const result = match(test[i].text);
    latencies[i] = performance.now() - t0;
    const top = result.ranked[0];
    scored.push({ gold: test[i].intent, predicted: top?.intent ?? OOS, confidence: top?.confidence ?? 0 });
  }
  latencies.sort();
  const at = accuracyAt(scored, threshold);
  const curve: CurvePoint[] = [];
  for (let k = 0; k <= 20; k++) {
    const t = k / 20;
    curve.push({ threshold: t, ...accuracyAt(scored, t) });
  }
  return {
    trainExamples: train.length,
    testExamples: test.length,
    intents: new Set(train.filter((e) => e.intent !== OOS).map((e) => e.intent)).size,
    inScopeAccuracy: at.inScopeAccuracy,
    oosRecall: at.oosRecall,
    topOneAccuracy: accuracyAt(scored, 0).inScopeAccuracy,
    threshold,
    thresholdSource,
    trainSeconds,
    p50Ms: percentileOf(latencies, 50),
    p99Ms: percentileOf(latencies, 99),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    curve,
  };
}

function percentileOf(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank] * 1000) / 1000;
}
