/** The `deskbot` command line: chat, start, intents check, nlu eval, bench, store migrate, discord register. */
import { config as loadDotenv } from 'dotenv';
import { createConsoleAdapter } from './channels/console/console-adapter.js';
import { printForHuman, runInteractive } from './channels/console/interactive.js';
import { runJsonl } from './channels/console/jsonl.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { createClock } from './core/clock.js';
import type { ChannelAdapter } from './core/message.js';
import { KnowledgeBaseError } from './knowledge/watch.js';
import { startDeskbot } from './main.js';

const USAGE = `deskbot — customer-support bot for Slack, Discord and the console

Usage:
  deskbot chat [--jsonl] [--data DIR] [--intents DIR] [--now ISO-8601]
                                   chat in the terminal (--jsonl: scripted JSON Lines protocol)
  deskbot start                    run the platform channels named in CHANNELS (slack, discord)
  deskbot intents check [--dir DIR]
                                   validate the knowledge base
  deskbot nlu eval --train FILE --test FILE [--val FILE] [--json]
                                   evaluate the intent matcher on a JSON Lines dataset
  deskbot bench                    run the benchmarks (npm run bench)
  deskbot store migrate --from lowdb --to postgres [--data DIR] [--database-url URL] [--schema NAME]
  deskbot discord register [--guild ID]
                                   register the /deskbot slash command
Configuration comes from the environment and .env (see README).`;

/** Store errors at start-up that the operator fixes from the message alone (no stack trace needed). */
const STARTUP_ERRORS = new Set(['StoreCorruptError', 'StoreInUseError', 'StoreUnavailableError']);

/** Runs the CLI with argv (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  loadDotenv({ quiet: true });
  const [command, sub, ...rest] = argv;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  try {
    switch (command) {
      case 'chat':
        return await chat(argv.slice(1));
      case 'start':
        return await start();
      case 'intents':
        if (sub === 'check') return await (await import('./knowledge/check-command.js')).runIntentsCheckCommand(rest, out, err);
        break;
      case 'nlu':
        if (sub === 'eval') return await (await import('./nlu/eval-command.js')).runNluEvalCommand(rest, out);
        break;
      case 'bench':
        return await (await import('./bench/index.js')).runBench(argv.slice(1), out);
      case 'store':
        if (sub === 'migrate') return await (await import('./store/migrate-command.js')).runStoreMigrateCommand(rest, out);
        break;
      case 'discord':
        if (sub === 'register') return await (await import('./channels/discord/register-command.js')).runDiscordRegisterCommand(rest, out);
        break;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return 0;
    }
    err(`Unknown command: deskbot ${argv.join(' ')}\n\n${USAGE}`);
    return 2;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof KnowledgeBaseError || STARTUP_ERRORS.has((e as Error).name)) {
      err((e as Error).message);
      return 1;
    }
    throw e;
  }
}

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

async function chat(args: string[]): Promise<number> {
  const f = flags(args, ['data', 'intents', 'now'], ['jsonl']);
  const config: AppConfig = { ...loadConfig(), routes: { default: { route: 'default', channel: 'console', target: '' } } };
  let pinned: Date | undefined;
  if (typeof f.now === 'string') {
    pinned = new Date(f.now);
    if (Number.isNaN(pinned.getTime())) throw new ConfigError(`--now: "${f.now}" is not an ISO-8601 date and time`);
  }
  const clock = createClock(pinned);
  const jsonl = f.jsonl === true;
  const adapter = createConsoleAdapter((o) => {
    if (jsonl) process.stdout.write(`${JSON.stringify(o)}\n`);
    else printForHuman(o, (line) => process.stdout.write(`${line}\n`));
  });
  const deskbot = await startDeskbot({
    adapters: [adapter],
    config,
    dataDir: typeof f.data === 'string' ? f.data : undefined,
    intentsDir: typeof f.intents === 'string' ? f.intents : undefined,
    now: () => clock.now(),
    watch: !jsonl,
    tickEveryMs: jsonl ? 0 : 60_000,
  });
  try {
    if (jsonl) {
      await runJsonl(process.stdin, {
        handlers: adapter.handlers(),
        tick: () => deskbot.bot.tick(),
        clock,
        write: (line) => process.stdout.write(`${line}\n`),
      });
    } else {
      await runInteractive(adapter.handlers(), process.env.USER ?? 'you', (line) => process.stdout.write(`${line}\n`));
    }
  } finally {
    await deskbot.stop();
  }
  return 0;
}

async function start(): Promise<number> {
  const config = loadConfig();
  const adapters: ChannelAdapter[] = [];
  if (config.channels.includes('slack')) {
    const { createSlackAdapter, slackConfigFromEnv } = await import('./channels/slack/index.js');
    adapters.push(createSlackAdapter(slackConfigFromEnv(process.env)));
  }
  if (config.channels.includes('discord')) {
    const { createDiscordAdapter, discordConfigFromEnv } = await import('./channels/discord/index.js');
    adapters.push(createDiscordAdapter(discordConfigFromEnv(process.env)));
  }
  if (adapters.length === 0) throw new ConfigError('Invalid configuration:\n  CHANNELS: name slack and/or discord for `deskbot start` (the console runs with `deskbot chat`)');
  const deskbot = await startDeskbot({ adapters, config });
  process.stderr.write(`deskbot running on ${adapters.map((a) => a.name).join(', ')}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await deskbot.stop();
  return 0;
}
