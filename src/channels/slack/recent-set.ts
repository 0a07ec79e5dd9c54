/** A bounded set of recently seen keys, oldest evicted first (dedupe of retried and doubled deliveries). */

/** Remembers up to `capacity` keys. */
export interface RecentSet {
  /** Adds the key; false when it was already there. */
  add(key: string): boolean;
  has(key: string): boolean;
}

/** Creates a recent-key set holding at most `capacity` keys. */
export function createRecentSet(capacity: number): RecentSet {
  const keys = new Set<string>();
  return {
    add(key) {
      if (keys.has(key)) return false;
      keys.add(key);
      if (keys.size > capacity) keys.delete(keys.values().next().value as string);
      return true;
    },
    has: (key) => keys.has(key),
  };
}

/** A small cache whose entries expire after `ttlMs` (membership lists, user names). */
export interface TtlCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
}

/** Creates a TTL cache of at most `capacity` entries. */
export function createTtlCache<V>(ttlMs: number, capacity: number, now: () => number = Date.now): TtlCache<V> {
  const entries = new Map<string, { value: V; until: number }>();
  return {
    get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.until <= now()) {
        entries.delete(key);
        return undefined;
      }
      return e.value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, { value, until: now() + ttlMs });
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
    },
  };
}
