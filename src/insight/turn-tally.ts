/**
 * The turn log counted for `deskbot stats`: what users asked and how the bot did, in total and per group.
 * Stores that can count in their own query language produce the same TurnTally (see the PostgreSQL store).
 */
import type { TurnLogEntry } from './turn-log-entry.js';
import { dayKeyer, type StatsWindow } from './stats-window.js';

/** The groups `--by` can split the figures into. */
export const GROUP_BY = ['intent', 'route', 'channel', 'lang', 'day'] as const;
/** One way of grouping. */
export type GroupBy = (typeof GROUP_BY)[number];

/** The group of turns that acted on no intent (`--by intent`). */
export const NO_INTENT = '(none)';

/** What the turn log says about one group of turns. */
export interface TurnCounts {
  /** User turns in the window. */
  turns: number;
  /** Conversations with at least one user turn in the window. */
  conversations: number;
  /** Answers given from an faq or diagnostic intent in the window. */
  answered: number;
  /** Messages answered as out of scope in the window. */
  unanswered: number;
  /** Answers given in the window that the user marked solved, and not solved (whenever they did). */
  solved: number;
  notSolved: number;
  /** Answers given in the window after which the same conversation opened a case on the same topic. */
  ledToCase: number;
}

/** The turn log counted over a window: in total, and per group when asked. */
export interface TurnTally {
  total: TurnCounts;
  /** Group name → its counts (empty when no grouping was asked). */
  groups: Map<string, TurnCounts>;
}

/** Counts with nothing counted. */
export function noTurns(): TurnCounts {
  return { turns: 0, conversations: 0, answered: 0, unanswered: 0, solved: 0, notSolved: 0, ledToCase: 0 };
}

/** The counts of a group and the conversations seen in it. */
interface Bucket {
  counts: TurnCounts;
  conversations: Set<string>;
}

/**
 * Counts turn-log entries one at a time, with little work per entry. Give it every entry from the window's start
 * on (to now, not only to its end): an answer given in the window may be settled, or followed by a case, later.
 */
export class TurnTallier {
  private readonly since: string;
  private readonly until: string;
  private readonly total: Bucket = bucket();
  private readonly groups = new Map<string, Bucket>();
  private readonly ownKey: ((e: TurnLogEntry) => string) | undefined;
  private readonly answerKey: ((e: TurnLogEntry) => string) | undefined;

  constructor(window: StatsWindow, by?: GroupBy) {
    this.since = window.since.toISOString();
    this.until = window.until.toISOString();
    if (by) [this.ownKey, this.answerKey] = groupKeys(by, window.timeZone);
  }

  /** Counts one entry (entries outside the window, or about answers outside it, are skipped). */
  add(e: TurnLogEntry): void {
    // Times are stored as toISOString() output, so comparing the strings compares the instants.
    if (e.at >= this.since && e.at < this.until) {
      const group = this.ownKey && this.bucketOf(this.ownKey(e));
      countTurn(this.total, e);
      if (group) countTurn(group, e);
    }
    const answeredAt = e.answeredAt;
    if (answeredAt === undefined || answeredAt < this.since || answeredAt >= this.until) return;
    const group = this.answerKey && this.bucketOf(this.answerKey(e));
    countAnswerFollowUp(this.total.counts, e);
    if (group) countAnswerFollowUp(group.counts, e);
  }

  /** The counts so far. */
  result(): TurnTally {
    const finish = (b: Bucket): TurnCounts => ({ ...b.counts, conversations: b.conversations.size });
    return { total: finish(this.total), groups: new Map([...this.groups].map(([k, b]) => [k, finish(b)])) };
  }

  private bucketOf(key: string): Bucket {
    let b = this.groups.get(key);
    if (!b) this.groups.set(key, (b = bucket()));
    return b;
  }
}

/** Counts every entry of a stream (a store's windowed query of the turn log). */
export async function tallyTurns(entries: AsyncIterable<TurnLogEntry>, window: StatsWindow, by?: GroupBy): Promise<TurnTally> {
  const tallier = new TurnTallier(window, by);
  for await (const e of entries) tallier.add(e);
  return tallier.result();
}

function bucket(): Bucket {
  return { counts: noTurns(), conversations: new Set() };
}

function countTurn(b: Bucket, e: TurnLogEntry): void {
  b.counts.turns++;
  b.conversations.add(e.conversation);
  if (e.action === 'answered') b.counts.answered++;
  else if (e.action === 'out_of_scope') b.counts.unanswered++;
}

function countAnswerFollowUp(c: TurnCounts, e: TurnLogEntry): void {
  const field = followUpOf(e);
  if (field) c[field]++;
}

/** Which follow-up of an earlier answer an entry is: marked solved, marked not solved, or a case opened after it. */
export function followUpOf(e: TurnLogEntry): 'solved' | 'notSolved' | 'ledToCase' | undefined {
  if (e.outcome === 'solved') return 'solved';
  if (e.outcome === 'not_solved') return 'notSolved';
  return e.action === 'case_opened' ? 'ledToCase' : undefined;
}

/**
 * The group of an entry's own turn, and the group of the answer it follows up (`outcome`, or a case opened after
 * it): the answer's intent and day, so that each answer's follow-ups are counted in the answer's group.
 */
export function groupKeys(by: GroupBy, timeZone: string): [(e: TurnLogEntry) => string, (e: TurnLogEntry) => string] {
  switch (by) {
    case 'intent':
      return [(e) => e.intent ?? NO_INTENT, (e) => e.outcomeIntent ?? e.intent ?? NO_INTENT];
    case 'day': {
      const day = dayKeyer(timeZone);
      return [(e) => day(e.at), (e) => day(e.answeredAt ?? e.at)];
    }
    default:
      return [(e) => e[by], (e) => e[by]];
  }
}
