/** The `deskbot` command line: chat, start, intents check, nlu eval, bench, store migrate, discord register. */
import { config as loadDotenv } from 'dotenv';
import { ConfigError } from './config.js';

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

/**
 * Errors at start-up that the operator fixes from the message alone (no stack trace needed): an invalid
 * knowledge base and store errors. Matched by name so that commands that never start the bot load none of it.
 */
const STARTUP_ERRORS = new Set(['KnowledgeBaseError', 'StoreCorruptError', 'StoreInUseError', 'StoreUnavailableError']);

/** Runs the CLI with argv (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  loadDotenv({ quiet: true });
  const [command, sub, ...rest] = argv;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  try {
    switch (command) {
      case 'chat':
        return await (await import('./run-commands.js')).runChatCommand(argv.slice(1));
      case 'start':
        return await (await import('./run-commands.js')).runStartCommand();
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
    if (e instanceof ConfigError || STARTUP_ERRORS.has((e as Error).name)) {
      err((e as Error).message);
      return 1;
    }
    throw e;
  }
}
