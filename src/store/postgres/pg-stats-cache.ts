/** The PostgreSQL store's slot for the statistics' cache: the one row of stats_cache (migration 4), dropped by rewrites of the turn log (pg-turn-log.ts). */
import type { StatsCacheSlot } from '../../insight/stats-cache.js';
import type { Query } from './pg-turn-log.js';

/** The slot on a store's queries. */
export function createPgStatsCache(query: Query): StatsCacheSlot {
  return {
    async stamp() {
      const { rows } = await query<{ stamp: string }>('stamp the statistics cache', `select generation || ':' || written as stamp from stats_cache where id = 1`);
      return rows[0]?.stamp ?? '';
    },
    async read() {
      const { rows } = await query<{ generation: string; data: string | null }>('read the statistics cache', 'select generation::text, data from stats_cache where id = 1');
      return { text: rows[0]?.data ?? undefined, generation: rows[0]?.generation ?? '0' };
    },
    async write(text, generation) {
      // Kept only if no retention or `user forget` changed the turn log since the cache's counting began.
      await query('write the statistics cache', 'update stats_cache set data = $1, written = written + 1 where id = 1 and generation = $2::bigint', [text, generation]);
    },
  };
}
