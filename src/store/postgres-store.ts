/**
 * The PostgreSQL store, for several bot processes sharing one database.
 *
 * - A commit is one transaction of upserts; each of its events carries a key (commit id + index), so a
 *   commit retried after a lost connection cannot insert an event twice.
 * - A query that fails because its connection died is retried once on a fresh connection (postgres/connection.ts).
 * - conversations.lock holds a PostgreSQL advisory lock on a connection of its own pool, so a task holding a lock
 *   can always get a connection for its queries; if that connection dies, the server releases the lock.
 *   A commit under the lock runs on that connection; if it dies, the lock is taken again and the commit is
 *   retried only if nothing the holder read (conversations, cases) was changed meanwhile by someone else.
 * - A commit never gives a new case the id of another case (case-identity.ts): an upsert only replaces a
 *   case of the same requester and creation time, so two processes drawing the same id cannot overwrite
 *   each other's case; the commit is refused with CaseIdTakenError.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { CaseEvent, ChannelName, SupportCase } from '../cases/types.js';
import type { CaseHistory } from '../insight/case-history.js';
import type { TurnLogEntry } from '../insight/turn-log-entry.js';
import { createLogger } from '../log.js';
import { CaseIdTakenError, StoreUnavailableError } from './errors.js';
import { createKeyedLock } from './keyed-lock.js';
import { applyMigrations } from './migrations.js';
import { toStorableJson } from './plain-json.js';
import { ACTIVE_CASES, CASE_EVENTS, CLOSED_CASES, REQUESTER_CASES } from './ordering.js';
import { caseSchema, checked, eventSchema, misshapenReporter, turnSchema, type MisshapenRecord } from './records.js';
import type { CaseRepository, ConversationRecord, ConversationStore, ForgetCounts, RecordRewriter, RewriteCounts, Store, StoreCounts, TurnCommit, TurnLog } from './port.js';
import { alreadyApplied, commitParameters, INSERT_EVENTS, INSERT_TURNS, sameAsStored, UPSERT_CASES, UPSERT_CONVERSATIONS, type CommitParameters } from './postgres/commit-sql.js';
import { createPgStatsCache } from './postgres/pg-stats-cache.js';
import { eraseClosedTranscripts, forgetUserRecords, pagesOfChangedCases, readCaseHistories } from './postgres/insight-sql.js';
import { createPgTurnLog } from './postgres/pg-turn-log.js';
import { exportRecords, rewriteRecords } from './postgres/whole-store-sql.js';
import { takeLock, takeLockOn, type HeldLock } from './postgres/advisory-lock.js';
import { isConnectionError, withConnection } from './postgres/connection.js';

/** How to reach the database. */
export interface PostgresStoreOptions {
  connectionString: string;
  /** Connections for queries (default 10); as many again are used for locks held by conversations.lock. */
  pool?: number;
  /** Schema for the tables, created if missing (default: the connection's search_path, normally public). */
  schema?: string;
  /** application_name of the connections, to find them in pg_stat_activity (default "deskbot"). */
  applicationName?: string;
  /** Where records not in the shape deskbot writes are reported (default: the "store" logger). */
  logger?: Pick<Logger, 'error'>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
// Expired delivery keys are deleted after this many claims, off the turn's path.
const PRUNE_EVERY_CLAIMS = 1000;

/** Opens the store, creating or upgrading its tables; throws StoreUnavailableError when the database cannot be reached. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`invalid PostgreSQL schema name "${options.schema}": use lower-case letters, digits and _`);
  }
  const size = options.pool ?? 10;
  const config: pg.PoolConfig = {
    connectionString: options.connectionString,
    max: size,
    application_name: options.applicationName ?? 'deskbot',
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  };
  const pool = new pg.Pool(config);
  const lockPool = new pg.Pool(config);
  // An idle connection killed by the server emits 'error' on its pool; without a listener the process would crash.
  pool.on('error', () => undefined);
  lockPool.on('error', () => undefined);
  const store = new PgStore(pool, lockPool, options.schema ?? 'default', misshapenReporter(options.logger ?? createLogger('store')));
  try {
    await store.run('schema migration', async (client) => {
      await applyMigrations(client, `deskbot:migrations:${options.schema ?? 'default'}`, options.schema);
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

const CLAIM = `
  insert into processed_keys (key, token, expires_at)
  values ($1, $2, case when $3::float8 is null then null else now() + make_interval(secs => $3::float8) end)
  on conflict (key) do update set token = excluded.token, expires_at = excluded.expires_at
    where processed_keys.expires_at is not null and processed_keys.expires_at <= now()
  returning token`;

/** An advisory lock held on a connection of its own. */
/** A conversations.lock call in progress: the connection holding its lock, and the records its holder read. */
interface LockScope {
  lockKey: string;
  held: HeldLock;
  /** `conversation:{id}` or `case:{id}` → its JSON as last read or written under this lock (null: missing). */
  seen: Map<string, string | null>;
}

class PgStore implements PostgresStore {
  private readonly locks = createKeyedLock();
  private claimsSincePrune = 0;
  private pruning: Promise<void> | undefined;
  private closed = false;
  /** The turn_log table. */
  readonly turns: TurnLog = createPgTurnLog(
    (what, sql, values) => this.query(what, sql, values),
    (id, data) => this.shaped<TurnLogEntry>(turnSchema, 'turn_log', id, data),
  );
  /** The stats_cache table. */
  readonly statsCache = createPgStatsCache((what, sql, values) => this.query(what, sql, values));

