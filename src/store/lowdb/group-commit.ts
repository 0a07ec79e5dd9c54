/**
 * Group commit: changes submitted while a write runs wait, then are written together by the next one, so
 * under load one file write and fsync serve many turns. Writes run in a queue the caller shares with its
 * other exclusive work (compaction, export), one at a time and in call order.
 */

/** Queues changes and writes the waiting ones as one batch. */
export interface GroupCommit<C> {
  /** Resolves once change is on disk; rejects with what the batch writer refused it with. */
  submit(change: C): Promise<void>;
}

/**
 * How a batch is written; it is given every change waiting when its turn in the queue came, in submission
 * order, and returns per change why it was not written (undefined: written). Throwing refuses them all.
 */
export type BatchWriter<C> = (batch: C[]) => Promise<unknown[]>;

/** Creates a group commit whose writes run through `exclusive` (the caller's write queue). */
export function createGroupCommit<C>(exclusive: (work: () => Promise<void>) => Promise<void>, writeBatch: BatchWriter<C>): GroupCommit<C> {
  const pending: Array<{ change: C; resolve: () => void; reject: (err: unknown) => void }> = [];
  const writePending = async () => {
    const batch = pending.splice(0);
    if (batch.length === 0) return;
    let refusals: unknown[];
    try {
      refusals = await writeBatch(batch.map((b) => b.change));
    } catch (err) {
      refusals = batch.map(() => err);
    }
    batch.forEach((b, i) => (refusals[i] === undefined ? b.resolve() : b.reject(refusals[i])));
  };
  return {
    submit(change) {
      return new Promise((resolve, reject) => {
        pending.push({ change, resolve, reject });
        void exclusive(writePending);
      });
    },
  };
}
