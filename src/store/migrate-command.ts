/**
 * `deskbot store migrate --from lowdb --to postgres`: copies every conversation, case, event and turn log entry, then checks counts.
 *
 * The copy is an idempotent upsert: conversations and cases with the same id are replaced by the source's
 * version, and events get stable keys (case id + position), so running it again (say, once more just before
 * switching over) adds only what is new. A target that already holds data is not refused, but the output
 * says so, and the check then only requires the target to hold at least what the source has.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CaseEvent, SupportCase } from '../cases/types.js';
import type { TurnLogEntry } from '../insight/turn-log-entry.js';
import { LOWDB_FILES, openLowdbStore } from './lowdb-store.js';
import { openPostgresStore, type PostgresStore } from './postgres-store.js';
import type { Store } from './port.js';
import { parseStoreFlags } from './command-flags.js';

const USAGE = 'usage: deskbot store migrate --from lowdb --to postgres [--data DIR] [--database-url URL] [--schema NAME]';
const BATCH = 500;

type Counts = Awaited<ReturnType<Store['counts']>>;


function describeCounts(c: Counts): string {
  return `${c.conversations} conversations, ${c.cases} cases, ${c.events} events, ${c.turns} turn log entries`;
}

/** The database's address without user or password, for output. */
function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return '(database)';
  }
}

/** Runs the command; prints progress and counts through out, problems through err; returns the exit code (0 ok, 1 failed, 2 usage). */
export async function runStoreMigrateCommand(
  args: string[],
  out: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
  err: (line: string) => void = out,
): Promise<number> {
  const flags = parseStoreFlags(args, ['from', 'to', 'data', 'database-url', 'schema']);
  if (typeof flags === 'string') {
    err(`${flags}\n${USAGE}`);
    return 2;
  }
  if (flags.from !== 'lowdb' || flags.to !== 'postgres') {
    err(`only --from lowdb --to postgres is supported\n${USAGE}`);
    return 2;
  }
  const databaseUrl = flags['database-url'] ?? env.DATABASE_URL;
  if (!databaseUrl) {
    err(`no target database: pass --database-url or set DATABASE_URL\n${USAGE}`);
    return 2;
  }
  const dataDir = resolve(flags.data ?? env.DESKBOT_DATA_DIR ?? './data');
  // Checked first, because opening a lowdb store on an empty directory would create one.
  if (!existsSync(join(dataDir, LOWDB_FILES.data))) {
    err(`no lowdb data at ${join(dataDir, LOWDB_FILES.data)} (pass --data DIR)`);
    return 1;
  }

  let source: Store | undefined;
  let target: PostgresStore | undefined;
  try {
    source = await openLowdbStore({ dir: dataDir });
    target = await openPostgresStore({ connectionString: databaseUrl, schema: flags.schema });
    return await copy(source, target, { dataDir, database: `${describeDatabase(databaseUrl)}${flags.schema ? ` (schema ${flags.schema})` : ''}` }, out);
  } catch (e) {
    err(`migration failed: ${(e as Error).message}`);
    return 1;
  } finally {
    await target?.close();
    await source?.close();
  }
}

async function copy(
  source: Store,
  target: PostgresStore,
  where: { dataDir: string; database: string },
  out: (line: string) => void,
): Promise<number> {
  const sourceCounts = await source.counts();
  out(`source: lowdb ${where.dataDir}: ${describeCounts(sourceCounts)}`);
  const before = await target.counts();
  const wasEmpty = before.conversations === 0 && before.cases === 0 && before.events === 0 && before.turns === 0;
  out(`target: postgres ${where.database}: ${wasEmpty ? 'empty' : `already has ${describeCounts(before)}; records with the same ids are replaced by the source's`}`);

  const all = await source.exportAll();
  const eventsOf = new Map<string, CaseEvent[]>();
  for (const e of all.events) {
    const list = eventsOf.get(e.caseId);
    if (list) list.push(e);
    else eventsOf.set(e.caseId, [e]);
  }
  for (let i = 0; i < all.conversations.length; i += BATCH) {
    await target.commit({ conversations: all.conversations.slice(i, i + BATCH) });
  }
  // Cases go with their events, so a case is never copied without its log.
  const caseIds = new Set(all.cases.map((c) => c.id));
  const orphanIds = [...eventsOf.keys()].filter((id) => !caseIds.has(id));
  for (let i = 0; i < all.cases.length; i += BATCH) {
    const cases = all.cases.slice(i, i + BATCH);
    await copyWithEvents(target, cases, cases.map((c) => c.id), eventsOf);
  }
  if (orphanIds.length > 0) await copyWithEvents(target, [], orphanIds, eventsOf);
  const turns = await copyTurnLog(source, target);
  out(`copied: ${describeCounts({ conversations: all.conversations.length, cases: all.cases.length, events: all.events.length, turns })}`);

  const after = await target.counts();
  const kinds = ['conversations', 'cases', 'events', 'turns'] as const;
  const complete = wasEmpty ? kinds.every((k) => after[k] === sourceCounts[k]) : kinds.every((k) => after[k] >= sourceCounts[k]);
  out(`${complete ? 'verified' : 'MISMATCH'}: target now has ${describeCounts(after)}`);
  return complete ? 0 : 1;
}

/** Copies the whole turn log in batches, streamed (it can be far larger than the rest); entries are keyed by id, so a second run adds nothing. */
async function copyTurnLog(source: Store, target: PostgresStore): Promise<number> {
  let batch: TurnLogEntry[] = [];
  let copied = 0;
  for await (const entry of source.turns.between(new Date(0), new Date(8.64e15))) {
    batch.push(entry);
    if (batch.length < BATCH) continue;
    await target.commit({ turns: batch });
    copied += batch.length;
    batch = [];
  }
  if (batch.length > 0) await target.commit({ turns: batch });
  return copied + batch.length;
}

async function copyWithEvents(
  target: PostgresStore,
  cases: SupportCase[],
  ids: string[],
  eventsOf: Map<string, CaseEvent[]>,
): Promise<void> {
  const events: CaseEvent[] = [];
  const keys: string[] = [];
  for (const id of ids) {
    (eventsOf.get(id) ?? []).forEach((e, n) => {
      events.push(e);
      // Stable across runs: the n-th event of a case is the same event the next time.
      keys.push(`migrate:${id}:${n}`);
    });
  }
  await target.commitIdempotent({ cases, events }, (_e, i) => keys[i]);
}
