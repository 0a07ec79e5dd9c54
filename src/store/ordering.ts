/**
 * The orders stores return records in, written once: each as a comparator (lowdb, memory) beside the ORDER BY
 * that says the same in SQL (PostgreSQL). Times compare as ISO strings, ids by code unit (SQL: collate "C").
 */
import type { CaseEvent } from '../cases/types.js';

/** One order, in JavaScript and in SQL. */
export interface Ordering<T> {
  compare(a: T, b: T): number;
  /** The ORDER BY list that gives the same order. */
  sql: string;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A requester's cases: newest first; cases created at one instant by id, last first. */
export const REQUESTER_CASES: Ordering<{ createdAt: string; id: string }> = {
  compare: (a, b) => byString(b.createdAt, a.createdAt) || byString(b.id, a.id),
  sql: 'created_at desc, id collate "C" desc',
};

/** Active cases (and exported ones): oldest first, then by id. */
export const ACTIVE_CASES: Ordering<{ createdAt: string; id: string }> = {
  compare: (a, b) => byString(a.createdAt, b.createdAt) || byString(a.id, b.id),
  sql: 'created_at, id collate "C"',
};

/** Closed cases for the end of the queue: most recently changed first, then by id, last first. */
export const CLOSED_CASES: Ordering<{ updatedAt: string; id: string }> = {
  compare: (a, b) => byString(b.updatedAt, a.updatedAt) || byString(b.id, a.id),
  sql: 'updated_at desc, id collate "C" desc',
};

/**
 * A case's events: oldest first; events of one instant in the order they were committed. The comparator
 * relies on a stable sort of events listed in commit order (Array.prototype.sort is stable); SQL on `seq`.
 */
export const CASE_EVENTS: Ordering<CaseEvent> = {
  compare: (a, b) => byString(a.at, b.at),
  sql: 'at, seq',
};

/** Turn log entries: oldest first, then by id. */
export const TURN_LOG: Ordering<{ at: string; id: string }> = {
  compare: (a, b) => byString(a.at, b.at) || byString(a.id, b.id),
  sql: 'at, id',
};
