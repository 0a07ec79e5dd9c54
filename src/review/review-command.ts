/**
 * `deskbot review [--since 30d|DATE] [--until DATE] [--json]`: the review inbox (interactive in a terminal), and
 * `deskbot review assign ID --intent INTENT | --out-of-scope | --dismiss`: a cluster or one message becomes
 * examples of an intent, out-of-scope examples, or is dismissed for good. A running bot reloads intents/ itself.
 */
import { createInterface } from 'node:readline/promises';
import { loadConfig } from '../config.js';
import { parseStatsWindow, WindowError, type StatsWindow } from '../insight/stats-window.js';
import { parseStoreFlags } from '../store/command-flags.js';
import { openExistingStore } from '../store/open-store.js';
import { DecisionsFileError } from './decisions.js';
import { inboxJson, renderCluster, renderInbox } from './review-render.js';
import { decide, decideById, readReviewPlace, type DecisionOutcome, type ReviewPlace, type ReviewTarget } from './review-actions.js';
import { renderSuggestions } from './suggestions.js';

type Print = (line: string) => void;

/** Where the interactive review reads the operator's answers and writes its prompts. */
export interface ReviewTerminal {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** The process's terminal, when both its input and output are one. */
function processTerminal(): ReviewTerminal | undefined {
  return process.stdin.isTTY === true && process.stdout.isTTY === true ? { input: process.stdin, output: process.stdout } : undefined;
}

const STORE_FLAGS = ['since', 'until', 'intents', 'data', 'database-url', 'schema'];

/** Lists the inbox; in a terminal (and without --json) it asks what to do with each cluster. */
export async function runReviewCommand(args: string[], out: Print, env: NodeJS.ProcessEnv = process.env, err: Print = out, terminal = processTerminal()): Promise<number> {
  const json = args.includes('--json');
  const flags = parseStoreFlags(args.filter((a) => a !== '--json'), STORE_FLAGS);
  if (typeof flags === 'string') return problem(err, 'review', flags, 2);
  const place = await openInbox('review', flags, env, err);
  if (typeof place === 'number') return place;
  if (json) out(JSON.stringify({ ...inboxJson(place.inbox, place.window.since, place.window.until), suggestions: place.suggestions }));
  else if (terminal && place.inbox.length > 0) return reviewInteractively(place, terminal, out, err);
  else for (const line of [...renderInbox(place.inbox), ...renderSuggestions(place.suggestions)]) out(line);
  return 0;
}

/** Assigns or dismisses one cluster or message. */
export async function runReviewAssignCommand(args: string[], out: Print, env: NodeJS.ProcessEnv = process.env, err: Print = out): Promise<number> {
  const [id, ...rest] = args;
  if (id === undefined || id.startsWith('--')) return problem(err, 'review assign', 'which cluster or message? e.g. deskbot review assign c1a2b3c --intent account.password_reset', 2);
  const dismiss = rest.includes('--dismiss');
  const outOfScope = rest.includes('--out-of-scope');
  const flags = parseStoreFlags(rest.filter((a) => a !== '--dismiss' && a !== '--out-of-scope'), ['intent', ...STORE_FLAGS]);
  if (typeof flags === 'string') return problem(err, 'review assign', flags, 2);
  if ([dismiss, outOfScope, flags.intent !== undefined].filter(Boolean).length !== 1) {
    return problem(err, 'review assign', 'say one of --intent INTENT, --out-of-scope or --dismiss', 2);
  }
  const place = await openInbox('review assign', flags, env, err);
  if (typeof place === 'number') return place;
  const target: ReviewTarget = dismiss ? 'dismiss' : outOfScope ? 'out_of_scope' : { intent: flags.intent as string };
  return report(await decideById(place, id, target), out, err);
}

/** Prints a decision's outcome; returns the exit code (1 when it was refused). */
function report(outcome: DecisionOutcome, out: Print, err: Print): number {
  if ('done' in outcome) {
    out(outcome.done);
    return 0;
  }
  err(`deskbot review assign: ${outcome.refused}`);
  for (const line of outcome.problems) err(`  ${line}`);
  return 1;
}

/** Asks, cluster by cluster: an intent id, o (out of scope), d (dismiss), s (skip) or q (quit); a refused answer is asked again. */
async function reviewInteractively(place: ReviewPlace, terminal: ReviewTerminal, out: Print, err: Print): Promise<number> {
  const rl = createInterface({ input: terminal.input, output: terminal.output });
  out(renderInbox(place.inbox)[0]);
  for (const line of renderSuggestions(place.suggestions)) out(line);
  try {
    for (const [rank, cluster] of place.inbox.entries()) {
      out('');
      for (const line of renderCluster(cluster, rank + 1)) out(line);
      // A refused answer (an intent that does not exist, a duplicate example) asks about the same cluster again.
      for (;;) {
        const answer = (await rl.question('   intent id, o = out of scope, d = dismiss, Enter = skip, q = quit: ')).trim();
        if (answer === 'q') return 0;
        if (answer === '' || answer === 's') break;
        const target = answer === 'o' ? 'out_of_scope' : answer === 'd' ? 'dismiss' : { intent: answer };
        if (report(await decide(place, cluster.items, target), out, err) === 0) break;
      }
    }
  } finally {
    rl.close();
  }
  return 0;
}

/** Reads the inbox of the window the flags name; a problem is printed and its exit code returned. */
async function openInbox(command: string, flags: Record<string, string>, env: NodeJS.ProcessEnv, err: Print): Promise<ReviewPlace | number> {
  const config = loadConfig(env);
  let window: StatsWindow;
  try {
    window = parseStatsWindow({ since: flags.since, until: flags.until }, new Date(), config.timeZone);
  } catch (e) {
    if (!(e instanceof WindowError)) throw e;
    return problem(err, command, e.message, 2);
  }
  const dataDir = flags.data ?? config.dataDir;
  const store = await openExistingStore({ dataDir, databaseUrl: flags['database-url'] ?? config.databaseUrl, schema: flags.schema, readOnly: true });
  if (typeof store === 'string') return problem(err, command, store, 1);
  try {
    return await readReviewPlace(store, window, dataDir, flags.intents ?? config.intentsDir);
  } catch (e) {
    if (e instanceof DecisionsFileError) return problem(err, command, e.message, 1);
    throw e;
  } finally {
    await store.close();
  }
}

function problem(err: Print, command: string, message: string, code: number): number {
  err(`deskbot ${command}: ${message}`);
  return code;
}
