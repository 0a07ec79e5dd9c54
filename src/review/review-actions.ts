/**
 * The review inbox as `deskbot review` and the dashboard both read and change it: the inbox and agents' suggestions
 * of a window, and the one decision on a cluster or message (assign to an intent, to out of scope, or dismiss) with
 * its refusals. Callers only show what it returns.
 */
import type { StatsWindow } from '../insight/stats-window.js';
import { addExamples, type ExampleTarget } from '../knowledge/add-examples.js';
import { currentIntents } from '../knowledge/current-intents.js';
import type { Store } from '../store/port.js';
import { readDecisions, writeDecisions } from './decisions.js';
import { buildInbox, itemsNamed, readReviewItems, type ReviewCluster, type ReviewItem } from './inbox.js';
import { readSuggestions, type SuggestionGroup } from './suggestions.js';

/** What the inbox is read from, and the folders decisions write to. */
export interface ReviewPlace {
  inbox: ReviewCluster[];
  suggestions: SuggestionGroup[];
  window: StatsWindow;
  dataDir: string;
  intentsDir: string;
}

/** What to do with messages: make them examples of an intent or of out of scope, or dismiss them for good. */
export type ReviewTarget = ExampleTarget | 'dismiss';

/** What a decision did (one line to show), or why nothing was written (a reason, and the problems it would add). */
export type DecisionOutcome = { done: string } | { refused: string; problems: string[] };

/** Reads the inbox and the suggestions of `window` (DecisionsFileError when the decisions file cannot be read). */
export async function readReviewPlace(store: Store, window: StatsWindow, dataDir: string, intentsDir: string): Promise<ReviewPlace> {
  const items = await readReviewItems(store, window.since, window.until);
  const inbox = buildInbox(items, await readDecisions(dataDir));
  const suggestions = await readSuggestions(store, window.since, window.until, (await currentIntents(intentsDir)).intents);
  return { inbox, suggestions, window, dataDir, intentsDir };
}

/** Decides on the cluster (`c…`) or message (`m…`) called `id` in the place's inbox; refused when it names nothing there. */
export async function decideById(place: ReviewPlace, id: string, target: ReviewTarget): Promise<DecisionOutcome> {
  const items = itemsNamed(place.inbox, id);
  if (!items) return { refused: `nothing called ${id} in the review inbox of this period (see deskbot review)`, problems: [] };
  return decide(place, items, target);
}

/** Applies one decision to `items`, unless the knowledge base would have errors with it (then nothing is written). */
export async function decide(place: ReviewPlace, items: readonly ReviewItem[], target: ReviewTarget): Promise<DecisionOutcome> {
  const decisions = await readDecisions(place.dataDir);
  const at = new Date().toISOString();
  if (target === 'dismiss') {
    decisions.dismissed.push(...items.map((i) => ({ id: i.turn, text: i.text, lang: i.lang, at })));
    await writeDecisions(place.dataDir, decisions);
    return { done: `dismissed ${items.length} message${items.length === 1 ? '' : 's'}; messages like them stay out of the inbox` };
  }
  const outcome = await addExamples(place.intentsDir, target, items.map((i) => ({ lang: i.lang, text: i.text })));
  if ('refused' in outcome) return { refused: 'not written, the knowledge base would have errors:', problems: outcome.refused };
  const to = target === 'out_of_scope' ? 'out_of_scope' : target.intent;
  decisions.assigned.push(...items.map((i) => ({ id: i.turn, to, at })));
  await writeDecisions(place.dataDir, decisions);
  return { done: `added ${outcome.added} example${outcome.added === 1 ? '' : 's'} to ${outcome.written}; a running bot reloads it` };
}
