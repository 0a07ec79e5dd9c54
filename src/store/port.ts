/** The storage port: what the core needs from any store (lowdb, PostgreSQL). */
import type { CaseEvent, ChannelName, SupportCase } from '../cases/types.js';
import type { TurnLogEntry } from '../insight/turn-log-entry.js';

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
   */
  between(since: Date, until: Date): AsyncIterable<TurnLogEntry>;
  /** Deletes the entries with at < before (retention); returns how many it deleted. */
  deleteBefore(before: Date): Promise<number>;
  /**
   * Erases one user from their entries (`deskbot user forget`): `userId` and `conversation` become '' and
   * `text` is removed; the entries stay, so counts keep them anonymously. Returns how many entries it changed.
   */
  forgetUser(channel: ChannelName, userId: string): Promise<number>;
}

/** Persistent storage for conversations, cases and their events. */
export interface Store {
  /** Loads a conversation's state, or undefined for a new conversation. */
  getConversation(id: string): Promise<ConversationRecord | undefined>;
  /** Applies a turn's changes atomically (one file write or one transaction). */
  commit(change: TurnCommit): Promise<void>;
  /** Conversations written at or after `since` (ISO), for sending what a crash left in their outboxes. */
  listConversationsUpdatedSince(since: string): Promise<ConversationRecord[]>;
  /** Loads one case by id. */
  getCase(id: string): Promise<SupportCase | undefined>;
  /** The case whose agents' card has this platform reference (see SupportCase.cardRefs values). */
  findCaseIdByCardRef(ref: string): Promise<string | undefined>;
  /** True when a case id is already taken (for collision-free id generation). */
  caseIdExists(id: string): Promise<boolean>;
  /** Cases of one requester (`{channel}:{userId}`), newest first. */
  listCasesByRequester(channel: string, userId: string, limit?: number): Promise<SupportCase[]>;
  /** Cases that are not closed, for SLA reminders and auto-close. */
  listActiveCases(): Promise<SupportCase[]>;
  /** A case's event log, oldest first. */
  listEvents(caseId: string): Promise<CaseEvent[]>;
  /** Records a delivery key (e.g. a Slack event_id); false if it was seen before. */
  claimOnce(key: string, ttlSeconds?: number): Promise<boolean>;
  /** Runs fn while holding the lock of one key (a conversation); other keys do not wait. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** The turn log (see TurnLog); entries are written by commit. */
  readonly turns: TurnLog;
  /** Counts, for statistics and migration checks. */
  counts(): Promise<StoreCounts>;
  /** Every conversation, case and event, for `deskbot store migrate` (source stores only need to fit in memory; the turn log is read with turns.between). */
  exportAll(): Promise<{ conversations: ConversationRecord[]; cases: SupportCase[]; events: CaseEvent[] }>;
  /** Rewrites every stored record (`deskbot store rescan`), leaving no older copy of a changed one in the store's files. */
  rewriteAll(rewrite: RecordRewriter): Promise<RewriteCounts>;
  /** Flushes and releases resources. */
  close(): Promise<void>;
}
