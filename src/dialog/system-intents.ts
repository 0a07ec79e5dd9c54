/** Intent ids the dialog acts on itself instead of only answering them, named once. */

/** Intents of kind `system`: the dialog handles them (their answers are empty). */
export const SYSTEM_INTENT = {
  /** "Talk to a human": starts a case. */
  agentRequest: 'agent.request',
  /** "What happened to my inquiry?": lists the user's cases. */
  caseStatus: 'case.status',
} as const;

/** "When will I get an answer?": asked while a case is open, that case's status (with its due time) answers it. */
export const RESPONSE_TIME_INTENT = 'contact.response_time';

/** Smalltalk that ends the problem at hand ("thanks", "bye"): its details are forgotten after the answer. */
export const CLOSING_SMALLTALK: ReadonlySet<string> = new Set(['chitchat.thanks', 'chitchat.goodbye']);
