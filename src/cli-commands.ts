/** What the `deskbot` command line offers: each command with its options and help text, and the nearest-name suggestions. */
import { closest, distance } from 'fastest-levenshtein';

/** One option of a command. */
export interface OptionSpec {
  /** `--jsonl` */
  flag: string;
  /** Placeholder of its value (`DIR`), or undefined for an on/off flag. */
  value?: string;
  /** The value must be written in the same word (`--datasets=DIR`). */
  inline?: boolean;
  help: string;
}

/** One command (`chat`) or subcommand (`intents check`). */
export interface CommandSpec {
  /** Words after `deskbot`: ['intents', 'check']. */
  words: string[];
  summary: string;
  options: OptionSpec[];
  /** Bare words it takes after the command (bench's benchmark names), shown in its usage. */
  operands?: { name: string; values: string[]; /** Any value is taken (a case id), not only those listed. */ free?: boolean };
}

const STORE_OPTIONS: OptionSpec[] = [
  { flag: '--from', value: 'lowdb', help: 'the store to copy from (only lowdb)' },
  { flag: '--to', value: 'postgres', help: 'the store to copy into (only postgres)' },
  { flag: '--data', value: 'DIR', help: 'the lowdb data folder (default $DESKBOT_DATA_DIR, else ./data)' },
  { flag: '--database-url', value: 'URL', help: 'the PostgreSQL database (default $DATABASE_URL)' },
  { flag: '--schema', value: 'NAME', help: 'a PostgreSQL schema to use instead of the default one' },
];
/** The options that name one store to open (all but migrate's --from and --to). */
const OPEN_STORE_OPTIONS = STORE_OPTIONS.filter((o) => o.flag !== '--from' && o.flag !== '--to');

