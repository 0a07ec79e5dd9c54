/** What the core understood of one user message before the dialog acts on it. */
import type { FileRef, SupportCase } from '../cases/types.js';
import type { Intent, Lang } from '../knowledge/types.js';
import type { MatchResult } from '../nlu/types.js';

/** The shape of a message, decided before matching. */
export type MessageShape = 'text' | 'choice' | 'empty' | 'no_words' | 'too_long';

/** One user message, cleaned, masked and classified. */
export interface Understanding {
  shape: MessageShape;
  /** Cleaned text with sensitive data masked: the only form that is stored or relayed. */
  text: string;
  lang: Lang;
  match: MatchResult;
  /** Kinds of sensitive data that were masked out of the text. */
  sensitive: string[];
  /** A case ID written in the message, normalised. */
  caseIdMention: string | null;
  /** The case the message is written to (InboundMessage.caseId, or a choice about one case), normalised. */
  addressedTo?: string;
  choice?: string;
  files: FileRef[];
  /** True when the message was longer than MAX_INPUT_CHARS and only its beginning was kept. */
  cut?: boolean;
}

/** The intents the dialog can look up. */
export interface IntentCatalog {
  byId(id: string): Intent | undefined;
}

/** Data the core loaded for this turn, so the dialog stays pure. */
export interface TurnContext {
  /** The case this conversation is handed off to, if any. */
  activeCase?: SupportCase;
  /** The user's own cases, newest first (loaded for status questions). */
  userCases?: SupportCase[];
  /** The case named by caseIdMention when it belongs to this user; absent otherwise. */
  mentionedCase?: SupportCase;
  /** The case the message is written to, when it is the user's own and not closed (see Understanding.addressedTo). */
  addressedCase?: SupportCase;
  /** True when the message was posted where others read it (a channel's thread), and a direct conversation can be opened. */
  inPublic?: boolean;
}
