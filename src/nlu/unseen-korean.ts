/**
 * Lowers a Korean message's scores by how much of it the best intent has never seen. The linear model
 * gives a feature outside an intent's examples no weight at all, so "블루투스 스피커 설치 방법은?" scores
 * as high on the speaker-price intent as a paraphrase of it, even though 설치 (install) was never in that
 * intent. Lowering every intent's score by the same amount keeps the ranking and moves probability to the
 * virtual "none of these" outcome, so such near misses fall under the out-of-scope threshold.
 */
import type { Model } from './linear-model.js';

/** True when intent c has feature f in its support (postings of a feature are in ascending intent order). */
function supports(model: Model, f: number, c: number): boolean {
  let lo = model.postStart[f];
  let hi = model.postStart[f + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = model.postClass[mid];
    if (v === c) return true;
    if (v < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * The squared weight, within the unit vector index/value[from..to], of Korean features (Hangul n-grams,
 * jamo, stems) that intent c has never seen; 0 for a message without Korean.
 */
export function unseenKoreanMass(model: Model, index: Int32Array, value: Float32Array, from: number, to: number, c: number): number {
  let unseen = 0;
  for (let k = from; k < to; k++) {
    const f = index[k];
    if (model.koreanFeature[f] === 1 && !supports(model, f, c)) unseen += value[k] * value[k];
  }
  return unseen;
}

/**
 * Takes penalty × the unseen Korean mass of the best intent (the reject class and `skip` are not candidates)
 * off every score; the model's own penalty unless one is given.
 */
export function penalizeUnseenKorean(
  model: Model,
  index: Int32Array,
  value: Float32Array,
  from: number,
  to: number,
  scores: Float64Array,
  penalty = model.unseenKoreanPenalty,
  skip = -1,
): void {
  if (penalty === 0) return;
  let best = -1;
  for (let c = 0; c < scores.length; c++) if (c !== model.oosClass && c !== skip && (best < 0 || scores[c] > scores[best])) best = c;
  if (best < 0) return;
  const cut = penalty * unseenKoreanMass(model, index, value, from, to, best);
  if (cut === 0) return;
  for (let c = 0; c < scores.length; c++) scores[c] -= cut;
}
