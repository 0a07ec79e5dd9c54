/** The case queue as operators read it (`deskbot cases`): which cases a filter keeps, and in what order. */
import type { SupportCase } from '../cases/types.js';

/** The statuses `--status` takes: a case's own, and `overdue` (waiting for an agent past its due time). */
export const CASE_FILTERS = ['open', 'claimed', 'overdue', 'resolved', 'closed'] as const;

/** One value of `--status`. */
export type CaseFilter = (typeof CASE_FILTERS)[number];

/** What a listing keeps. */
export interface CaseQuery {
  status?: CaseFilter;
  route?: string;
}

/** Waiting for an agent (open or claimed) past its due time, as `deskbot stats` counts `cases.overdue`. */
export function isOverdue(c: SupportCase, now: Date): boolean {
  return (c.status === 'open' || c.status === 'claimed') && Date.parse(c.dueAt) < now.getTime();
}

/** Whether a case passes the query at `now`. */
export function matchesQuery(c: SupportCase, q: CaseQuery, now: Date): boolean {
  if (q.route !== undefined && c.route !== q.route) return false;
  if (q.status === 'overdue') return isOverdue(c, now);
  return q.status === undefined || c.status === q.status;
}

/**
 * The queue's order: overdue cases first, then the rest waiting for an agent by due time (soonest first), then
 * resolved and closed ones, newest first; ties by id.
 */
export function queueOrder(now: Date): (a: SupportCase, b: SupportCase) => number {
  const rank = (c: SupportCase) => (isOverdue(c, now) ? 0 : c.status === 'open' || c.status === 'claimed' ? 1 : 2);
  return (a, b) =>
    rank(a) - rank(b) ||
    (rank(a) < 2 ? a.dueAt.localeCompare(b.dueAt) : b.updatedAt.localeCompare(a.updatedAt)) ||
    a.id.localeCompare(b.id);
}
