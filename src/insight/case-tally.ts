/** Cases counted for `deskbot stats`: what happened to them in the window, how fast, and how users rated it. */
import type { SupportCase } from '../cases/types.js';
import type { CaseHistory, CaseStepKind } from './case-history.js';
import { dayKeyer, type StatsWindow } from './stats-window.js';
import type { GroupBy } from './turn-tally.js';

/** What the cases of one group add up to (durations in minutes, unsorted). */
export interface CaseCounts {
  /** Cases opened in the window. */
  opened: number;
  /** Cases with a step of that kind in the window (each case once). */
  resolved: number;
  closed: number;
  reopened: number;
  /** As of now: cases waiting for an agent (open or claimed), and those of them past their due time. */
  open: number;
  overdue: number;
  /** Cases opened in the window: opened → first agent reply, and opened → resolved (when that resolution stands). */
  firstResponseMinutes: number[];
  resolutionMinutes: number[];
  /** Cases opened in the window whose first reply was due: those that got one or waited past their due time; and of them, those answered in time. */
  slaCounted: number;
  slaMet: number;
  /** Ratings given in the window: how many of each (index 0 is 1 star). */
  ratings: [number, number, number, number, number];
}

/** Cases counted over a window: in total, and per group when asked. */
export interface CaseTally {
  total: CaseCounts;
  groups: Map<string, CaseCounts>;
}

/** Counts with nothing counted. */
export function noCases(): CaseCounts {
  return { opened: 0, resolved: 0, closed: 0, reopened: 0, open: 0, overdue: 0, firstResponseMinutes: [], resolutionMinutes: [], slaCounted: 0, slaMet: 0, ratings: [0, 0, 0, 0, 0] };
}

const MINUTE_MS = 60_000;
const COUNTED_ONCE = ['resolved', 'closed', 'reopened'] as const satisfies readonly CaseStepKind[];

/**
 * Counts cases. Give it the history of every case with a step or its opening at or after the window's start
 * (a case opened in the window may be answered or resolved after its end), and the cases open now.
 */
export class CaseTallier {
  private readonly since: string;
  private readonly until: string;
  private readonly now: string;
  private readonly total = noCases();
  private readonly groups = new Map<string, CaseCounts>();
  private readonly keyOf: ((c: Pick<CaseHistory, 'intent' | 'route' | 'channel' | 'lang'>, at: string) => string) | undefined;

  constructor(window: StatsWindow, by?: GroupBy) {
    this.since = window.since.toISOString();
    this.until = window.until.toISOString();
    this.now = window.now.toISOString();
    if (by) this.keyOf = keyFunction(by, window.timeZone);
  }

  /** Counts one case's history. */
  add(h: CaseHistory): void {
    if (this.inWindow(h.openedAt)) this.countOpening(h);
    for (const kind of COUNTED_ONCE) {
      const keys = new Set<string>();
      let any = false;
      for (const s of h.steps) {
        if (s.kind !== kind || !this.inWindow(s.at)) continue;
        any = true;
        if (this.keyOf) keys.add(this.keyOf(h, s.at));
      }
      if (any) this.total[kind]++;
      for (const key of keys) this.group(key)[kind]++;
    }
    for (const s of h.steps) {
      if (s.kind !== 'rated' || !this.inWindow(s.at) || s.rating === undefined || s.rating < 1 || s.rating > 5) continue;
      this.total.ratings[s.rating - 1]++;
      if (this.keyOf) this.group(this.keyOf(h, s.at)).ratings[s.rating - 1]++;
    }
  }

  /** Counts a case that is open now (open or claimed), in the group of its opening. */
  addOpen(c: SupportCase): void {
    if (c.status !== 'open' && c.status !== 'claimed') return;
    const overdue = c.dueAt < this.now ? 1 : 0;
    for (const counts of this.countsOf({ intent: c.intent, route: c.route, channel: c.requester.channel, lang: c.lang }, c.createdAt)) {
      counts.open++;
      counts.overdue += overdue;
    }
  }

  /** The counts so far. */
  result(): CaseTally {
    return { total: this.total, groups: this.groups };
  }

  private countOpening(h: CaseHistory): void {
    const firstReply = h.steps.find((s) => s.kind === 'reply')?.at;
    const resolved = standingResolution(h);
    // A case resolved or closed before it was due without a reply no longer waited for one.
    const endedBeforeDue = h.steps.some((s) => (s.kind === 'resolved' || s.kind === 'closed') && s.at <= h.dueAt);
    const slaCounted = firstReply !== undefined || (h.dueAt < this.now && !endedBeforeDue);
    for (const counts of this.countsOf(h, h.openedAt)) {
      counts.opened++;
      if (firstReply !== undefined) counts.firstResponseMinutes.push(minutesBetween(h.openedAt, firstReply));
      if (resolved !== undefined) counts.resolutionMinutes.push(minutesBetween(h.openedAt, resolved));
      if (slaCounted) counts.slaCounted++;
      if (firstReply !== undefined && firstReply <= h.dueAt) counts.slaMet++;
    }
  }

  private countsOf(c: Pick<CaseHistory, 'intent' | 'route' | 'channel' | 'lang'>, at: string): CaseCounts[] {
    return this.keyOf ? [this.total, this.group(this.keyOf(c, at))] : [this.total];
  }

  private group(key: string): CaseCounts {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = noCases()));
    return g;
  }

  private inWindow(at: string): boolean {
    return at >= this.since && at < this.until;
  }
}

/** Counts case histories from a stream, and the cases open now. */
export async function tallyCases(histories: AsyncIterable<CaseHistory> | Iterable<CaseHistory>, open: Iterable<SupportCase>, window: StatsWindow, by?: GroupBy): Promise<CaseTally> {
  const tallier = new CaseTallier(window, by);
  for await (const h of histories) tallier.add(h);
  for (const c of open) tallier.addOpen(c);
  return tallier.result();
}

/** The time of the last resolution not followed by a reopening: how long the case took, as it stands now. */
function standingResolution(h: CaseHistory): string | undefined {
  let resolved: string | undefined;
  for (const s of h.steps) {
    if (s.kind === 'resolved') resolved = s.at;
    else if (s.kind === 'reopened') resolved = undefined;
  }
  return resolved;
}

function minutesBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / MINUTE_MS;
}

/** A case's group: its topic, route, platform or language, or the local day of the step counted. */
function keyFunction(by: GroupBy, timeZone: string): (c: Pick<CaseHistory, 'intent' | 'route' | 'channel' | 'lang'>, at: string) => string {
  if (by === 'day') {
    const day = dayKeyer(timeZone);
    return (_c, at) => day(at);
  }
  return (c) => c[by];
}
