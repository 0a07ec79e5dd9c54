/** An expiring cache for the Slack adapter's platform lookups (membership lists, user names, the bot's threads). */

/** A small cache whose entries expire after `ttlMs`. */
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
