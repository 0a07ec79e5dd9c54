/** `deskbot chat` and `deskbot start`: the commands that run the bot (loaded only when one of them is run). */
import { createConsoleAdapter } from './channels/console/console-adapter.js';
import { printForHuman, runInteractive } from './channels/console/interactive.js';
import { runJsonl } from './channels/console/jsonl.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { createClock } from './core/clock.js';
import type { ChannelAdapter } from './core/message.js';
import { startDeskbot } from './main.js';

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

/** `deskbot start`: runs the platform channels named in CHANNELS until SIGINT or SIGTERM. */
export async function runStartCommand(): Promise<number> {
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
