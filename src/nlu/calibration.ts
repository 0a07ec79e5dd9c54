/**
 * Calibration of a trained model on a held-out slice of its training data: the softmax temperature, and
 * the penalty on Korean features the best intent never saw (unseen-korean.ts), which helps where intents
 * have a few paraphrases each (ParaKQC) and costs where they have many (the shipped intents/), so each
 * knowledge base gets its own.
 */
import { addScores, softmaxInPlace, vectorize, type Model, type PackedBags } from './linear-model.js';
import { penalizeUnseenKorean, unseenKoreanMass } from './unseen-korean.js';

const TEMPERATURES = [0.1, 0.15, 0.2, 0.25, 0.35, 0.5, 0.7, 1, 1.4, 2];
const PENALTIES = [0, 1, 2, 3];
/**
 * A larger penalty is taken only when it separates this much better (area under the ROC curve): on the
 * shipped intents' folds the best penalty gained under 0.005 over none and cost in-scope accuracy; on
 * ParaKQC penalty 3 gains 0.011.
 */
const MIN_GAIN = 0.005;

/** A held-out example's raw scores, its intent, and its unit vector (for the penalty). */
interface HeldScores {
  s: Float64Array;
  y: number;
  index: Int32Array;
  value: Float32Array;
}

/** The temperature (from a fixed grid) with the lowest negative log-likelihood of the held-out intents. */
function fitTemperature(held: readonly HeldScores[], model: Model, penalty: number, work: Float64Array): number {
  let best = 1;
  let bestLoss = Infinity;
  for (const t of TEMPERATURES) {
    let loss = 0;
    for (const h of held) {
      work.set(h.s);
      penalizeUnseenKorean(model, h.index, h.value, 0, h.index.length, work, penalty);
      softmaxInPlace(work, 1 / t);
      loss -= Math.log(Math.max(work[h.y], 1e-12));
    }
    if (loss < bestLoss) {
      bestLoss = loss;
      best = t;
    }
  }
  return best;
}

/** The best confidence among the intents other than skip, after the penalty and the softmax. */
function bestConfidence(model: Model, h: HeldScores, penalty: number, temperature: number, skip: number, work: Float64Array): number {
  work.set(h.s);
  if (skip >= 0) work[skip] = -Infinity;
  penalizeUnseenKorean(model, h.index, h.value, 0, h.index.length, work, penalty, skip);
  softmaxInPlace(work, 1 / temperature);
  let best = 0;
  for (let c = 0; c < work.length; c++) if (c !== model.oosClass && work[c] > best) best = work[c];
  return best;
}

/**
 * How well confidence tells a held-out example's own intent (when it is the best guess) from the best
 * other intent (as if its own had never been taught: a stand-in for an unseen request): the share of
 * such pairs ordered rightly (area under the ROC curve).
 */
function separation(model: Model, held: readonly HeldScores[], penalty: number, temperature: number, work: Float64Array): number {
  const known: number[] = [];
  const unseen: number[] = [];
  for (const h of held) {
    const own = bestConfidence(model, h, penalty, temperature, -1, work);
    if (work[h.y] === own) known.push(own);
    unseen.push(bestConfidence(model, h, penalty, temperature, h.y, work));
  }
  known.sort((a, b) => a - b);
  unseen.sort((a, b) => a - b);
  let right = 0;
  let below = 0;
  for (const k of known) {
    while (below < unseen.length && unseen[below] < k) below++;
    right += below;
  }
  return known.length === 0 || unseen.length === 0 ? 0 : right / (known.length * unseen.length);
}

/**
 * The temperature and the unseen-Korean penalty for a probe model on its held-out rows: the penalty (from a
 * grid, or the one given) that best separates known from unseen intents, with the temperature fitted for it.
 */
export function calibrate(
  model: Model,
  bags: PackedBags,
  rows: Int32Array,
  intents: readonly string[],
  givenPenalty?: number,
): { temperature: number; unseenKoreanPenalty: number } {
  const classCount = model.labels.length;
  const labelIndex = new Map(model.labels.map((l, i) => [l, i]));
  const held: HeldScores[] = [];
  const index = new Int32Array(bags.hashes.length);
  const value = new Float32Array(bags.hashes.length);
  let korean = false;
  for (const i of rows) {
    const y = labelIndex.get(intents[i]);
    // An intent whose examples all went to the held-out slice cannot be scored: skip it.
    if (y === undefined) continue;
    const size = vectorize(model, bags.hashes, bags.counts, bags.start[i], bags.start[i + 1], index, value, 0);
    const s = new Float64Array(classCount);
    addScores(model, index, value, 0, size, s);
    const h = { s, y, index: index.slice(0, size), value: value.slice(0, size) };
    if (!korean && unseenKoreanMass(model, h.index, h.value, 0, size, -1) > 0) korean = true;
    held.push(h);
  }
  if (held.length === 0) return { temperature: 1, unseenKoreanPenalty: givenPenalty ?? 0 };
  const work = new Float64Array(classCount);
  // Without Korean features the penalty changes nothing: skip the search.
  const candidates = givenPenalty !== undefined ? [givenPenalty] : korean ? PENALTIES : [0];
  let best = { temperature: 1, unseenKoreanPenalty: candidates[0] };
  let bestSeparation = -1;
  for (const penalty of candidates) {
    const temperature = fitTemperature(held, model, penalty, work);
    if (candidates.length === 1) return { temperature, unseenKoreanPenalty: penalty };
    const sep = separation(model, held, penalty, temperature, work);
    if (bestSeparation < 0 || sep > bestSeparation + MIN_GAIN) {
      bestSeparation = sep;
      best = { temperature, unseenKoreanPenalty: penalty };
    }
  }
  return best;
}
