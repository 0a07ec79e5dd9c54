/** The storage ports: what the core and the store commands need from any store (lowdb, PostgreSQL, memory). */
import type { CaseEvent, ChannelName, SupportCase } from '../cases/types.js';
import type { CaseHistory } from '../insight/case-history.js';
import type { StatsWindow } from '../insight/stats-window.js';
import type { TurnLogEntry } from '../insight/turn-log-entry.js';
import type { StatsCacheSlot } from '../insight/stats-cache.js';
import type { GroupBy, TurnTally } from '../insight/turn-tally.js';

/** A conversation's saved dialog state, as plain JSON. */
export interface ConversationRecord {
  /** `{channel}:{conversation}`, e.g. `slack:C123:1700000000.0001`. */
  id: string;
  /** Dialog state: plain, versioned JSON owned by src/dialog. */
  state: unknown;
  updatedAt: string;
}

/** Everything one turn changed, applied all together or not at all. */
export interface TurnCommit {
  conversations?: ConversationRecord[];
  /** Cases created or replaced by this turn (upsert by id). */
  cases?: SupportCase[];
  events?: CaseEvent[];
  /** The turn log's entries of this turn; an entry whose id is already stored is left as it was. */
  turns?: TurnLogEntry[];
}

/** How `Store.rewriteAll` changes each record: it returns the record itself (the same object) to leave it as it is. */
export interface RecordRewriter {
  conversation(record: ConversationRecord): ConversationRecord;
  case(c: SupportCase): SupportCase;
  event(e: CaseEvent): CaseEvent;
  /** Called only for turn log entries that hold text (review turns). */
  turn(entry: TurnLogEntry): TurnLogEntry;
}

/** How many records of each kind a rewrite changed. */
export interface RewriteCounts {
  conversations: number;
  cases: number;
  events: number;
  turns: number;
}

/** How many records of each kind a store holds. */
export type StoreCounts = RewriteCounts;

/**
 * The turn log: one entry per user turn, written with the turn's own commit (TurnCommit.turns), read by the
 * statistics and the review inbox. Entries are keyed by id, so a turn committed twice is kept once.
 */
export interface TurnLog {
  /**
   * Entries with since <= at < until, oldest first (entries of the same instant in id order), each id once.
   * Iterate it with `for await`; PostgreSQL reads it page by page, so a long window never sits in memory whole.
   * With `only: 'review'`, only the entries kept for the review inbox (`review` set), which stores find without
   * reading the others.
   */
  between(since: Date, until: Date, only?: 'review'): AsyncIterable<TurnLogEntry>;
  /** Deletes the entries with at < before (retention); returns how many it deleted. */
  deleteBefore(before: Date): Promise<number>;
  /**
   * Erases one user from their entries (`deskbot user forget`): `userId` becomes '', `conversation` an anonymous
   * `forgotten:{uuid}` of its own (so conversations are still counted apart) and `text` is removed; the entries
   * stay, so counts keep them anonymously. Returns how many entries it changed.
   */
  forgetUser(channel: ChannelName, userId: string): Promise<number>;
  /**
   * The entries counted for `deskbot stats` (see TurnTallier for what each count is): entries from the window's
   * start up to now are read, since an answer given in the window may be settled after its end.
   */
  tally(window: StatsWindow, by?: GroupBy): Promise<TurnTally>;
}

/** What `Store.forgetUser` erased. */
export interface ForgetCounts {
  /** Conversations deleted. */
  conversations: number;
  /** Cases and events kept without the person's text, files and id. */
  cases: number;
  events: number;
}

/**
 * The conversation-state port: what the pipeline needs per conversation, in the spirit of vercel/chat's
 * StateAdapter (get, a lock per thread, set-if-not-exists). Writes go through Store.commit.
 */