  constructor(
    private readonly pool: pg.Pool,
    private readonly lockPool: pg.Pool,
    private readonly lockNamespace: string,
    private readonly reportMisshapen: (bad: MisshapenRecord) => void,
  ) {}

  /** The lock call the current task runs in, if any. */
  private readonly heldLock = new AsyncLocalStorage<LockScope>();

  /** Notes what a lock holder read, so a retried commit can tell whether someone else changed it meanwhile. */
  private noteRead(key: string, value: unknown): void {
    this.heldLock.getStore()?.seen.set(key, value === undefined ? null : toStorableJson(value));
  }

  /** Runs fn on a pooled connection; a lost connection is retried once on a fresh one, then reported as unavailable. */
  run<T>(what: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return withConnection(this.pool, what, fn);
  }

  /** data when it is in schema's shape; else undefined, reported once (records.ts). */
  private shaped<T>(schema: z.ZodType, table: string, id: string, data: unknown): T | undefined {
    return checked<T>(schema, data, table, id, this.reportMisshapen);
  }

  /** The rows' data that are in schema's shape, in order. */
  private shapedRows<T>(schema: z.ZodType, table: string, rows: Array<{ id: string; data: T }>): T[] {
    return rows.flatMap((r) => this.shaped<T>(schema, table, r.id, r.data) ?? []);
  }

  private query<R extends pg.QueryResultRow>(what: string, sql: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    this.assertOpen();
    return this.run(what, (client) => client.query<R>(sql, values));
  }

  private async *changedSince(since: Date, only?: 'suggested'): AsyncIterable<SupportCase> {
    for await (const rows of pagesOfChangedCases((what, sql, values) => this.query(what, sql, values), since, only)) yield* this.shapedRows(caseSchema, 'cases', rows);
  }

  private async *histories(since: Date): AsyncIterable<CaseHistory> {
    yield* await readCaseHistories((what, sql, values) => this.query(what, sql, values), since);
  }

  eraseTranscripts(closedBefore: Date): Promise<number> {
    this.assertOpen();
    return this.run('erase old transcripts', (client) => eraseClosedTranscripts(client, closedBefore));
  }

  forgetUser(channel: ChannelName, userId: string): Promise<ForgetCounts> {
    this.assertOpen();
    return this.run('forget a user', (client) => forgetUserRecords(client, channel, userId));
  }

  /** Conversations in their table; locks are advisory locks; keys are rows of processed_keys. */
  readonly conversations: ConversationStore = {
    get: async (id) => {
      const { rows } = await this.query<{ state: unknown; updated_at: Date }>('read conversation', 'select state, updated_at from conversations where id = $1', [id]);
      this.noteRead(`conversation:${id}`, rows[0]?.state);
      return rows[0] && { id, state: rows[0].state, updatedAt: rows[0].updated_at.toISOString() };
    },
    updatedSince: async (since) => {
      const { rows } = await this.query<{ id: string; state: unknown; updated_at: Date }>(
        'list recent conversations',
        'select id, state, updated_at from conversations where updated_at >= $1 order by updated_at',
        [since],
      );
      return rows.map((r) => ({ id: r.id, state: r.state, updatedAt: r.updated_at.toISOString() }));
    },
    lock: (key, fn) => this.withLock(key, fn),
    once: (key, ttlSeconds) => this.claimOnce(key, ttlSeconds),
  };

