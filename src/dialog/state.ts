/** The conversation's dialog state: plain, versioned JSON so a restart resumes any dialog. */
import type { ChannelName, FileRef, TranscriptEntry } from '../cases/types.js';
import type { Choice, PendingDelivery } from '../channels/contract.js';
import type { ClosestIntent } from '../insight/turn-log-entry.js';
import type { DetailName, Lang } from '../knowledge/types.js';
import type { RelayBudget } from './relay-limit.js';
import { savedStateV1, savedStateV2 } from './saved-state.js';

/** The latest answer given for the problem at hand: what "did this help?" asks about. */
export interface GivenAnswer {
  at: string;
  intent: string;
  /** The message it answered (masked) and the matcher's closest intents, for the review inbox when it did not help. */
  question: string;
  closest: ClosestIntent[];
}

/** What the feedback phase waits for after an agent resolved the case. */
export type FeedbackStep = 'solved' | 'rating' | 'comment';

/**
 * Where a conversation stands (`phase` is the console protocol's `state`), with the fields only that phase has.
 * `asking` and `caseId` are on every phase, null where the phase has none, because the core reads them on any state.
 */
export type Phase =
  | { phase: 'idle'; asking: null; caseId: null; /** "Talk to a human" without a topic: the next message names the problem. */ wantsHuman: boolean }
  | { phase: 'answered'; asking: null; caseId: null }
  | { phase: 'clarifying'; asking: null; caseId: null; /** The matcher's closest intents for the clarified message. */ closest?: ClosestIntent[] }
  | {
      phase: 'collecting';
      /** The detail the last question asked for. */
      asking: DetailName;
      caseId: null;
      /** Unusable answers to the current question. */
      failedAsks: number;
      /** True while re-asking one detail from the confirmation summary. */
      editing: boolean;
    }
  | { phase: 'confirming'; asking: null; caseId: null }
  | { phase: 'handed_off'; asking: null; caseId: string }
  | { phase: 'feedback'; asking: null; caseId: string; awaiting: FeedbackStep };

/** A phase's name. */
export type PhaseName = Phase['phase'];

/** What the dialog remembers in every phase: who and where, the problem at hand, and the recent conversation. */
export interface Conversation {
  v: 2;
  channel: ChannelName;
  conversationId: string;
  userId: string;
  userName?: string;
  lang: Lang;
  /** The intent being worked on (answered, collected for, or handed off). */
  topic: string | null;
  /** Intents whose answers did not solve the problem. */
  answersTried: string[];
  /** The latest answer given for the problem at hand (forgotten with the problem). */
  lastAnswer?: GivenAnswer;
  /** Details given so far, in any phase, normalised. */
  slots: Partial<Record<DetailName, string>>;
  /** The user's first description of the problem (masked). */
  summary: string;
  files: FileRef[];
  /** Consecutive out-of-scope messages. */
  misses: number;
  /** Choices of the last bot message, so typed numbers can select them. */
  offered: Choice[];
  /** Recent conversation lines (masked), copied into a case when it opens. */
  transcript: TranscriptEntry[];
  /**
   * Ids of the latest inbound messages (the core's). Kept in the state so that remembering a delivery and acting
   * on it are saved together: a redelivery after a crash is answered, a duplicate of a saved turn is dropped.
   */
  seen?: string[];
  /**
   * The user's other open cases, set aside for a new inquiry (most recent last): their agents' messages still come
   * here, tagged with the case id, and messages written to them (InboundMessage.caseId) reach them.
   */
  parked?: string[];
  /** How many more messages may be relayed to agents right now (see relay-limit.ts). */
  relayBudget?: RelayBudget;
  /**
   * The messages the last turn committed to send (the core's outbox; the dialog never reads it). Saved with
   * the turn, so that a crash between saving and sending cannot lose a receipt: they are sent at the next start.
   */
  outbox?: PendingDelivery[];
}

/** Everything the dialog remembers about one conversation. */
export type DialogState = Conversation & Phase;

/** The state in one phase. */
export type StateIn<P extends PhaseName> = Conversation & Extract<Phase, { phase: P }>;

/** The current version of DialogState (`v`). */
export const STATE_VERSION = 2;

/** How many inbound message ids a conversation remembers for dropping duplicates. */
export const SEEN_LIMIT = 100;

