/**
 * `deskbot store rescan`: masks stored conversations, cases and events again with the current rules, on the
 * lowdb data folder (when it holds data) and on PostgreSQL (when a database is given), and reports per store
 * what it changed. Safe to run again: masked text masks to itself, so a second run changes nothing.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SENSITIVE_LABELS } from '../nlu/sensitive-data.js';
import { LOWDB_FILES, openLowdbStore } from './lowdb-store.js';
import type { Store } from './port.js';
import { createRemasker } from './remask-records.js';
import { parseStoreFlags } from './command-flags.js';

const USAGE = 'usage: deskbot store rescan [--data DIR] [--database-url URL] [--schema NAME]';
const OPTIONS = ['data', 'database-url', 'schema'];


/** Re-masks one store and describes what changed, in one line. */
async function rescan(store: Store, label: string): Promise<string> {
  const { rewriter, found } = createRemasker();
  const changed = await store.rewriteAll(rewriter);
  const total = await store.counts();
  if (changed.conversations + changed.cases + changed.events + changed.turns === 0) {
    return `${label}: nothing to mask (${total.conversations} conversations, ${total.cases} cases, ${total.events} events, ${total.turns} turn log entries checked)`;
  }
  const kinds = [...found]
    .map(([kind, n]) => ({ label: SENSITIVE_LABELS.en[kind], n }))
    .sort((a, b) => b.n - a.n || a.label.localeCompare(b.label))
    .map(({ label, n }) => `${label} ×${n}`)
    .join(', ');
  return (
    `${label}: masked ${kinds} in ${changed.conversations} of ${total.conversations} conversations, ${changed.cases} of ${total.cases} cases, ` +
    `${changed.events} of ${total.events} events, ${changed.turns} of ${total.turns} turn log entries`
  );
}

/** Runs the command; prints one line per store through out, problems through err; returns the exit code (0 ok, 1 failed, 2 usage). */
export async function runStoreRescanCommand(
  args: string[],
  out: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
  err: (line: string) => void = out,
): Promise<number> {
  const flags = parseStoreFlags(args, OPTIONS);
  if (typeof flags === 'string') {
    err(`${flags}\n${USAGE}`);
    return 2;
  }
  const dataDir = resolve(flags.data ?? env.DESKBOT_DATA_DIR ?? './data');
  const databaseUrl = flags['database-url'] ?? env.DATABASE_URL;
  // Checked first, because opening a lowdb store on an empty directory would create one.
  const lowdb = existsSync(join(dataDir, LOWDB_FILES.data));
  if (!lowdb && !databaseUrl) {
    err(`nothing to rescan: no lowdb data at ${join(dataDir, LOWDB_FILES.data)} and no database (pass --data DIR or --database-url URL, or set DATABASE_URL)`);
    return 1;
  }
  if (lowdb) {
    const store = await openLowdbStore({ dir: dataDir });
    try {
      out(await rescan(store, `lowdb ${dataDir}`));
    } finally {
      await store.close();
    }
  }
  if (databaseUrl) {
    // Loaded only when asked for, so lowdb users never load the PostgreSQL driver.
    const store = await (await import('./postgres-store.js')).openPostgresStore({ connectionString: databaseUrl, schema: flags.schema });
    try {
      out(await rescan(store, `postgres ${describeDatabase(databaseUrl)}${flags.schema ? ` (schema ${flags.schema})` : ''}`));
    } finally {
      await store.close();
    }
  }
  return 0;
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