  /** Cases and their events in their tables. */
  readonly cases: CaseRepository = {
    get: async (id) => {
      const { rows } = await this.query<{ data: SupportCase }>('read case', 'select data from cases where id = $1', [id]);
      this.noteRead(`case:${id}`, rows[0]?.data);
      return rows[0] && this.shaped<SupportCase>(caseSchema, 'cases', id, rows[0].data);
    },
    byRequester: async (channel, userId, limit) => {
      const { rows } = await this.query<{ id: string; data: SupportCase }>(
        'list requester cases',
        `select id, data from cases where requester_channel = $1 and requester_user = $2 order by ${REQUESTER_CASES.sql} limit $3`,
        [channel, userId, limit === undefined ? null : Math.max(0, Math.floor(limit))],
      );
      return this.shapedRows(caseSchema, 'cases', rows);
    },
    active: async () => {
      const { rows } = await this.query<{ id: string; data: SupportCase }>('list active cases', `select id, data from cases where status <> 'closed' order by ${ACTIVE_CASES.sql}`);
      return this.shapedRows(caseSchema, 'cases', rows);
    },
    events: async (caseId) => {
      const { rows } = await this.query<{ id: string; data: CaseEvent }>('list events', `select event_key as id, data from case_events where case_id = $1 order by ${CASE_EVENTS.sql}`, [caseId]);
      return this.shapedRows(eventSchema, 'case_events', rows);
    },
    idByCardRef: async (ref) => {
      const { rows } = await this.query<{ id: string }>(
        'find case by card',
        'select id from cases where card_refs @> array[$1::text] order by updated_at desc limit 1',
        [ref],
      );
      return rows[0]?.id;
    },
    histories: (since) => this.histories(since),
    changedSince: (since, only) => this.changedSince(since, only),
    closedPage: async (limit, route) => {
      const [page, count] = await Promise.all([
        this.query<{ id: string; data: SupportCase }>('list closed cases', `select id, data from cases where status = 'closed' and ($2::text is null or data->>'route' = $2) order by ${CLOSED_CASES.sql} limit $1`, [Math.max(0, limit), route ?? null]),
        this.query<{ n: number }>('count closed cases', `select count(*)::int as n from cases where status = 'closed' and ($1::text is null or data->>'route' = $1)`, [route ?? null]),
      ]);
      return { cases: this.shapedRows<SupportCase>(caseSchema, 'cases', page.rows), total: count.rows[0].n };
    },
  };

  async commit(change: TurnCommit): Promise<void> {
    this.assertOpen();
    await this.commitWith(commitParameters(change, randomUUID()));
  }

  /** Applies a change whose events have stable keys of the caller's choosing, so copying it again adds nothing. */
  async commitIdempotent(change: TurnCommit, eventKey: (e: CaseEvent, i: number) => string): Promise<void> {
    this.assertOpen();
    await this.commitWith(commitParameters(change, '', eventKey));
  }

  private async commitWith(params: CommitParameters): Promise<void> {
    if (!params.conversations && !params.cases && !params.events && !params.turns) return;
    const scope = this.heldLock.getStore();
    if (!scope) return this.run('commit', (client) => this.transaction(client, params));
    try {
      await this.transaction(scope.held.client, params);
    } catch (err) {
      if (!isConnectionError(err)) throw err;
      await this.retryUnderLock(scope, params, err);
    }
    for (const [key, json] of params.written) scope.seen.set(key, json);
  }

  /**
   * Retries a commit whose lock connection died: the lock was dropped with it, so it is taken again, and the
   * commit is applied only if it is not applied already and nothing the holder read has changed since.
   */
  private async retryUnderLock(scope: LockScope, params: CommitParameters, lost: unknown): Promise<void> {
    await scope.held.release();
    try {
      scope.held = await takeLock(this.lockPool, scope.lockKey);
      await this.transaction(scope.held.client, params, async (client) => {
        if (await alreadyApplied(client, params)) return false;
        for (const [key, json] of scope.seen) {
          if (!(await sameAsStored(client, key, json))) {
            throw new StoreUnavailableError(`the database connection holding the lock was lost and ${key} changed meanwhile`, { cause: lost });
          }
        }
        return true;
      });
    } catch (err) {
      if (isConnectionError(err)) throw new StoreUnavailableError(`the database connection holding the lock was lost twice: ${(err as Error).message}`, { cause: err });
      throw err;
    }
  }

