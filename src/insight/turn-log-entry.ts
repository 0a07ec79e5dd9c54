/** One entry of the turn log: what the bot made of one user turn, kept for statistics and the review inbox. */
import type { ChannelName } from '../cases/types.js';
import type { Lang } from '../knowledge/types.js';

/** What the bot did with a user's message. */
export type TurnAction =
  /** Gave an faq or diagnostic intent's answer. */
  | 'answered'
  /** Offered topics to pick from (ambiguous or too vague a message). */
  | 'clarified'
  /** Said honestly that it does not know (a non-smalltalk message). */
  | 'out_of_scope'
  /** Smalltalk, help, status and other system answers. */
  | 'smalltalk'
  /** Asked for or took a detail of a case being prepared. */
  | 'collecting'
  /** Opened a case. */
  | 'case_opened'
  /** Relayed the message to the agent of an open case. */
  | 'relayed'
  /** Anything else (cancel, a refused message, a rating). */
  | 'other';

/** The user's reply to "did this help?" after an answer. */
export type AnswerOutcome = 'solved' | 'not_solved' | 'no_reply';

/**
 * Why a turn belongs in the review inbox: out of scope; an answer matched with low confidence (less than
 * LOW_CONFIDENCE_MARGIN above the out-of-scope threshold); a clarification answered "none of these" (the text is
 * the clarified message); an answer the user marked not solved (the text is the question it answered).
 */
export type ReviewReason = 'out_of_scope' | 'low_confidence' | 'none_of_these' | 'not_solved';

/** One of the matcher's closest intents for a message, with its confidence (0-1). */
export interface ClosestIntent {
  intent: string;
  score: number;
}

/** One user turn, appended to the turn log in the same commit as the turn. */
export interface TurnLogEntry {
  /** Unique per turn: `{channel}:{message id}`, so a redelivered message is never counted twice. */
  id: string;
  /** When the turn happened (ISO). */
  at: string;
  channel: ChannelName;
  /** The conversation's store key (`{channel}:{conversation}`). */
  conversation: string;
  /** The user's platform id; erased by `deskbot user forget`. */
  userId: string;
  lang: Lang;
  /** The agents' route of the topic ('default' when none). */
  route: string;
  /** The intent the turn acted on, or null. */
  intent: string | null;
  confidence: number | null;
  action: TurnAction;
  /** The outcome of the answer given in the previous turn, when this turn settled it. */
  outcome?: AnswerOutcome;
  /** The intent of the earlier answer this turn is about: the one `outcome` settles, or the one a case opened after. */
  outcomeIntent?: string;
  /** When that answer was given (ISO): statistics count an outcome, or a case opened after it, with its answer. */
  answeredAt?: string;
  /** The case opened or relayed to. */
  caseId?: string;
  /** Why this turn is in the review inbox; only such turns keep their text. */
  review?: ReviewReason;
  /** The user's text, masked, kept only when `review` is set. */
  text?: string;
  /** The closest intents and their scores, for the review inbox. */
  closest?: ClosestIntent[];
}
