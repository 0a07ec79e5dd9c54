/**
 * What each dashboard page reads, through the modules the commands use: `statsOf` and the stats window for the
 * Overview, the queue's filters and order for Cases, the review inbox and its decisions for Review, the intents
 * loader for Knowledge. Nothing here counts or decides anything of its own.
 */
import { forAgents } from '../core/agent-view.js';
import { CHANNEL_NAMES, type CaseEvent, type SupportCase } from '../cases/types.js';
import { noCases } from '../insight/case-tally.js';
import { CASE_FILTERS, matchesQuery, queueOrder, type CaseFilter } from '../insight/case-list.js';
import { figures, GROUP_FIELD } from '../insight/stats.js';
import { statsOf } from '../insight/stats-source.js';
import { DEFAULT_SINCE, parseStatsWindow, WindowError, type StatsWindow } from '../insight/stats-window.js';
import { NO_INTENT, noTurns, type GroupBy } from '../insight/turn-tally.js';
import { readCvReport } from '../knowledge/cv-report.js';
import { currentIntents } from '../knowledge/current-intents.js';
import { LANGS } from '../knowledge/types.js';
import { decideById, readReviewPlace, type DecisionOutcome, type ReviewPlace, type ReviewTarget } from '../review/review-actions.js';
import type { Store } from '../store/port.js';
import type { OverviewView } from './overview-page.js';
import type { QueueView } from './cases-page.js';
import type { KnowledgeView } from './knowledge-page.js';

/** What the pages read from, and the clock. */
export interface DashboardSources {
  store: Store;
  dataDir: string;
  intentsDir: string;
  timeZone: string;
  /** The route names ROUTES configures (the intents' routes are added). */
  routes: string[];
  now: () => Date;
  /**
   * How long the Overview waits for its figures before it answers that they are still being counted (the first
   * count on a big store builds the statistics' cache: tens of seconds, longer than a proxy waits); default 2 s.
   */
  countWaitMs?: number;
}

/** The Overview's wait for figures being counted, unless the sources say otherwise. */
const COUNT_WAIT_MS = 2000;

/** The Overview while its figures are still being counted: the count goes on, and the next visit reads it. */
export interface CountingView {
  counting: true;
  since: string;
}

/** Cases listed on the queue page at most; the rest are counted. */
export const QUEUE_PAGE_SIZE = 200;

/** The groups the Overview can be filtered by (the `--by` groups but day). */
const FILTER_GROUPS = ['route', 'channel', 'lang', 'intent'] as const satisfies readonly GroupBy[];

/** The window `since` names (`7d`, `30d`, a date), or the default one and why `since` could not be read. */
export function windowOf(src: DashboardSources, since: string | undefined): { window: StatsWindow; since: string; problem?: string } {
  const now = src.now();
  try {
    return { window: parseStatsWindow({ since: since || DEFAULT_SINCE }, now, src.timeZone), since: since || DEFAULT_SINCE };
  } catch (e) {
    if (!(e instanceof WindowError)) throw e;
    return { window: parseStatsWindow({}, now, src.timeZone), since: DEFAULT_SINCE, problem: e.message.replace(/^--since: /, '') };
  }
}

/** The Overview: the figures of the window (of one group when `filter` is `group:value`), and every day's. */
export async function overviewOf(src: DashboardSources, since: string | undefined, filter: string | undefined): Promise<OverviewView | CountingView> {
  const { window, since: shown, problem } = windowOf(src, since);
  const kb = await currentIntents(src.intentsDir);
  const routes = [...new Set([...src.routes, ...kb.intents.map((i) => i.route ?? 'default')])].sort();
  const filterOptions = [
    { group: 'route', values: routes },
    { group: 'channel', values: [...CHANNEL_NAMES] },
    { group: 'lang', values: [...LANGS] },
    { group: 'intent', values: [...kb.intents.map((i) => i.id).sort(), 'oos', NO_INTENT] },
  ];
  const [group, ...rest] = (filter ?? '').split(':');
  const value = rest.join(':');
  const by = (FILTER_GROUPS as readonly string[]).includes(group) && value !== '' ? (group as (typeof FILTER_GROUPS)[number]) : undefined;
  const counted = await withinWait(Promise.all([statsOf(src.store, window, 'day'), by ? statsOf(src.store, window, by) : undefined]), src.countWaitMs ?? COUNT_WAIT_MS);
  if (!counted) return { counting: true, since: shown };
  const [daily, grouped] = counted;
  const chosen = by && grouped ? (grouped[GROUP_FIELD[by]]?.[value] ?? figures(noTurns(), noCases())) : daily;
  return { since: shown, filter: by ? `${by}:${value}` : '', filterOptions, figures: chosen, days: Object.entries(daily.byDay ?? {}), problem };
}

