/**
 * Fusion of the lexical matcher with a classifier on sentence embeddings: a weighted geometric mean of their
 * probabilities (lexical^w × encoder^(1−w)), renormalised over the intents and "none of them" (the lexical
 * matcher's reject class and margin, the classifier's out-of-scope class). Messages go to the fusion only when
 * the encoder understands their words: Korean text, which the English encoder reads as unknown pieces, is left
 * to the lexical matcher.
 */
import type { Lang } from '../knowledge/types.js';
import { countWords } from './language.js';
import { OOS } from './matcher.js';
import type { IntentScore } from './types.js';

/** How the two matchers are combined; chosen on validation data (src/bench: intents-cv, nlu-datasets). */
export interface FusionParams {
  /** Weight of the lexical matcher's probabilities; the encoder's get 1 − weight. */
  weight: number;
  /** Out-of-scope threshold on the fused confidence. */
  threshold: number;
  /** What a message with words of both kinds (covered and not) goes to. */
  mixed: 'lexical' | 'fused';
  /** Within the encoder's side, the weight of the logistic regression; the nearest neighbours get 1 − it. */
  regressionWeight: number;
}

/**
 * The fusion of the shipped knowledge base: the weights, threshold and mixed-message route with the best accuracy
 * (out-of-scope counted as a class) in 5-fold cross-validation of intents/ with its out-of-scope examples
 * (`npm run bench -- intents`, 6,963 examples and 734 out-of-scope messages: in-scope 96.4%, oos recall 89.5%,
 * against 96.2% / 88.8% for the earlier choice of lexical weight 0.4 with the regression alone). A sure encoder
 * still overrules words the lexical matcher has never seen at this lexical weight (encoder-fusion.test.ts); at 0.75
 * it no longer does.
 */
export const DEFAULT_FUSION: FusionParams = { weight: 0.6, threshold: 0.319, mixed: 'lexical', regressionWeight: 0.7 };

/** Probabilities are floored here before their logarithm: a matcher's "never" must not veto the other's "surely". */
const FLOOR = 1e-6;

/** Which matcher a message goes to: the fused one when the encoder covers its words (or some of them, per `mixed`). */
export function routeOf(text: string, languages: readonly Lang[], mixed: FusionParams['mixed']): 'lexical' | 'fused' {
  const { korean, english } = countWords(text);
  const covered = (languages.includes('ko') ? korean : 0) + (languages.includes('en') ? english : 0);
  if (covered === 0) return 'lexical';
  return covered === korean + english ? 'fused' : mixed;
}

/** What the classifier said about a message: its classes and their probabilities (`oos` may be one of them). */
export interface EncoderVerdict {
  labels: readonly string[];
  probabilities: ArrayLike<number>;
}

/**
 * Fuses the lexical matcher's ranking of every intent (`rank(text, Infinity)`: their probabilities; what is left
 * to 1 is its "none of them") with the classifier's; returns the best k intents, best first.
 */
export function fuseScores(lexical: readonly IntentScore[], encoder: EncoderVerdict, weight: number, k = 5): IntentScore[] {
  const lexicalOf = new Map<string, number>();
  let lexicalRest = 1;
  for (const s of lexical) {
    lexicalOf.set(s.intent, s.confidence);
    lexicalRest -= s.confidence;
  }
  const encoderOf = new Map<string, number>();
  encoder.labels.forEach((label, i) => encoderOf.set(label, encoder.probabilities[i]));
  const pool = (l: number, e: number) => Math.exp(weight * Math.log(Math.max(l, FLOOR)) + (1 - weight) * Math.log(Math.max(e, FLOOR)));
  const intents = new Set([...lexicalOf.keys(), ...encoder.labels.filter((l) => l !== OOS)]);
  let total = pool(lexicalRest, encoderOf.get(OOS) ?? 0);
  const fused: IntentScore[] = [];
  for (const intent of intents) {
    const confidence = pool(lexicalOf.get(intent) ?? 0, encoderOf.get(intent) ?? 0);
    total += confidence;
    fused.push({ intent, confidence });
  }
  for (const s of fused) s.confidence /= total;
  return fused.sort((a, b) => b.confidence - a.confidence || a.intent.localeCompare(b.intent)).slice(0, k);
}

/**
 * Maps a fused confidence onto the lexical matcher's scale: piecewise linear and increasing, with the fused
 * threshold landing on the lexical one. One NLU_THRESHOLD then rejects alike whichever matcher a message went
 * to, and the dialog's margins above it (low confidence, digressions) keep their meaning.
 */
export function toLexicalScale(confidence: number, fusedThreshold: number, lexicalThreshold: number): number {
  if (fusedThreshold <= 0 || fusedThreshold >= 1) return confidence;
  if (confidence < fusedThreshold) return (confidence / fusedThreshold) * lexicalThreshold;
  return lexicalThreshold + ((confidence - fusedThreshold) / (1 - fusedThreshold)) * (1 - lexicalThreshold);
}