export interface ConversationStore {
  /** Loads a conversation's state, or undefined for a new conversation. */
  get(id: string): Promise<ConversationRecord | undefined>;
  /** Conversations written at or after `since` (ISO), for sending what a crash left in their outboxes. */
  updatedSince(since: string): Promise<ConversationRecord[]>;
  /** Runs fn while holding the lock of one key (a conversation); other keys do not wait. */
  lock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Records a key (e.g. `delivered:{id}`); false if it was recorded before and has not expired. */
  once(key: string, ttlSeconds?: number): Promise<boolean>;
}

/** The case repository: cases and their event logs as the core reads them (see ordering.ts for the orders). Writes go through Store.commit. */
export interface CaseRepository {
  /** Loads one case by id. */
  get(id: string): Promise<SupportCase | undefined>;
  /** Cases of one requester (`{channel}:{userId}`), newest first, closed ones included. */
  byRequester(channel: string, userId: string, limit?: number): Promise<SupportCase[]>;
  /** Cases that are not closed (for SLA reminders and auto-close), oldest first. */
  active(): Promise<SupportCase[]>;
  /** A case's event log, oldest first. */
  events(caseId: string): Promise<CaseEvent[]>;
  /** The id of the case whose agents' card has this platform reference (see SupportCase.cardRefs values). */
  idByCardRef(ref: string): Promise<string | undefined>;
  /**
   * Every case opened or changed at or after `since`, as statistics read it (its counted events), in no set order:
   * a case opened in a window can be answered or resolved after its end, and one opened before it resolved in it.
   */
  histories(since: Date): AsyncIterable<CaseHistory>;
  /**
   * Every case opened or changed at or after `since` (closed ones too), in no set order: `deskbot cases` lists and
   * exports them. With `only: 'suggested'`, only those with answers agents suggested (the review inbox), which
   * stores find without reading the others.
   */
  changedSince(since: Date, only?: 'suggested'): AsyncIterable<SupportCase>;
  /** Closed cases (of one route, when given), most recently changed first, at most `limit`, and how many there are: the end of the queue without reading every case. */
  closedPage(limit: number, route?: string): Promise<{ cases: SupportCase[]; total: number }>;
}

/**
 * A store: the three ports, the one write that spans them, and the whole-store operations of the store
 * commands. Every store (lowdb, PostgreSQL, memory) passes test/store/contract.ts.
 */
export interface Store {
  readonly conversations: ConversationStore;
  readonly cases: CaseRepository;
  /** The turn log (see TurnLog); entries are written by commit. */
  readonly turns: TurnLog;
  /** Where statistics keep their cache (insight/stats-cache.ts); dropped by whatever rewrites the turn log. */
  readonly statsCache: StatsCacheSlot;
  /**
   * Applies a turn's changes atomically (one file write or one transaction). A case whose id is already
   * another case's (see case-identity.ts) is refused with CaseIdTakenError, and nothing of the commit is saved.
   */
  commit(change: TurnCommit): Promise<void>;
  /** Counts, for statistics and migration checks. */
  counts(): Promise<StoreCounts>;
  /** Every conversation, case and event, for `deskbot store migrate` (source stores only need to fit in memory; the turn log is read with turns.between). */
  exportAll(): Promise<{ conversations: ConversationRecord[]; cases: SupportCase[]; events: CaseEvent[] }>;
  /**
   * Retention: empties the transcripts of cases closed before `closedBefore` (their transcript lines and the text
   * of their events), leaving no older copy in the store's files; returns how many cases it changed.
   */
  eraseTranscripts(closedBefore: Date): Promise<number>;
  /**
   * `deskbot user forget`: deletes one person's conversations, and empties the text, files and ids of theirs in
   * their cases and those cases' events (see erase-records.ts), leaving no older copy in the store's files. The
   * turn log is erased by turns.forgetUser.
   */
  forgetUser(channel: ChannelName, userId: string): Promise<ForgetCounts>;
  /** Rewrites every stored record (`deskbot store rescan`), leaving no older copy of a changed one in the store's files. */
  rewriteAll(rewrite: RecordRewriter): Promise<RewriteCounts>;
  /** Flushes and releases resources. */
  close(): Promise<void>;
}
