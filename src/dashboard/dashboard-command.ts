/**
 * `deskbot dashboard [--port P] [--data DIR] [--database-url URL]`: serves the operators' dashboard on
 * DASHBOARD_HOST (127.0.0.1 by default) until Ctrl-C or SIGTERM. It refuses a non-loopback address without
 * DASHBOARD_TOKEN; on loopback without one it makes a token up and prints it.
 */
import { loadConfig } from '../config.js';
import { parseStoreFlags } from '../store/command-flags.js';
import { openExistingStore } from '../store/open-store.js';
import { dashboardSettings } from './dashboard-settings.js';
import { serveDashboard } from './dashboard-server.js';
import { usersFileProblem } from './users-file.js';

type Print = (line: string) => void;

/** Runs the dashboard until a signal; returns the exit code (1: it must not or could not start, 2: bad flags). */
export async function runDashboardCommand(args: string[], _out: Print, env: NodeJS.ProcessEnv = process.env, err: Print = _out): Promise<number> {
  const flags = parseStoreFlags(args, ['port', 'data', 'database-url', 'schema', 'intents']);
  if (typeof flags === 'string') {
    err(`deskbot dashboard: ${flags}`);
    return 2;
  }
  const settings = dashboardSettings(env, flags.port);
  if (typeof settings === 'string') {
    err(`deskbot dashboard: ${settings}`);
    return 1;
  }
  const usersProblem = await usersFileProblem(settings.usersFile);
  if (usersProblem) {
    err(`deskbot dashboard: ${usersProblem}`);
    return 1;
  }
  const config = loadConfig(env);
  const dataDir = flags.data ?? config.dataDir;
  const store = await openExistingStore({ dataDir, databaseUrl: flags['database-url'] ?? config.databaseUrl, schema: flags.schema });
  if (typeof store === 'string') {
    err(`deskbot dashboard: ${store}`);
    return 1;
  }
  const served = await serveDashboard(
    { store, dataDir, intentsDir: flags.intents ?? config.intentsDir, timeZone: config.timeZone, routes: Object.keys(config.routes), now: () => new Date() },
    settings,
  );
  if (typeof served === 'string') {
    await store.close();
    err(`deskbot dashboard: ${served}`);
    return 1;
  }
  err(`deskbot dashboard on ${served.url}`);
  if (settings.generatedToken) err(`sign in with the token ${settings.token} (set DASHBOARD_TOKEN to choose it)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await served.close();
  await store.close();
  return 0;
}
