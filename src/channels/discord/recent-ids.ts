/** A bounded memory of recently seen event ids, to drop gateway dispatches replayed after a resume. */

/** Remembers the last `capacity` ids; `firstTime(id)` is true only the first time an id is seen. */
export function createRecentIds(capacity: number): { firstTime(id: string): boolean } {
  const ids = new Set<string>();
  return {
    firstTime(id) {
      if (ids.has(id)) return false;
      ids.add(id);
      // A Set iterates in insertion order, so the first entry is the oldest.
      if (ids.size > capacity) ids.delete(ids.values().next().value as string);
      return true;
    },
  };
}
