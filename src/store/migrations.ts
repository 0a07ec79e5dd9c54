/** PostgreSQL schema migrations: an append-only list, applied in order at start and recorded in schema_migrations. */
import type { PoolClient } from 'pg';

/** One schema change; a released migration is never edited, only followed by a new one. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'conversations, cases, case events, delivery keys',
    sql: `
      create table conversations (
        id text primary key,
        state jsonb not null,
        updated_at timestamptz not null
      );
      create table cases (
        id text primary key,
        requester_channel text not null,
        requester_user text not null,
        status text not null,
        data jsonb not null,
        card_refs text[] not null default '{}',
        created_at timestamptz not null,
        updated_at timestamptz not null
      );
      create index cases_by_requester on cases (requester_channel, requester_user, created_at desc, id desc);
      create index cases_active on cases (created_at, id) where status <> 'closed';
      create index cases_by_card_ref on cases using gin (card_refs);
      create table case_events (
        seq bigserial primary key,
        case_id text not null,
        -- Makes a retried commit (or a re-run migration) insert each event once.
        event_key text not null unique,
        at timestamptz not null,
        data jsonb not null
      );
      create index case_events_by_case on case_events (case_id, at, seq);
      create table processed_keys (
        key text primary key,
        -- Who claimed the key, so a claim retried after a lost connection knows it already won.
        token text not null,
        expires_at timestamptz
      );
      create index processed_keys_expiry on processed_keys (expires_at) where expires_at is not null;
    `,
  },
  {
    version: 2,
    description: 'conversations by update time (outbox recovery at start)',
    sql: 'create index conversations_by_update on conversations (updated_at)',
  },
  {
    version: 3,
    description: 'turn log (statistics and review inbox)',
    sql: `
      create table turn_log (
        -- "C": ids order by code unit, as every store orders them.
        id text collate "C" primary key,
        at timestamptz not null,
        channel text not null,
        user_id text not null,
        data jsonb not null
      );
      -- Time windows, oldest first, read page by page (keyset on at, id).
      create index turn_log_by_time on turn_log (at, id);
      -- One user's entries (deskbot user forget).
      create index turn_log_by_user on turn_log (channel, user_id);
    `,
  },
  {
    version: 4,
    description: 'the statistics cache (insight/stats-cache.ts), cases by update time, the review inbox entries',
    sql: `
      -- Cases changed since a time (statistics, deskbot cases) without reading every case.
      create index cases_by_update on cases (updated_at, id);
      -- The review inbox's entries of a window without reading the others.
      create index turn_log_for_review on turn_log (at, id) where data ? 'review';
      -- One row: the cache's text, and a generation bumped (and the text dropped) whenever the turn log is rewritten.
      create table stats_cache (
        id integer primary key check (id = 1),
        generation bigint not null,
        -- Counts the writes: what a process read stays good while generation and written are the same.
        written bigint not null default 0,
        data text
      );
      insert into stats_cache (id, generation) values (1, 0);
    `,
  },
];

/** Applies the migrations not yet recorded (creating schema first if given), in one transaction under an advisory lock so concurrent starts do not race. */
export async function applyMigrations(
  client: PoolClient,
  lockName: string,
  schema?: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  await client.query('begin');
  try {
    // Held until commit: a second process starting now waits here, then finds everything applied.
    await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [lockName]);
    // The connection's search_path already names the schema; once it exists, new tables land in it.
    if (schema) await client.query(`create schema if not exists "${schema}"`);
    await client.query(`create table if not exists schema_migrations (
      version integer primary key,
      description text not null,
      applied_at timestamptz not null default now()
    )`);
    const { rows } = await client.query<{ version: number }>('select version from schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('insert into schema_migrations (version, description) values ($1, $2)', [m.version, m.description]);
      applied.push(m.version);
    }
    await client.query('commit');
    return applied;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}
