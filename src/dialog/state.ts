/** The conversation's dialog state: plain, versioned JSON so a restart resumes any dialog. */
import type { ChannelName, FileRef, TranscriptEntry } from '../cases/types.js';
import type { Choice, PendingDelivery } from '../core/message.js';
import type { DetailName, Lang } from '../knowledge/types.js';
import type { RelayBudget } from './relay-limit.js';

/** Where a conversation stands (the console protocol's `state`). */
export type Phase = 'idle' | 'answered' | 'clarifying' | 'collecting' | 'confirming' | 'handed_off' | 'feedback';

/** What the feedback phase waits for after an agent resolved the case. */
export type FeedbackStep = 'solved' | 'rating' | 'comment';

/** Everything the dialog remembers about one conversation. */
export interface DialogState {
  v: 1;
  phase: Phase;
  channel: ChannelName;
  conversationId: string;
  userId: string;
  userName?: string;
  lang: Lang;
  /** The intent being worked on (answered, collected for, or handed off). */
  topic: string | null;
  /** Intents whose answers did not solve the problem. */
  answersTried: string[];
  /** Details collected so far, normalised. */
  slots: Partial<Record<DetailName, string>>;
  /** Details still to ask, in order (collecting). */
  pending: DetailName[];
  asking: DetailName | null;
  /** Unusable answers to the current question. */
  failedAsks: number;
  /** True while re-asking one detail from the confirmation summary. */
  editing: boolean;
  /** Consecutive out-of-scope messages. */
  misses: number;
  /** True after "talk to a human" without a topic: the next message names the problem. */
  wantsHuman: boolean;
  /** Choices of the last bot message, so typed numbers can select them. */
  offered: Choice[];
  /** The user's first description of the problem (masked). */
  summary: string;
  caseId: string | null;
  feedbackStep: FeedbackStep | null;
  files: FileRef[];
  /** Recent conversation lines (masked), copied into a case when it opens. */
  transcript: TranscriptEntry[];
  /**
   * Ids of the latest inbound messages. Kept in the state so that remembering a delivery and acting on it
   * are saved together: a redelivery after a crash is answered, a duplicate of a saved turn is dropped.
   */
  seen?: string[];
  /** How many more messages may be relayed to agents right now (see relay-limit.ts). */
  relayBudget?: RelayBudget;
  /**
   * The messages the last turn committed to send (the core's outbox; the dialog never reads it). Saved with
   * the turn, so that a crash between saving and sending cannot lose a receipt: they are sent at the next start.
   */
  outbox?: PendingDelivery[];
}

/** How many inbound message ids a conversation remembers for dropping duplicates. */
export const SEEN_LIMIT = 100;

/** A fresh conversation. */
export function initialState(channel: ChannelName, conversationId: string, userId: string, lang: Lang): DialogState {
  return {
    v: 1,
    phase: 'idle',
    channel,
    conversationId,
    userId,
    lang,
    topic: null,
    answersTried: [],
    slots: {},
    pending: [],
    asking: null,
    failedAsks: 0,
    editing: false,
    misses: 0,
    wantsHuman: false,
    offered: [],
    summary: '',
    caseId: null,
    feedbackStep: null,
    files: [],
    transcript: [],
  };
}

/** Reads a stored state, accepting only the current version (older shapes start over safely). */
export function restoreState(raw: unknown): DialogState | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const s = raw as Partial<DialogState>;
  return s.v === 1 && typeof s.phase === 'string' ? (s as DialogState) : undefined;
}