/** Every command of the CLI. */
export const COMMANDS: CommandSpec[] = [
  {
    words: ['chat'],
    summary: 'chat with the bot in the terminal (logs go to DATA/deskbot.log)',
    options: [
      { flag: '--jsonl', help: 'speak the scripted JSON Lines protocol on stdin/stdout (docs/console-jsonl.md)' },
      { flag: '--data', value: 'DIR', help: 'data folder (default $DESKBOT_DATA_DIR, else ./data)' },
      { flag: '--intents', value: 'DIR', help: 'knowledge base folder (default $INTENTS_DIR, else ./intents)' },
      { flag: '--now', value: 'ISO-8601', help: 'pin the clock, e.g. 2026-11-23T10:00:00+09:00' },
    ],
  },
  { words: ['start'], summary: 'run the platforms named in CHANNELS (slack, discord) until Ctrl-C or SIGTERM', options: [] },
  {
    words: ['intents', 'check'],
    summary: 'validate the knowledge base: each problem with its file, line and what to fix',
    options: [
      { flag: '--dir', value: 'DIR', help: 'knowledge base folder (default $INTENTS_DIR, else ./intents)' },
      { flag: '--cv', help: 'also cross-validate it: accuracy per intent and the pairs most confused, saved to DATA/intents-cv.json for the dashboard' },
      { flag: '--data', value: 'DIR', help: 'where --cv saves its report (default $DESKBOT_DATA_DIR, else ./data)' },
    ],
  },
  {
    words: ['nlu', 'eval'],
    summary: 'evaluate the intent matcher on a JSON Lines dataset',
    options: [
      { flag: '--train', value: 'FILE', help: 'training examples (JSON Lines: {"text","intent"})' },
      { flag: '--test', value: 'FILE', help: 'examples to score' },
      { flag: '--val', value: 'FILE', help: 'examples to choose the out-of-scope threshold on' },
      { flag: '--encoder', value: 'use-lite|none', help: 'sentence encoder measured beside the lexical matcher, fused with it (default use-lite)' },
      { flag: '--json', help: 'print the report as JSON' },
    ],
  },
  {
    words: ['bench'],
    summary: 'run the benchmarks (all, or those named)',
    options: [
      { flag: '--datasets', value: 'DIR', inline: true, help: 'folder of the public NLU datasets' },
      { flag: '--flood-lines', value: 'N', inline: true, help: 'lines one user relays in the flood benchmark (default 10000)' },
      { flag: '--encoder', value: 'none', inline: true, help: 'leave the sentence encoder out (nlu, intents)' },
      { flag: '--stats-turns', value: 'N', inline: true, help: 'turn-log entries the stats and dashboard benchmarks seed (default 1000000; cases are a tenth)' },
    ],
    operands: { name: 'BENCHMARK', values: ['nlu', 'intents', 'encoder', 'startup', 'turns', 'turnlog', 'flood', 'masking', 'misses', 'store', 'stats', 'review', 'dashboard', 'scale'] },
  },
  { words: ['store', 'migrate'], summary: 'copy the embedded store into PostgreSQL, verified by counts', options: STORE_OPTIONS },
  {
    words: ['store', 'rescan'],
    summary: 'mask stored conversations, cases and events again with the current rules (lowdb and PostgreSQL)',
    options: OPEN_STORE_OPTIONS,
  },
  {
    words: ['stats'],
    summary: 'what the bot did over a period: questions answered, cases, response times, ratings (definitions in the README)',
    options: [
      { flag: '--since', value: '7d|30d|DATE', help: 'start: days back from now, or a date (default 30d)' },
      { flag: '--until', value: 'DATE', help: 'end: a date, counted whole (default now)' },
      { flag: '--by', value: 'intent|route|channel|lang|day', help: 'the same figures per group' },
      { flag: '--json', help: 'print one JSON object (fields as in the README)' },
      ...OPEN_STORE_OPTIONS,
    ],
  },
  {
    words: ['cases'],
    summary: 'the case queue: overdue first, then due soonest, with age, due time and assignee (also: cases show, cases export)',
    options: [
      { flag: '--status', value: 'open|claimed|overdue|resolved|closed', help: 'only cases in this state (overdue: waiting for an agent past the due time)' },
      { flag: '--route', value: 'R', help: 'only cases of this route' },
      { flag: '--since', value: '7d|30d|DATE', help: 'only cases opened or changed since then (default: all)' },
      { flag: '--json', help: 'print one JSON object per case, one per line' },
      ...OPEN_STORE_OPTIONS,
    ],
  },
  {
    words: ['cases', 'show'],
    summary: 'one case: its details, event timeline and masked transcript',
    options: [{ flag: '--json', help: 'print the case and its events as one JSON object' }, ...OPEN_STORE_OPTIONS],
    operands: { name: 'ID', values: [], free: true },
  },
  {
    words: ['cases', 'export'],
    summary: 'every case (opened or changed since --since) as CSV for spreadsheets (UTF-8 with BOM, Excel reads Korean) or JSON Lines',
    options: [
      { flag: '--format', value: 'csv|jsonl', help: 'the format (default csv)' },
      { flag: '--since', value: '7d|30d|DATE', help: 'only cases opened or changed since then (default: all)' },
      ...OPEN_STORE_OPTIONS,
    ],
  },
  {
    words: ['review'],
    summary: 'what the bot could not place, in clusters of similar messages, largest first (interactive in a terminal; also: review assign)',
    options: [
      { flag: '--since', value: '7d|30d|DATE', help: 'start (default 30d)' },
      { flag: '--until', value: 'DATE', help: 'end (default now)' },
      { flag: '--json', help: 'print one JSON object with every cluster and message' },
      { flag: '--intents', value: 'DIR', help: 'the intents folder assignments write to (default $INTENTS_DIR, else ./intents)' },
      ...OPEN_STORE_OPTIONS,
    ],
  },
  {
    words: ['review', 'assign'],
    summary: 'make a cluster (c…) or a message (m…) examples of an intent or of out of scope, or dismiss it for good',
    options: [
      { flag: '--intent', value: 'INTENT', help: 'add the messages as examples of this intent' },
      { flag: '--out-of-scope', help: 'add them to intents/_out_of_scope.yaml' },
      { flag: '--dismiss', help: 'leave them, and messages like them, out of the inbox' },
      { flag: '--since', value: '7d|30d|DATE', help: 'the period the id was listed for (default 30d)' },
      { flag: '--until', value: 'DATE', help: 'its end (default now)' },
      { flag: '--intents', value: 'DIR', help: 'the intents folder (default $INTENTS_DIR, else ./intents)' },
      ...OPEN_STORE_OPTIONS,
    ],
    operands: { name: 'ID', values: [], free: true },
  },
  {
    words: ['dashboard'],
    summary: 'serve the operators\' web dashboard (overview, cases, review, knowledge) on DASHBOARD_HOST, 127.0.0.1 by default',
    options: [
      { flag: '--port', value: 'P', help: 'the port (default $DASHBOARD_PORT, else 3100; 0 picks a free one)' },
      { flag: '--intents', value: 'DIR', help: 'the intents folder review assignments write to (default $INTENTS_DIR, else ./intents)' },
      ...OPEN_STORE_OPTIONS,
    ],
  },
  {
    words: ['dashboard', 'user'],
    summary: 'dashboard user add NAME: write a user\'s scrypt-hashed password (read from stdin, no echo) to DASHBOARD_USERS_FILE',
    options: [{ flag: '--file', value: 'PATH', help: 'the users file (default $DASHBOARD_USERS_FILE)' }],
    operands: { name: 'add NAME', values: ['add'], free: true },
  },
  {
    words: ['user', 'forget'],
    summary: "erase one person's conversations, texts and id from the store (deletion requests); counts stay, anonymous",
    options: [
      { flag: '--channel', value: 'CH', help: 'the platform the person wrote on: slack, discord or console' },
      { flag: '--user', value: 'ID', help: "the person's user id on that platform" },
      ...OPEN_STORE_OPTIONS,
    ],
  },
  {
    words: ['discord', 'register'],
    summary: 'register the /deskbot slash command',
    options: [{ flag: '--guild', value: 'ID', help: 'register in this server only (usable at once) instead of globally' }],
  },
];

