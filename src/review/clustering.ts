/**
 * Groups similar messages (leader clustering): messages are taken oldest first, and each joins the most similar
 * earlier leader at or above the threshold, or leads a group of its own. Leaders are found through an index of
 * their terms, so a message is compared only with leaders it shares a term with.
 */
import { cosine, type TermVector } from './message-vectors.js';

/** How similar (cosine) a message must be to a leader to join its group. */
export const JOIN_SIMILARITY = 0.45;

/** The index of each message's group leader (a leader's is its own). */
export function leaderClusters(vectors: readonly TermVector[], threshold = JOIN_SIMILARITY): number[] {
  const leaderOf = new Array<number>(vectors.length);
  const postings = new Map<number, number[]>();
  const seenAt = new Int32Array(vectors.length).fill(-1);
  for (let m = 0; m < vectors.length; m++) {
    const v = vectors[m];
    let best = -1;
    let bestScore = threshold;
    for (const term of v.terms) {
      for (const leader of postings.get(term) ?? []) {
        if (seenAt[leader] === m) continue;
        seenAt[leader] = m;
        const score = cosine(v, vectors[leader]);
        if (score >= bestScore) {
          best = leader;
          bestScore = score;
        }
      }
    }
    if (best >= 0) {
      leaderOf[m] = best;
      continue;
    }
    leaderOf[m] = m;
    for (const term of v.terms) {
      const list = postings.get(term);
      if (list) list.push(m);
      else postings.set(term, [m]);
    }
  }
  return leaderOf;
}
