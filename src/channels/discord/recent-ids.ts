/** A bounded memory of recently seen ids, to drop gateway dispatches replayed after a resume and presses on a message already pressed. */

/** Remembers the last `capacity` ids; `firstTime(id)` is true only the first time an id is seen, `forget(id)` makes it new again. */
export function createRecentIds(capacity: number): { firstTime(id: string): boolean; forget(id: string): void } {
  const ids = new Set<string>();
  return {
    firstTime(id) {
      if (ids.has(id)) return false;
      ids.add(id);
      // A Set iterates in insertion order, so the first entry is the oldest.
      if (ids.size > capacity) ids.delete(ids.values().next().value as string);
      return true;
    },
    forget(id) {
      ids.delete(id);
    },
  };
}