/** Options every command takes. */
export const COMMON_OPTIONS: OptionSpec[] = [{ flag: '--help', help: 'show this help' }];

/** The command named by the words, if any. */
export function findCommand(words: string[]): CommandSpec | undefined {
  return COMMANDS.find((c) => c.words.length === words.length && c.words.every((w, i) => w === words[i]));
}

/** Subcommands under a group word (`intents` → [intents check]); empty when the word is not a group. */
export function subcommandsOf(group: string): CommandSpec[] {
  return COMMANDS.filter((c) => c.words.length === 2 && c.words[0] === group);
}

/** The first words of all commands (`chat`, `intents`, ...). */
export function topWords(): string[] {
  return [...new Set(COMMANDS.map((c) => c.words[0]))];
}

/** The candidate closest to `typed` when it is a plausible typo or prefix (at most a third of its letters off), else undefined. */
export function nearest(typed: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const prefixed = candidates.filter((c) => typed.length >= 2 && c.startsWith(typed));
  if (prefixed.length === 1) return prefixed[0];
  const best = closest(typed, [...candidates]);
  return distance(typed, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function optionText(o: OptionSpec): string {
  return o.value === undefined ? o.flag : `${o.flag}${o.inline ? '=' : ' '}${o.value}`;
}

/** `deskbot intents check [--dir DIR]`. */
export function usageLine(c: CommandSpec): string {
  const opts = c.options.map((o) => `[${optionText(o)}]`);
  const operands = c.operands ? [`[${c.operands.name}...]`] : [];
  return ['deskbot', ...c.words, ...opts, ...operands].join(' ');
}

/** The help of one command: usage, summary and one line per option. */
export function commandHelp(c: CommandSpec): string {
  const lines = [`Usage: ${usageLine(c)}`, '', c.summary];
  if (c.operands) lines.push('', `${c.operands.name}: ${c.operands.values.join(', ')}`);
  lines.push('', 'Options:');
  for (const o of [...c.options, ...COMMON_OPTIONS]) lines.push(`  ${optionText(o).padEnd(24)} ${o.help}`);
  return lines.join('\n');
}

/** The subcommands of a group (`deskbot intents`), one per line. */
export function groupHelp(group: string): string {
  const subs = subcommandsOf(group);
  return [`Usage: deskbot ${group} <subcommand>`, '', 'Subcommands:', ...subs.map((c) => `  ${c.words.join(' ').padEnd(20)} ${c.summary}`), '', `Run \`deskbot ${group} <subcommand> --help\` for its options.`].join('\n');
}

/** The top-level help: every command with its summary. */
export function mainHelp(): string {
  return [
    'deskbot — customer-support bot for Slack, Discord and the console',
    '',
    'Usage: deskbot <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.words.join(' ').padEnd(20)} ${c.summary}`),
    '',
    'Options: --help (also after any command), --version',
    'Configuration comes from the environment and .env (see README). Exit codes: 0 done, 1 failed, 2 bad command line.',
  ].join('\n');
}

/**
 * The first problem with a command's arguments: an unknown option (with the nearest known one), an option
 * missing its value, or an unexpected word; undefined when they are fine. `--help` is handled before this.
 */
export function argumentProblem(c: CommandSpec, args: string[]): string | undefined {
  const name = `deskbot ${c.words.join(' ')}`;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) {
      if (c.operands?.free || c.operands?.values.includes(arg)) continue;
      const hint = nearest(arg, c.operands?.values ?? []);
      return `${name}: unexpected argument '${arg}'${hint ? `. Did you mean '${hint}'?` : ''}`;
    }
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const option = c.options.find((o) => o.flag === flag);
    if (!option) {
      const hint = nearest(flag, c.options.map((o) => o.flag));
      return `${name}: unknown option '${flag}'${hint ? `. Did you mean '${hint}'?` : c.options.length ? '' : ' (it takes no options)'}`;
    }
    if (option.value === undefined && inline !== undefined) return `${name}: ${flag} takes no value`;
    if (option.inline && inline === undefined) return `${name}: write ${flag}=${option.value}`;
    if (option.value !== undefined && inline === undefined) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) return `${name}: ${flag} needs a value (${flag} ${option.value})`;
      i++;
    }
  }
  return undefined;
}
