/** The support case model: a 1:1 inquiry handed to human agents. */
import type { DetailName, Lang } from '../knowledge/types.js';

/** Platforms a user or an agent can be on. */
export const CHANNEL_NAMES = ['console', 'slack', 'discord'] as const;

/** A platform deskbot talks on. */
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Whether a name is one of CHANNEL_NAMES. */
export function isChannelName(name: string | undefined): name is ChannelName {
  return (CHANNEL_NAMES as readonly (string | undefined)[]).includes(name);
}

/** What an agent can do on a case. */
export type AgentVerb = 'claim' | 'reply' | 'verify' | 'resolve' | 'reopen' | 'close' | 'suggest';

/** Where a case stands in its lifecycle. */
export type CaseStatus = 'open' | 'claimed' | 'resolved' | 'closed';

/** Identity verification of a case about an account, personal data or money. */
export type VerificationStatus = 'not_required' | 'pending' | 'verified';

/** A file the user attached, kept with the case. */
export interface FileRef {
  name: string;
  url?: string;
  /** Platform id (Slack file id, Discord attachment id). */
  id?: string;
}

/** One line of a case's transcript. */
export interface TranscriptEntry {
  at: string;
  from: 'user' | 'bot' | 'agent';
  /** User or agent id; 'bot' for the bot. */
  by: string;
  text: string;
}

/** The user who opened a case and where to reach them. */
export interface CaseRequester {
  channel: ChannelName;
  conversationId: string;
  userId: string;
  name?: string;
}

/** A reply an agent marked as a good answer to the case's question. */
export interface SuggestedAnswer {
  at: string;
  /** The agent's id. */
  by: string;
  text: string;
}

/** A 1:1 inquiry: everything an agent needs, and its history. */
export interface SupportCase {
  id: string;
  requester: CaseRequester;
  lang: Lang;
  intent: string;
  route: string;
  status: CaseStatus;
  verification: VerificationStatus;
  /** Collected details, normalised; 'unknown' when the user did not know. */
  details: Partial<Record<DetailName, string>>;
  /** Summary of the user's problem (first message, masked). */
  summary: string;
  /** Intents whose answers the bot already gave without solving the problem. */
  answersTried: string[];
  transcript: TranscriptEntry[];
  files: FileRef[];
  assignee: string | null;
  createdAt: string;
  /** When an agent first replied (absent in cases saved before this was recorded: their first 'reply' event tells). */
  firstReplyAt?: string | null;
  dueAt: string;
  /** True when the case was opened at a peak time (the receipt says so). */
  peak: boolean;
  resolvedAt: string | null;
  closedAt: string | null;
  rating: number | null;
  ratingComment: string | null;
  reminderSentAt: string | null;
  overdueAt: string | null;
  /** Platform references of the agents' case card (e.g. Slack channel and ts), per adapter. */
  cardRefs: Record<string, string>;
  /** Web links to the agents' case card, per adapter, where the platform gave one (absent in older cases). */
  cardLinks?: Record<string, string>;
  /** Who closed it: `agent:{id}`, `user` (by rating or withdrawing it) or `system` (closed automatically); absent while open and in older cases. */
  closedBy?: string;
  /** Answers agents marked as good for this case's intent, for the review inbox (the latest few). */
  suggestions?: SuggestedAnswer[];
  updatedAt: string;
}

/** An entry of a case's event log: who did what, when. */
export interface CaseEvent {
  caseId: string;
  at: string;
  actor: { kind: 'user' | 'agent' | 'bot' | 'system'; id: string };
  type: string;
  data?: Record<string, unknown>;
}
