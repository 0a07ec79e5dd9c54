/**
 * `deskbot stats` figures from the counted turn log and cases: the report `--json` prints, field by field as the
 * README defines them. Pure: the counting is done by TurnTallier and CaseTallier (or a store's own query).
 */
import { noCases, type CaseCounts, type CaseTally } from './case-tally.js';
import { daysOf, type StatsWindow } from './stats-window.js';
import { noTurns, type GroupBy, type TurnCounts, type TurnTally } from './turn-tally.js';

/** A p50 and p90 in minutes, null when nothing was measured. */
export interface Percentiles {
  p50: number | null;
  p90: number | null;
}

/** The figures of the whole window or of one group. */
export interface StatsFigures {
  conversations: number;
  questions: { answered: number; solved: number; notSolved: number; noReply: number; unanswered: number };
  selfServiceRate: number | null;
  unansweredRate: number | null;
  cases: { opened: number; resolved: number; closed: number; reopened: number; open: number; overdue: number };
  firstResponseMinutes: Percentiles;
  resolutionMinutes: Percentiles;
  slaMetRate: number | null;
  csat: { count: number; mean: number | null; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
}

/** Everything `deskbot stats --json` prints: the window, its figures, and the figures per group when `--by` asks. */
export type StatsReport = { since: string; until: string; timeZone: string } & StatsFigures & {
  byIntent?: Record<string, StatsFigures>;
  byRoute?: Record<string, StatsFigures>;
  byChannel?: Record<string, StatsFigures>;
  byLang?: Record<string, StatsFigures>;
  byDay?: Record<string, StatsFigures>;
};

/** The JSON field of each grouping. */
export const GROUP_FIELD = { intent: 'byIntent', route: 'byRoute', channel: 'byChannel', lang: 'byLang', day: 'byDay' } as const satisfies Record<GroupBy, string>;

/** The report of a window from its counts; `by` adds the figures of each group (every day of the window for `day`). */
export function statsReport(turns: TurnTally, cases: CaseTally, window: StatsWindow, by?: GroupBy): StatsReport {
  const report: StatsReport = {
    since: window.since.toISOString(),
    until: window.until.toISOString(),
    timeZone: window.timeZone,
    ...figures(turns.total, cases.total),
  };
  if (!by) return report;
  const keys = by === 'day' ? daysOf(window) : [...new Set([...turns.groups.keys(), ...cases.groups.keys()])].sort();
  report[GROUP_FIELD[by]] = Object.fromEntries(keys.map((k) => [k, figures(turns.groups.get(k) ?? noTurns(), cases.groups.get(k) ?? noCases())]));
  return report;
}

/** The figures of one set of counts. */
export function figures(t: TurnCounts, c: CaseCounts): StatsFigures {
  const ratings = c.ratings.reduce((a, b) => a + b, 0);
  const stars = c.ratings.reduce((sum, n, i) => sum + n * (i + 1), 0);
  return {
    conversations: t.conversations,
    questions: {
      answered: t.answered,
      solved: t.solved,
      notSolved: t.notSolved,
      // Answers the user neither marked solved nor not solved: they asked something else, or wrote nothing more.
      noReply: Math.max(0, t.answered - t.solved - t.notSolved),
      unanswered: t.unanswered,
    },
    selfServiceRate: rate(t.answered - t.ledToCase, t.answered),
    unansweredRate: rate(t.unanswered, t.answered + t.unanswered),
    cases: { opened: c.opened, resolved: c.resolved, closed: c.closed, reopened: c.reopened, open: c.open, overdue: c.overdue },
    firstResponseMinutes: percentiles(c.firstResponseMinutes),
    resolutionMinutes: percentiles(c.resolutionMinutes),
    slaMetRate: rate(c.slaMet, c.slaCounted),
    csat: {
      count: ratings,
      mean: ratings === 0 ? null : round(stars / ratings, 2),
      distribution: { '1': c.ratings[0], '2': c.ratings[1], '3': c.ratings[2], '4': c.ratings[3], '5': c.ratings[4] },
    },
  };
}

/** part / whole rounded to 4 decimals, or null when nothing was counted. */
function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole, 4);
}

/** p50 and p90 by linear interpolation between the closest ranks (PostgreSQL's percentile_cont, Excel's PERCENTILE.INC), to 0.1 minute. */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { p50: null, p90: null };
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => {
    const pos = (sorted.length - 1) * p;
    const lower = Math.floor(pos);
    const upper = Math.min(lower + 1, sorted.length - 1);
    return round(sorted[lower] + (sorted[upper] - sorted[lower]) * (pos - lower), 1);
  };
  return { p50: at(0.5), p90: at(0.9) };
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}
