/** The turn log entry of one user turn: the dialog's report with who, where and when (committed with the turn). */
import type { InboundMessage } from '../channels/contract.js';
import type { StepResult } from '../dialog/step.js';
import type { TurnLogEntry } from '../insight/turn-log-entry.js';

/** The entry of a user turn whose message `message` the dialog answered with `result`, in conversation `key`. */
export function turnLogEntry(message: InboundMessage, key: string, result: StepResult, now: Date): TurnLogEntry {
  const { report, decided } = result;
  const entry: TurnLogEntry = {
    // A redelivered message has the same id: its entry is kept once.
    id: `${message.channel}:${message.id}`,
    at: now.toISOString(),
    channel: message.channel,
    conversation: key,
    userId: message.user.id,
    lang: result.state.lang,
    route: report.route,
    intent: decided.intent,
    confidence: decided.confidence === null ? null : Math.round(decided.confidence * 1000) / 1000,
    action: report.action,
  };
  if (report.caseId) entry.caseId = report.caseId;
  if (report.answer) {
    if (report.answer.outcome) entry.outcome = report.answer.outcome;
    entry.outcomeIntent = report.answer.intent;
    entry.answeredAt = report.answer.at;
  }
  if (report.review) {
    // Only review turns keep their text (already masked by the understanding step), with the closest intents.
    entry.review = report.review.reason;
    entry.text = report.review.text;
    entry.closest = report.review.closest;
  }
  return entry;
}
