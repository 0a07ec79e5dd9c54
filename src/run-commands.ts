/** `deskbot chat` and `deskbot start`: the commands that run the bot (loaded only when one of them is run). */
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createConsoleChat } from './channels/console/console-chat.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { createClock } from './core/clock.js';
import type { ChannelAdapter } from './channels/contract.js';
import { sendLogsToFile } from './log.js';
import { startDeskbot, type Deskbot, type StartOptions } from './main.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/port.js';
import { explainDatabaseFailure, explainDiscordFailure, explainingStartFailures, explainSlackFailure, StartupError } from './startup-failures.js';
import { startConfigFromEnv } from './start-config.js';

/** Reads `--name value` flags; unknown flags are an error. */
function flags(args: string[], known: string[], booleans: string[] = []): Record<string, string | true> {
  const result: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const name = args[i].replace(/^--/, '');
    if (!args[i].startsWith('--') || (!known.includes(name) && !booleans.includes(name))) throw new ConfigError(`Unknown option: ${args[i]}`);
    if (booleans.includes(name)) result[name] = true;
    else {
      const value = args[++i];
      if (value === undefined) throw new ConfigError(`Option --${name} needs a value`);
      result[name] = value;
    }
  }
  return result;
}

/** `deskbot chat [--jsonl] [--data DIR] [--intents DIR] [--now ISO]`: the console channel, interactive or scripted. */
export async function runChatCommand(args: string[]): Promise<number> {
  const f = flags(args, ['data', 'intents', 'now'], ['jsonl']);
  const config: AppConfig = { ...loadConfig(), routes: { default: { route: 'default', channel: 'console', target: '' } } };
  let pinned: Date | undefined;
  if (typeof f.now === 'string') {
    pinned = new Date(f.now);
    if (Number.isNaN(pinned.getTime())) throw new ConfigError(`--now: "${f.now}" is not an ISO-8601 date and time`);
  }
  const clock = createClock(pinned);
  const jsonl = f.jsonl === true;
  const dataDir = typeof f.data === 'string' ? f.data : config.dataDir;
  if (!jsonl) {
    // Log lines would land in the middle of the conversation: they go to a file, and the chat says where once.
    const logFile = join(dataDir, 'deskbot.log');
    sendLogsToFile(logFile);
    process.stdout.write(`(deskbot's log: ${logFile})\n`);
  }
  const chat = createConsoleChat(jsonl ? 'jsonl' : 'interactive');
  const deskbot = await startExplained({
    adapters: [chat.adapter],
    config: { ...config, dataDir },
    intentsDir: typeof f.intents === 'string' ? f.intents : undefined,
    now: () => clock.now(),
    watch: !jsonl,
    tickEveryMs: jsonl ? 0 : 60_000,
  });
  try {
    await chat.converse(() => deskbot.bot.tick(), clock);
  } finally {
    await deskbot.stop();
  }
  return 0;
}

/**
 * `deskbot start`: runs the platform channels named in CHANNELS until SIGINT or SIGTERM, and the dashboard beside
 * them when DASHBOARD_PORT is set (on the bot's own store: the embedded store's folder is locked by this process).
 */
export async function runStartCommand(): Promise<number> {
  const { config, slack, discord, dashboard } = await startConfigFromEnv(process.env);
  const adapters: ChannelAdapter[] = [];
  if (slack) {
    const adapter = (await import('./channels/slack/index.js')).createSlackAdapter(slack);
    adapters.push(explainingStartFailures(adapter, (err) => explainSlackFailure(err, slack)));
  }
  if (discord) {
    const adapter = (await import('./channels/discord/index.js')).createDiscordAdapter(discord);
    adapters.push(explainingStartFailures(adapter, (err) => explainDiscordFailure(err, discord)));
  }
  const deskbot = await startExplained({ adapters, config });
  process.stderr.write(`deskbot running on ${adapters.map((a) => a.name).join(', ')}\n`);
  // Loaded only when served, like the platforms' code.
  const served = dashboard && (await (await import('./dashboard/dashboard-server.js')).serveDashboard({ store: deskbot.store, dataDir: config.dataDir, intentsDir: config.intentsDir, timeZone: config.timeZone, routes: Object.keys(config.routes), now: () => new Date() }, dashboard));
  if (typeof served === 'string') {
    await deskbot.stop();
    throw new StartupError(`DASHBOARD_PORT: the dashboard ${served}`);
  }
  if (served && dashboard) {
    process.stderr.write(`deskbot dashboard on ${served.url}\n`);
    // A service's stderr usually ends up in a log: a made-up token goes to a file only its owner can read.
    if (dashboard.generatedToken) {
      const tokenFile = join(config.dataDir, 'dashboard-token');
      await writeFile(tokenFile, `${dashboard.token}\n`, { mode: 0o600 });
      await chmod(tokenFile, 0o600);
      process.stderr.write(`sign in with the token in ${tokenFile} (set DASHBOARD_TOKEN to choose it)\n`);
    }
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await served?.close();
  await deskbot.stop();
  return 0;
}

/**
 * Opens the configured store and starts deskbot on it. A database the operator must fix is reported as a one-line
 * StartupError; when start-up fails, whatever was opened is closed again so that the process can exit.
 */
async function startExplained(options: StartOptions & { config: AppConfig }): Promise<Deskbot> {
  const { config } = options;
  let store: Store;
  try {
    store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  } catch (err) {
    const line = config.databaseUrl ? explainDatabaseFailure(err, config.databaseUrl) : undefined;
    throw line ? new StartupError(line, { cause: err }) : err;
  }
  let deskbot: Deskbot;
  try {
    deskbot = await startDeskbot({ ...options, store });
  } catch (err) {
    for (const adapter of options.adapters) await adapter.stop().catch(() => undefined);
    await store.close();
    throw err;
  }
  return {
    ...deskbot,
    async stop() {
      await deskbot.stop();
      await store.close();
    },
  };
}
