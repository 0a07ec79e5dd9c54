/** The `deskbot` command line: chat, start, intents check, nlu eval, bench, store migrate, store rescan, stats, cases, review, dashboard, dashboard user, user forget, discord register. */
import { readFileSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { argumentProblem, commandHelp, findCommand, groupHelp, mainHelp, nearest, subcommandsOf, topWords, type CommandSpec } from './cli-commands.js';
import { ConfigError } from './config.js';
import { keepYoungGenerationSmall } from './young-generation.js';

/**
 * Errors at start-up that the operator fixes from their one-line message alone (the stack goes to the debug log):
 * store errors, and platforms or databases that refuse us. Matched by name so that commands that never start
 * the bot load none of it.
 */
const STARTUP_ERRORS = new Set(['StoreCorruptError', 'StoreInUseError', 'StoreUnavailableError', 'StartupError']);

const HELP_FLAGS = ['--help', '-h'];

type Print = (line: string) => void;

/** Runs the CLI with argv (without node and script) and returns the exit code (0 done, 1 failed, 2 bad command line). */
export async function main(argv: string[]): Promise<number> {
  loadDotenv({ quiet: true });
  // Before the command's own modules load: they are what would grow it.
  keepYoungGenerationSmall(argv[0], process.env);
  const out: Print = (line) => process.stdout.write(`${line}\n`);
  const err: Print = (line) => process.stderr.write(`${line}\n`);
  const [first, ...rest] = argv;
  if (first === undefined || first === 'help' || HELP_FLAGS.includes(first)) {
    out(mainHelp());
    return 0;
  }
  if (first === '--version' || first === '-V') {
    out(version());
    return 0;
  }
  if (!topWords().includes(first)) {
    const hint = nearest(first, first.startsWith('-') ? ['--help', '--version'] : topWords());
    err(`deskbot: unknown ${first.startsWith('-') ? 'option' : 'command'} '${first}'${hint ? `. Did you mean '${hint}'?` : ''}`);
    err('Run `deskbot --help` for the commands.');
    return 2;
  }
  let words = [first];
  let args = rest;
  const subs = subcommandsOf(first);
  // A group that is also a command of its own (`deskbot cases`) runs it when no subcommand is named.
  const runsBare = findCommand([first]) !== undefined && (rest[0] === undefined || rest[0].startsWith('-'));
  if (subs.length > 0 && !runsBare) {
    const [sub, ...subArgs] = rest;
    if (sub === undefined || HELP_FLAGS.includes(sub)) {
      out(groupHelp(first));
      return 0;
    }
    if (!subs.some((c) => c.words[1] === sub)) {
      const hint = nearest(sub, subs.map((c) => c.words[1]));
      err(`deskbot ${first}: unknown subcommand '${sub}'${hint ? `. Did you mean '${hint}'?` : ''}`);
      err(groupHelp(first));
      return 2;
    }
    words = [first, sub];
    args = subArgs;
  }
  const command = findCommand(words) as CommandSpec;
  if (args.some((a) => HELP_FLAGS.includes(a))) {
    out(commandHelp(command));
    return 0;
  }
  const problem = argumentProblem(command, args);
  if (problem) {
    err(problem);
    err(`Run \`deskbot ${words.join(' ')} --help\` for its options.`);
    return 2;
  }
  try {
    return await run(words.join(' '), args, out, err);
  } catch (e) {
    // Lists, one problem a line: every configuration problem, every problem of intents/.
    if (e instanceof ConfigError || (e as Error).name === 'KnowledgeBaseError') {
      err((e as Error).message);
      return 1;
    }
    if (STARTUP_ERRORS.has((e as Error).name)) {
      // The operator needs the line; the stack is for whoever debugs deskbot itself.
      (await import('./log.js')).createLogger('cli').debug({ err: e }, 'start-up failed');
      err(oneLine((e as Error).message));
      return 1;
    }
    throw e;
  }
}

async function run(command: string, args: string[], out: Print, err: Print): Promise<number> {
  switch (command) {
    case 'chat':
      return (await import('./run-commands.js')).runChatCommand(args);
    case 'start':
      return (await import('./run-commands.js')).runStartCommand();
    case 'intents check':
      return (await import('./knowledge/check-command.js')).runIntentsCheckCommand(args, out, err);
    case 'nlu eval':
      return (await import('./nlu/eval-command.js')).runNluEvalCommand(args, out, err);
    case 'bench':
      return (await import('./bench/index.js')).runBench(args, out);
    case 'store migrate':
      return (await import('./store/migrate-command.js')).runStoreMigrateCommand(args, out, process.env, err);
    case 'store rescan':
      return (await import('./store/rescan-command.js')).runStoreRescanCommand(args, out, process.env, err);
    case 'stats':
      return (await import('./insight/stats-command.js')).runStatsCommand(args, out, process.env, err);
    case 'cases':
      return (await import('./insight/cases-command.js')).runCasesCommand(args, out, process.env, err);
    case 'cases show':
      return (await import('./insight/cases-command.js')).runCaseShowCommand(args, out, process.env, err);
    case 'cases export':
      return (await import('./insight/cases-command.js')).runCasesExportCommand(args, out, process.env, err);
    case 'review':
      return (await import('./review/review-command.js')).runReviewCommand(args, out, process.env, err);
    case 'review assign':
      return (await import('./review/review-command.js')).runReviewAssignCommand(args, out, process.env, err);
    case 'dashboard':
      return (await import('./dashboard/dashboard-command.js')).runDashboardCommand(args, out, process.env, err);
    case 'dashboard user':
      return (await import('./dashboard/user-command.js')).runDashboardUserCommand(args, out, process.env, err);
    case 'user forget':
      return (await import('./insight/forget-command.js')).runUserForgetCommand(args, out, process.env, err);
    case 'discord register':
      return (await import('./channels/discord/register-command.js')).runDiscordRegisterCommand(args, out, process.env, err);
  }
  throw new Error(`no runner for deskbot ${command}`);
}

/** A message on one line: line breaks and the indentation after them become single spaces. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

/** The version in package.json (`deskbot 0.1.0`). */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return `deskbot ${pkg.version}`;
}
