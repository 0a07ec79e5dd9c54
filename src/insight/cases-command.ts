/**
 * `deskbot cases [--status S] [--route R] [--since …] [--json]`, `deskbot cases show ID [--json]` and
 * `deskbot cases export [--format csv|jsonl] [--since …]`: the case queue, one case, and every case for a
 * spreadsheet, read from the configured store. On lowdb the data folder must not be in use by a running bot.
 */
import type { SupportCase } from '../cases/types.js';
import { loadConfig } from '../config.js';
import { parseStoreFlags } from '../store/command-flags.js';
import { openExistingStore } from '../store/open-store.js';
import type { Store } from '../store/port.js';
import { CASE_FILTERS, matchesQuery, queueOrder, type CaseFilter } from './case-list.js';
import { csvHeader, csvRow, EXPORT_FORMATS, jsonlRow } from './case-export.js';
import { renderCaseDetail, renderCaseTable } from './case-render.js';
import { parseStatsWindow, WindowError } from './stats-window.js';

type Print = (line: string) => void;

const STORE_FLAGS = ['data', 'database-url', 'schema'];
/** Everything, when no --since is given. */
const ALL_TIME = '1970-01-01T00:00:00Z';

/** Lists the queue. */
export async function runCasesCommand(args: string[], out: Print, env: NodeJS.ProcessEnv = process.env, err: Print = out): Promise<number> {
  const json = args.includes('--json');
  const flags = parseStoreFlags(args.filter((a) => a !== '--json'), ['status', 'route', 'since', ...STORE_FLAGS]);
  if (typeof flags === 'string') return usage(err, 'cases', flags);
  if (flags.status !== undefined && !(CASE_FILTERS as readonly string[]).includes(flags.status)) {
    return usage(err, 'cases', `--status takes one of ${CASE_FILTERS.join(', ')}, not "${flags.status}"`);
  }
  return withStore('cases', flags, env, err, async (store, now, timeZone, since) => {
    const query = { status: flags.status as CaseFilter | undefined, route: flags.route };
    const cases: SupportCase[] = [];
    for await (const c of store.cases.changedSince(since)) if (matchesQuery(c, query, now)) cases.push(c);
    cases.sort(queueOrder(now));
    if (json) for (const c of cases) out(JSON.stringify(c));
    else for (const line of renderCaseTable(cases, now, timeZone)) out(line);
    return 0;
  });
}

/** Shows one case. */
export async function runCaseShowCommand(args: string[], out: Print, env: NodeJS.ProcessEnv = process.env, err: Print = out): Promise<number> {
  const json = args.includes('--json');
  const [id, ...rest] = args.filter((a) => a !== '--json');
  if (id === undefined || id.startsWith('--')) return usage(err, 'cases show', 'which case? write its id, e.g. deskbot cases show K7P-4QX');
  const flags = parseStoreFlags(rest, STORE_FLAGS);
  if (typeof flags === 'string') return usage(err, 'cases show', flags);
  return withStore('cases show', flags, env, err, async (store, now, timeZone) => {
    const c = await store.cases.get(id.toUpperCase());
    if (!c) {
      err(`deskbot cases show: no case ${id.toUpperCase()} in this store`);
      return 1;
    }
    const events = await store.cases.events(c.id);
    if (json) out(JSON.stringify({ case: c, events }));
    else for (const line of renderCaseDetail(c, events, now, timeZone)) out(line);
    return 0;
  });
}

/** Exports every case (changed since --since) as CSV or JSON Lines on stdout. */
export async function runCasesExportCommand(args: string[], out: Print, env: NodeJS.ProcessEnv = process.env, err: Print = out): Promise<number> {
  const flags = parseStoreFlags(args, ['format', 'since', ...STORE_FLAGS]);
  if (typeof flags === 'string') return usage(err, 'cases export', flags);
  const format = flags.format ?? 'csv';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) return usage(err, 'cases export', `--format takes ${EXPORT_FORMATS.join(' or ')}, not "${format}"`);
  return withStore('cases export', flags, env, err, async (store, _now, _timeZone, since) => {
    // Each record is printed as it is read: 100,000 cases never sit in memory as one text.
    if (format === 'csv') out(csvHeader().replace(/\n$/, ''));
    for await (const c of store.cases.changedSince(since)) out((format === 'csv' ? csvRow(c) : jsonlRow(c)).replace(/\n$/, ''));
    return 0;
  });
}

/** Opens the store the flags and configuration name, runs `work` and closes it; problems are reported as `deskbot {command}: …`. */
async function withStore(
  command: string,
  flags: Record<string, string>,
  env: NodeJS.ProcessEnv,
  err: Print,
  work: (store: Store, now: Date, timeZone: string, since: Date) => Promise<number>,
): Promise<number> {
  const config = loadConfig(env);
  const now = new Date();
  let since: Date;
  try {
    since = flags.since === undefined ? new Date(ALL_TIME) : parseStatsWindow({ since: flags.since }, now, config.timeZone).since;
  } catch (e) {
    if (!(e instanceof WindowError)) throw e;
    return usage(err, command, e.message);
  }
  const store = await openExistingStore({ dataDir: flags.data ?? config.dataDir, databaseUrl: flags['database-url'] ?? config.databaseUrl, schema: flags.schema, readOnly: true });
  if (typeof store === 'string') {
    err(`deskbot ${command}: ${store}`);
    return 1;
  }
  try {
    return await work(store, now, config.timeZone, since);
  } finally {
    await store.close();
  }
}

function usage(err: Print, command: string, problem: string): number {
  err(`deskbot ${command}: ${problem}`);
  return 2;
}
