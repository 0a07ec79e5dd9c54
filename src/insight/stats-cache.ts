/**
 * `deskbot stats` over long windows without reading a year of turns and cases each time. The store keeps one cache
 * (Store.statsCache): the turn log counted per local day up to the start of a day that ended at least SETTLE_MS
 * ago (TurnDays), and every case's history as of when the cache was written. A window of whole local days is then
 * counted from the cache, the turns since its last day, and the cases changed since it was written: the same
 * figures as counting everything, in a fraction of the time. The cache is written again when another day has
 * settled; a rewrite of the turn log (retention, `user forget`) makes the store drop it.
 */
import { addDays, fromWallClock, isoDate, wallClock } from '../time/zoned-time.js';
import type { CaseHistory } from './case-history.js';
import { caseColumns, casesOfColumns, countedCase, type CaseColumns, type CountedCase } from './counted-case.js';
import type { StatsWindow } from './stats-window.js';
import type { TurnLogEntry } from './turn-log-entry.js';
import { TurnDays, type StoredTurnDays } from './turn-days.js';
import type { TurnTally } from './turn-tally.js';

/**
 * How long after a day ends its turns are taken as all committed, and how far back cases are read again: a turn
 * or a case change is committed within this long of the time it carries.
 */
export const SETTLE_MS = 15 * 60_000;

/** Bumped when the cache's shape changes: an older cache is then built anew. */
const VERSION = 2;
const FAR_FUTURE = new Date(8.64e15);

/** What the store keeps between runs. */
interface CacheContent {
  version: number;
  /** The first local day not counted in `turns` (every entry before its start is). */
  settledDay: string;
  turns: StoredTurnDays;
  /** Cases changed at or after this instant (ISO) are read again: `cases` may hold an older copy of them. */
  casesAsOf: string;
  cases: CaseColumns;
}

/** A store's slot for the cache: its text, and a generation that changes whenever the store drops it. */
export interface StatsCacheSlot {
  /** Changes whenever the cache is written or dropped; cheap, so that a process keeps what it read while it is the same. */
  stamp(): Promise<string>;
  /** The cache's text (undefined when there is none), and the generation to hand back to write. */
  read(): Promise<{ text?: string; generation: string }>;
  /** Keeps the text, unless the store dropped the cache since `generation` was read. */
  write(text: string, generation: string): Promise<void>;
}

/** What the cache reads from a store. */
export interface StatsCacheSource {
  statsCache: StatsCacheSlot;
  turns: { between(since: Date, until: Date): AsyncIterable<TurnLogEntry> };
  cases: { histories(since: Date): AsyncIterable<CaseHistory> };
}

/** The first and last local day of a window of whole days, or undefined when the window starts or ends inside a day. */
export function wholeDays(window: StatsWindow): { first: string; last: string } | undefined {
  const first = wallClock(window.since, window.timeZone);
  if (startOfDay(first, window.timeZone).getTime() !== window.since.getTime()) return undefined;
  const untilClock = wallClock(window.until, window.timeZone);
  const untilIsMidnight = startOfDay(untilClock, window.timeZone).getTime() === window.until.getTime();
  // A window that ends now ends inside today, whose turns are read one by one: counted up to `until` exactly.
  if (!untilIsMidnight && window.until.getTime() < window.now.getTime() - SETTLE_MS) return undefined;
  const last = untilIsMidnight ? isoDate(addDays(untilClock, -1)) : isoDate(untilClock);
  return { first: isoDate(first), last };
}

/** The turn log and case histories of a window of whole days (see wholeDays), from the store's cache brought up to date. */
export function cachedCounts(store: StatsCacheSource, window: StatsWindow, days: { first: string; last: string }): Promise<CachedCounts> {
  // One count at a time per store in a process: two at once (the dashboard's warm-up and its first visit) would
  // each build the cache, twice the work, where the second now reads what the first kept.
  const previous = running.get(store.statsCache) ?? Promise.resolve();
  const next = previous.then(() => countFromCache(store, window, days));
  // What the next count waits for: this one's end, not its result (a year of cases is not kept for it).
  running.set(store.statsCache, next.then(() => undefined, () => undefined));
  return next;
}

