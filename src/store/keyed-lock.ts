/** An in-process keyed mutex: tasks of one key run one at a time, in call order; other keys never wait. */

/** Serialises async work per key. */
export interface KeyedLock {
  /** Runs fn once every earlier task of the same key has settled; resolves or rejects with fn's result. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Number of keys that currently have a running or queued task. */
  size(): number;
}

/** Creates a keyed lock whose idle keys are forgotten, so memory does not grow with the number of keys seen. */
export function createKeyedLock(): KeyedLock {
  // The tail of each key's chain; a task starts when the previous tail settles, whether it failed or not.
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(fn);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    size: () => tails.size,
  };
}