/** What `work` gives if it ends within `ms`, else undefined, leaving it to finish (a failure then shows on the next visit). */
async function withinWait<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Counts the default Overview once, so that the store's statistics' cache exists before the first visit (on a
 * year of a busy service, building it takes tens of seconds; reading from it, a fraction of one).
 */
export async function warmOverview(src: DashboardSources): Promise<void> {
  await statsOf(src.store, windowOf(src, undefined).window, 'day');
}

/**
 * The queue with `deskbot cases`' filters and order; the first QUEUE_PAGE_SIZE cases. The cases waiting for an
 * agent or resolved come from the store's active cases, and only as many of the closed ones as the page can show,
 * with their count: the page never reads every case.
 */
export async function queueOf(src: DashboardSources, status: string | undefined, route: string | undefined): Promise<QueueView> {
  const now = src.now();
  const query = { status: (CASE_FILTERS as readonly string[]).includes(status ?? '') ? (status as CaseFilter) : undefined, route: route || undefined };
  const active = (await src.store.cases.active()).filter((c) => matchesQuery(c, query, now));
  const waiting = active.filter((c) => c.status === 'open' || c.status === 'claimed').length;
  const wantsClosed = query.status === undefined || query.status === 'closed';
  const closed = wantsClosed ? await src.store.cases.closedPage(Math.max(0, QUEUE_PAGE_SIZE - waiting), query.route) : { cases: [], total: 0 };
  const cases = [...active, ...closed.cases].sort(queueOrder(now)).slice(0, QUEUE_PAGE_SIZE);
  const routes = [...new Set([...src.routes, ...cases.map((c) => c.route)])].sort();
  return { status: query.status ?? '', route: query.route ?? '', routes, cases, total: active.length + closed.total, now, timeZone: src.timeZone };
}

/** One case as agents see it (identifiers masked until verified) and its events; undefined when there is no such case. */
export async function caseOf(src: DashboardSources, id: string): Promise<{ c: SupportCase; events: CaseEvent[] } | undefined> {
  const c = await src.store.cases.get(id.toUpperCase());
  if (!c) return undefined;
  return { c: forAgents(c), events: await src.store.cases.events(c.id) };
}

/** The review inbox of the window `since` names, and the intents an assignment can name. */
export async function reviewOf(src: DashboardSources, since: string | undefined): Promise<{ place: ReviewPlace; since: string; intentIds: string[] }> {
  const { window, since: shown } = windowOf(src, since);
  const place = await readReviewPlace(src.store, window, src.dataDir, src.intentsDir);
  const intentIds = (await currentIntents(src.intentsDir)).intents.map((i) => i.id).sort();
  return { place, since: shown, intentIds };
}

/** Applies the review decision a form posted, exactly as `deskbot review assign` does (same checks, same refusals). */
export async function decideReview(src: DashboardSources, since: string | undefined, id: string, action: string, intent: string | undefined): Promise<DecisionOutcome> {
  const target: ReviewTarget | undefined = action === 'dismiss' ? 'dismiss' : action === 'out_of_scope' ? 'out_of_scope' : action === 'intent' && intent ? { intent } : undefined;
  if (!target) return { refused: 'say one of an intent, out of scope or dismiss', problems: [] };
  const { place } = await reviewOf(src, since);
  return decideById(place, id, target);
}

/** The knowledge base as intents/ holds it now, and the last cross-validation saved in the data folder. */
export async function knowledgeOf(src: DashboardSources): Promise<KnowledgeView> {
  const [kb, cv] = await Promise.all([currentIntents(src.intentsDir), readCvReport(src.dataDir)]);
  return { kb, cv, timeZone: src.timeZone };
}