/** What cachedCounts gives: the turns counted (by a grouping when asked), and every case's history as counted. */
export interface CachedCounts {
  turns: (by?: Parameters<TurnDays['tally']>[2]) => TurnTally;
  histories: CountedCase[];
}

/** The count in progress or last made per slot, that the next one waits for. */
const running = new WeakMap<StatsCacheSlot, Promise<void>>();

async function countFromCache(store: StatsCacheSource, window: StatsWindow, days: { first: string; last: string }): Promise<CachedCounts> {
  const { generation, cached } = await readCache(store.statsCache, window.timeZone);
  const settledClock = wallClock(new Date(window.now.getTime() - SETTLE_MS), window.timeZone);
  const settledDay = isoDate(settledClock);
  const settledIso = startOfDay(settledClock, window.timeZone).toISOString();
  const turnDays = cached ? cached.turns.extended() : new TurnDays(window.timeZone);
  const readFrom = cached ? startOfDay(dateOf(cached.settledDay), window.timeZone) : new Date(0);
  const until = window.until.toISOString();
  // Days now settled join the cache; today's turns (and those of a day not yet settled) are counted as they stand.
  for await (const e of store.turns.between(readFrom, FAR_FUTURE)) turnDays.add(e, e.at < settledIso ? undefined : until);

  const casesAsOf = new Date(window.now.getTime() - SETTLE_MS).toISOString();
  const changed = new Map<string, CountedCase>();
  for await (const h of store.cases.histories(new Date(cached ? cached.casesAsOf : 0))) changed.set(h.id, countedCase(h));
  const histories = [...changed.values()];
  for (const h of cached?.cases ?? []) if (!changed.has(h.id)) histories.push(h);

  if (!cached || cached.settledDay < settledDay) {
    const content: CacheContent = { version: VERSION, settledDay, turns: turnDays.toJSON(settledDay), casesAsOf, cases: caseColumns(histories) };
    await store.statsCache.write(JSON.stringify(content), generation);
  }
  return { turns: (by) => turnDays.tally(days.first, days.last, by), histories };
}

/** The cache as read and parsed. */
interface ReadCache {
  settledDay: string;
  turns: TurnDays;
  cases: readonly CountedCase[];
  casesAsOf: string;
}

/** What each slot held when last read, kept while its stamp stays the same: a dashboard answering many requests reads and parses the cache once a day. */
const lastRead = new WeakMap<StatsCacheSlot, { stamp: string; timeZone: string; generation: string; cached?: ReadCache }>();

async function readCache(slot: StatsCacheSlot, timeZone: string): Promise<{ generation: string; cached?: ReadCache }> {
  const stamp = await slot.stamp();
  const known = lastRead.get(slot);
  if (known && known.stamp === stamp && known.timeZone === timeZone) return known;
  const { text, generation } = await slot.read();
  const content = parse(text, timeZone);
  const cached = content && {
    settledDay: content.settledDay,
    turns: TurnDays.fromJSON(content.turns),
    cases: casesOfColumns(content.cases),
    casesAsOf: content.casesAsOf,
  };
  const entry = { stamp, timeZone, generation, ...(cached ? { cached } : {}) };
  lastRead.set(slot, entry);
  return entry;
}

function parse(text: string | undefined, timeZone: string): CacheContent | undefined {
  if (text === undefined) return undefined;
  try {
    const content = JSON.parse(text) as CacheContent;
    // Another zone's days cut the turns elsewhere: such a cache is built anew.
    return content.version === VERSION && content.turns.timeZone === timeZone ? content : undefined;
  } catch {
    return undefined;
  }
}

/** The instant a local date begins. */
function startOfDay(d: { year: number; month: number; day: number }, timeZone: string): Date {
  return fromWallClock({ year: d.year, month: d.month, day: d.day }, timeZone);
}

function dateOf(day: string): { year: number; month: number; day: number } {
  const [year, month, d] = day.split('-').map(Number);
  return { year, month, day: d };
}