/** Each phase as a value, with its own fields and nulls for the others. */
export const PHASE = {
  idle: (wantsHuman = false): Phase => ({ phase: 'idle', asking: null, caseId: null, wantsHuman }),
  answered: (): Phase => ({ phase: 'answered', asking: null, caseId: null }),
  clarifying: (closest?: ClosestIntent[]): Phase => ({ phase: 'clarifying', asking: null, caseId: null, ...(closest ? { closest } : {}) }),
  collecting: (asking: DetailName, editing = false): Phase => ({ phase: 'collecting', asking, caseId: null, failedAsks: 0, editing }),
  confirming: (): Phase => ({ phase: 'confirming', asking: null, caseId: null }),
  handedOff: (caseId: string): Phase => ({ phase: 'handed_off', asking: null, caseId }),
  feedback: (caseId: string, awaiting: FeedbackStep): Phase => ({ phase: 'feedback', asking: null, caseId, awaiting }),
};

type KeysOfAny<T> = T extends unknown ? keyof T : never;

/** Every field some phase carries; the compiler keeps this list equal to Phase's fields. */
const PHASE_FIELDS: Record<KeysOfAny<Phase>, true> = {
  phase: true,
  asking: true,
  caseId: true,
  wantsHuman: true,
  failedAsks: true,
  editing: true,
  awaiting: true,
  closest: true,
};

/** The same conversation in another phase: the old phase's fields go, the conversation's stay. */
export function withPhase(s: DialogState, next: Phase): DialogState {
  const kept: Record<string, unknown> = { ...s };
  for (const field of Object.keys(PHASE_FIELDS)) delete kept[field];
  return { ...(kept as unknown as Conversation), ...next };
}

/** A fresh conversation. */
export function initialState(channel: ChannelName, conversationId: string, userId: string, lang: Lang): DialogState {
  return {
    v: STATE_VERSION,
    channel,
    conversationId,
    userId,
    lang,
    topic: null,
    answersTried: [],
    slots: {},
    summary: '',
    files: [],
    misses: 0,
    offered: [],
    transcript: [],
    ...PHASE.idle(),
  };
}

/**
 * Reads a stored state: the current version as is, version 1 migrated, each checked against its shape
 * (saved-state.ts); anything else is undefined, and the conversation starts over.
 */
export function restoreState(raw: unknown): DialogState | undefined {
  if (savedStateV2.safeParse(raw).success) return raw as DialogState;
  if (savedStateV1.safeParse(raw).success) return fromVersion1(raw as StateV1);
  return undefined;
}

/** Version 1: one flat record whose phase fields stayed set in every phase. */
interface StateV1 extends Omit<Conversation, 'v'> {
  v: 1;
  phase: PhaseName;
  pending: DetailName[];
  asking: DetailName | null;
  failedAsks: number;
  editing: boolean;
  wantsHuman: boolean;
  caseId: string | null;
  feedbackStep: FeedbackStep | null;
}

/** A version 1 state in the current shape, in the phase it was in (pending details are derived from the topic now). */
function fromVersion1(old: StateV1): DialogState | undefined {
  const { v: _v, phase: _phase, pending, asking, failedAsks, editing, wantsHuman, caseId, feedbackStep, ...conversation } = old;
  const base = { ...conversation, v: STATE_VERSION } as Conversation;
  const next = ((): Phase | undefined => {
    switch (old.phase) {
      case 'idle':
        return PHASE.idle(wantsHuman === true);
      case 'collecting': {
        const current = asking ?? pending?.find((d) => !conversation.slots?.[d]);
        return current ? { ...PHASE.collecting(current, editing === true), failedAsks: failedAsks ?? 0 } as Phase : PHASE.confirming();
      }
      case 'handed_off':
        return caseId ? PHASE.handedOff(caseId) : PHASE.idle();
      case 'feedback':
        // Version 1 treated a feedback phase without a step like the last one, the comment.
        return caseId ? PHASE.feedback(caseId, feedbackStep ?? 'comment') : PHASE.idle();
      case 'answered':
        return PHASE.answered();
      case 'clarifying':
        return PHASE.clarifying();
      case 'confirming':
        return PHASE.confirming();
      default:
        return undefined;
    }
  })();
  return next && { ...base, ...next };
}
