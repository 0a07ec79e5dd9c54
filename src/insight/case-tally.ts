/** Cases counted for `deskbot stats`: what happened to them in the window, how fast, and how users rated it. */
import type { SupportCase } from '../cases/types.js';
import type { CaseHistory, CaseStepKind } from './case-history.js';
import { countedCase, STEP_CODE, type CountedCase } from './counted-case.js';
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
/** The step kinds counted once per case (and group), by their STEP_CODE. */
const COUNTED_ONCE: ReadonlyArray<'resolved' | 'closed' | 'reopened' | undefined> = (() => {
  const byCode: Array<'resolved' | 'closed' | 'reopened' | undefined> = [];
  for (const kind of ['resolved', 'closed', 'reopened'] as const satisfies readonly CaseStepKind[]) byCode[STEP_CODE[kind]] = kind;
  return byCode;
})();

/**
 * Counts cases. Give it the history of every case with a step or its opening at or after the window's start
 * (a case opened in the window may be answered or resolved after its end), and the cases open now.
 */
export class CaseTallier {
  private readonly since: number;
  private readonly until: number;
  private readonly now: number;
  private readonly total = noCases();
  private readonly groups = new Map<string, CaseCounts>();
  private readonly keyOf: ((c: Pick<CountedCase, GroupAttribute>, at: number) => string) | undefined;

  constructor(window: StatsWindow, by?: GroupBy) {
    this.since = window.since.getTime();
    this.until = window.until.getTime();
    this.now = window.now.getTime();
    if (by) this.keyOf = keyFunction(by, window.timeZone);
  }

  /** Counts one case's history, in one pass over its steps. */
  add(h: CountedCase): void {
    const steps = h.kinds.length;
    // Steps are oldest first: a case opened and last changed before the window has nothing in it.
    const last = steps > 0 ? h.ats[steps - 1] : h.openedAt;
    if (h.openedAt < this.since && last < this.since) return;
    if (this.inWindow(h.openedAt)) this.countOpening(h);
    // The kinds counted once for this case so far (a bit per STEP_CODE), and the groups each kind was counted in.
    let counted = 0;
    let groupedIn: CaseCounts[] | undefined;
    let groupedKinds: number[] | undefined;
    for (let i = 0; i < steps; i++) {
      const at = h.ats[i];
      if (!this.inWindow(at)) continue;
      const code = h.kinds[i];
      const once = COUNTED_ONCE[code];
      if (once !== undefined) {
        const bit = 1 << code;
        if (!(counted & bit)) this.total[once]++;
        counted |= bit;
        if (!this.keyOf) continue;
        const group = this.group(this.keyOf(h, at));
        if (alreadyIn(groupedIn, groupedKinds, group, code)) continue;
        (groupedIn ??= []).push(group);
        (groupedKinds ??= []).push(code);
        group[once]++;
      } else if (code === STEP_CODE.rated) {
        const rating = h.ratings[i];
        if (!(rating >= 1 && rating <= 5)) continue;
        this.total.ratings[rating - 1]++;
        if (this.keyOf) this.group(this.keyOf(h, at)).ratings[rating - 1]++;
      }
    }
  }

  /** Counts a case that is open now (open or claimed), in the group of its opening. */
  addOpen(c: SupportCase): void {
    if (c.status !== 'open' && c.status !== 'claimed') return;
    const overdue = Date.parse(c.dueAt) < this.now ? 1 : 0;
    for (const counts of this.countsOf({ intent: c.intent, route: c.route, channel: c.requester.channel, lang: c.lang }, Date.parse(c.createdAt))) {
      counts.open++;
      counts.overdue += overdue;
    }
  }

  /** The counts so far. */
  result(): CaseTally {
    return { total: this.total, groups: this.groups };
  }

  private countOpening(h: CountedCase): void {
    let firstReply: number | undefined;
    // The last resolution not followed by a reopening: how long the case took, as it stands now.
    let resolved: number | undefined;
    // A case resolved or closed before it was due without a reply no longer waited for one.
    let endedBeforeDue = false;
    for (let i = 0; i < h.kinds.length; i++) {
      const kind = h.kinds[i];
      if (kind === STEP_CODE.reply && firstReply === undefined) firstReply = h.ats[i];
      if (kind === STEP_CODE.resolved) resolved = h.ats[i];
      else if (kind === STEP_CODE.reopened) resolved = undefined;
      if ((kind === STEP_CODE.resolved || kind === STEP_CODE.closed) && h.ats[i] <= h.dueAt) endedBeforeDue = true;
    }
    const slaCounted = firstReply !== undefined || (h.dueAt < this.now && !endedBeforeDue);
    const count = (counts: CaseCounts) => {
      counts.opened++;
      if (firstReply !== undefined) counts.firstResponseMinutes.push((firstReply - h.openedAt) / MINUTE_MS);
      if (resolved !== undefined) counts.resolutionMinutes.push((resolved - h.openedAt) / MINUTE_MS);
      if (slaCounted) counts.slaCounted++;
      if (firstReply !== undefined && firstReply <= h.dueAt) counts.slaMet++;
    };
    count(this.total);
    if (this.keyOf) count(this.group(this.keyOf(h, h.openedAt)));
  }

  private countsOf(c: Pick<CountedCase, GroupAttribute>, at: number): CaseCounts[] {
    return this.keyOf ? [this.total, this.group(this.keyOf(c, at))] : [this.total];
  }

  private group(key: string): CaseCounts {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = noCases()));
    return g;
  }

  private inWindow(at: number): boolean {
    return at >= this.since && at < this.until;
  }
}

/** Counts histories (as stores read them, or as the statistics' cache keeps them) and the cases open now. */
export async function tallyCases(
  histories: AsyncIterable<CaseHistory | CountedCase> | Iterable<CaseHistory | CountedCase>,
  open: Iterable<SupportCase>,
  window: StatsWindow,
  by?: GroupBy,
): Promise<CaseTally> {
  const tallier = new CaseTallier(window, by);
  // An array (the statistics' cache's 100,000 cases) is counted without a microtask per case.
  if (Array.isArray(histories)) for (const h of histories as Array<CaseHistory | CountedCase>) tallier.add('kinds' in h ? h : countedCase(h));
  else for await (const h of histories) tallier.add('kinds' in h ? h : countedCase(h));
  for (const c of open) tallier.addOpen(c);
  return tallier.result();
}

type GroupAttribute = 'intent' | 'route' | 'channel' | 'lang';

/** True when a step of this kind was already counted in this group (a case has a few steps at most). */
function alreadyIn(groups: readonly CaseCounts[] | undefined, kinds: readonly number[] | undefined, group: CaseCounts, kind: number): boolean {
  if (!groups || !kinds) return false;
  for (let i = 0; i < groups.length; i++) if (groups[i] === group && kinds[i] === kind) return true;
  return false;
}

/** A case's group: its topic, route, platform or language, or the local day of the step counted. */
function keyFunction(by: GroupBy, timeZone: string): (c: Pick<CountedCase, GroupAttribute>, at: number) => string {
  if (by === 'day') {
    const day = dayKeyer(timeZone);
    return (_c, at) => day(at);
  }
  return (c) => c[by];
}
