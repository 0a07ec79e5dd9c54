/** The PostgreSQL store's turn log: the turn_log table (migration 3), written by the commit's transaction. */
import type pg from 'pg';
import type { ChannelName } from '../../cases/types.js';
import type { TurnLogEntry } from '../../insight/turn-log-entry.js';
import { TURN_LOG } from '../ordering.js';
import type { TurnLog } from '../port.js';
import { tallyTurnLog } from './insight-sql.js';

/** Runs one statement on a pooled connection (with the store's retry on a lost connection). */
export type Query = <R extends pg.QueryResultRow>(what: string, sql: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;

/** Entries read per query while a window is iterated. */
const PAGE = 1000;

/** The first page of a window, and (keyset paging) the page after the last entry read, whatever was committed meanwhile; `also` narrows them. */
const firstPage = (also: string) => `select id, at, data from turn_log where at >= $1 and at < $2 ${also} order by ${TURN_LOG.sql} limit ${PAGE}`;
const nextPage = (also: string) => `select id, at, data from turn_log where (at, id) > ($1, $2) and at < $3 ${also} order by ${TURN_LOG.sql} limit ${PAGE}`;
/** Entries kept for the review inbox (found through the partial index of migration 4). */
const FOR_REVIEW = `and data ? 'review'`;

/** Part of a statement that changed the turn log (`counted` says how many entries): the statistics' cache is dropped with the change. */
const DROP_STATS_CACHE = `, dropped as (update stats_cache set generation = generation + 1, written = written + 1, data = null where (select n from counted) > 0)`;

/** Creates the turn log on a store's queries; `shaped` returns an entry read back, or undefined to skip it (not in the turn log's shape). */
export function createPgTurnLog(query: Query, shaped: (id: string, data: unknown) => TurnLogEntry | undefined): TurnLog {
  return {
    tally: (window, by) => tallyTurnLog(query, window, by),
    async *between(since, until, only) {
      const also = only === 'review' ? FOR_REVIEW : '';
      let last: { id: string; at: Date } | undefined;
      for (;;) {
        const { rows } = await query<{ id: string; at: Date; data: TurnLogEntry }>(
          'read turn log',
          last ? nextPage(also) : firstPage(also),
          last ? [last.at, last.id, until] : [since, until],
        );
        for (const r of rows) {
          const entry = shaped(r.id, r.data);
          if (entry) yield entry;
        }
        if (rows.length < PAGE) return;
        last = rows[rows.length - 1];
      }
    },
    async deleteBefore(before) {
      const { rows } = await query<{ n: number }>(
        'delete old turn log entries',
        `with gone as (delete from turn_log where at < $1 returning 1), counted as (select count(*)::int as n from gone)
         ${DROP_STATS_CACHE} select n from counted`,
        [before],
      );
      return rows[0].n;
    },
    async forgetUser(channel: ChannelName, userId: string) {
      const { rows } = await query<{ n: number }>(
        'forget a user in the turn log',
        // Each conversation gets an anonymous name of its own, so conversations are still counted apart.
        `with named as (
           select conversation, 'forgotten:' || gen_random_uuid() as anonymous
           from (select distinct data->>'conversation' as conversation from turn_log where channel = $1 and user_id = $2) mine
         )
         , changed as (
           update turn_log t set user_id = '', data = (t.data - 'text') || jsonb_build_object('userId', '', 'conversation', n.anonymous)
           from named n where t.channel = $1 and t.user_id = $2 and t.data->>'conversation' = n.conversation returning 1
         ), counted as (select count(*)::int as n from changed)
         ${DROP_STATS_CACHE} select n from counted`,
        [channel, userId],
      );
      return rows[0].n;
    },
  };
}
