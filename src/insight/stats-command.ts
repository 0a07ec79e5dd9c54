/**
 * `deskbot stats [--since 7d|30d|DATE] [--until DATE] [--by intent|route|channel|lang|day] [--json]`: what the bot
 * did over a period, read from the configured store (the lowdb folder, or PostgreSQL when DATABASE_URL is set).
 */
import { loadConfig } from '../config.js';
import { parseStoreFlags } from '../store/command-flags.js';
import { openExistingStore } from '../store/open-store.js';
import { statsOf } from './stats-source.js';
import { renderStats } from './stats-render.js';
import { parseStatsWindow, WindowError } from './stats-window.js';
import { GROUP_BY, type GroupBy } from './turn-tally.js';

const USAGE = 'usage: deskbot stats [--since 7d|30d|DATE] [--until DATE] [--by intent|route|channel|lang|day] [--json] [--data DIR] [--database-url URL] [--schema NAME]';
const OPTIONS = ['since', 'until', 'by', 'data', 'database-url', 'schema'];

/** Runs the command: the report on out (one JSON object with --json), problems on err; returns the exit code. */
export async function runStatsCommand(args: string[], out: (line: string) => void, env: NodeJS.ProcessEnv = process.env, err: (line: string) => void = out): Promise<number> {
  const json = args.includes('--json');
  const flags = parseStoreFlags(
    args.filter((a) => a !== '--json'),
    OPTIONS,
  );
  if (typeof flags === 'string') {
    err(`deskbot stats: ${flags}\n${USAGE}`);
    return 2;
  }
  const by = flags.by;
  if (by !== undefined && !(GROUP_BY as readonly string[]).includes(by)) {
    err(`deskbot stats: --by takes one of ${GROUP_BY.join(', ')}, not "${by}"`);
    return 2;
  }
  const config = loadConfig(env);
  let window;
  try {
    window = parseStatsWindow({ since: flags.since, until: flags.until }, new Date(), config.timeZone);
  } catch (e) {
    if (!(e instanceof WindowError)) throw e;
    err(`deskbot stats: ${e.message}`);
    return 2;
  }
  const store = await openExistingStore({ dataDir: flags.data ?? config.dataDir, databaseUrl: flags['database-url'] ?? config.databaseUrl, schema: flags.schema, readOnly: true });
  if (typeof store === 'string') {
    err(`deskbot stats: ${store}`);
    return 1;
  }
  try {
    const report = await statsOf(store, window, by as GroupBy | undefined);
    if (json) out(JSON.stringify(report));
    else for (const line of renderStats(report, by as GroupBy | undefined)) out(line);
  } finally {
    await store.close();
  }
  return 0;
}