  /** Applies one commit as a single transaction on the given connection; `check` may skip it (false) or abort it (throw). */
  private async transaction(client: pg.ClientBase, params: CommitParameters, check?: (client: pg.ClientBase) => Promise<boolean>): Promise<void> {
    await client.query('begin');
    try {
      if (!check || (await check(client))) {
        if (params.conversations) await client.query(UPSERT_CONVERSATIONS, [params.conversations]);
        if (params.cases) {
          const { rows } = await client.query<{ id: string }>(UPSERT_CASES, [params.cases]);
          const stored = new Set(rows.map((r) => r.id));
          const taken = params.caseIds.filter((id) => !stored.has(id));
          if (taken.length > 0) throw new CaseIdTakenError(taken);
        }
        if (params.events) await client.query(INSERT_EVENTS, [params.events]);
      }
      // Inserted even when the rest was applied already: entries are kept once per id whatever happens.
      if (params.turns) await client.query(INSERT_TURNS, [params.turns]);
      await client.query('commit');
    } catch (err) {
      // On a dead connection the server has rolled back already.
      if (!isConnectionError(err)) await client.query('rollback').catch(() => undefined);
      throw err;
    }
  }

  private async claimOnce(key: string, ttlSeconds?: number): Promise<boolean> {
    this.assertOpen();
    // Our own token found under the key means an earlier attempt of this very claim won before its connection dropped.
    const token = randomUUID();
    const won = await this.run('claim delivery key', async (client) => {
      const claimed = await client.query(CLAIM, [key, token, ttlSeconds ?? null]);
      if (claimed.rowCount === 1) return true;
      const { rows } = await client.query<{ token: string }>('select token from processed_keys where key = $1', [key]);
      return rows[0]?.token === token;
    });
    if (++this.claimsSincePrune >= PRUNE_EVERY_CLAIMS && !this.pruning) {
      this.claimsSincePrune = 0;
      this.pruning = this.query('prune delivery keys', 'delete from processed_keys where expires_at <= now()')
        .then(() => undefined, () => undefined)
        .finally(() => (this.pruning = undefined));
    }
    return won;
  }

  private withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    this.assertOpen();
    // The in-process queue first: waiters of this process do not each hold a connection while they wait.
    // A lock taken while holding another (a turn moving to the user's DM) goes on the same connection: each from a
    // connection of its own, as many such turns at once as the lock pool has connections would wait for ever.
    const outer = this.heldLock.getStore();
    return this.locks.run(key, async () => {
      const lockKey = `${this.lockNamespace}:${key}`;
      const held = outer ? await takeLockOn(outer.held.client, lockKey) : await takeLock(this.lockPool, lockKey);
      const scope: LockScope = { lockKey, held, seen: new Map() };
      try {
        return await this.heldLock.run(scope, fn);
      } finally {
        await scope.held.release();
      }
    });
  }

  async counts(): Promise<StoreCounts> {
    const { rows } = await this.query<StoreCounts>(
      'count',
      `select (select count(*) from conversations)::int as conversations,
              (select count(*) from cases)::int as cases,
              (select count(*) from case_events)::int as events,
              (select count(*) from turn_log)::int as turns`,
    );
    return rows[0];
  }

  async exportAll(): Promise<{ conversations: ConversationRecord[]; cases: SupportCase[]; events: CaseEvent[] }> {
    this.assertOpen();
    return this.run('export', exportRecords);
  }

  async rewriteAll(rewrite: RecordRewriter): Promise<RewriteCounts> {
    this.assertOpen();
    return this.run('rewrite', (client) => rewriteRecords(client, rewrite));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pruning;
    await Promise.all([this.pool.end(), this.lockPool.end()]);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the store is closed');
  }
}

/** A PostgreSQL store that can also copy records in idempotently (used by `deskbot store migrate`). */
export type PostgresStore = Store & {
  commitIdempotent(change: TurnCommit, eventKey: (e: CaseEvent, i: number) => string): Promise<void>;
};

async function onSchema(connectionString: string, schema: string, sql: (quoted: string) => string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  await client.query(sql(`"${schema.replaceAll('"', '""')}"`)).finally(() => client.end());
}

/** Drops a schema and everything in it (benchmarks and tests clean up their own schemas with it). */
export const dropPostgresSchema = (url: string, schema: string) => onSchema(url, schema, (s) => `drop schema if exists ${s} cascade`);

/** Gathers a schema's planner statistics now, as autovacuum does on a running database (benchmarks, after seeding). */
export const analyzePostgresSchema = (url: string, schema: string) => onSchema(url, schema, (s) => `analyze ${s}.turn_log, ${s}.cases, ${s}.case_events`);
