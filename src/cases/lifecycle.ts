/** Pure case transitions: opening, agent actions, feedback, SLA and auto-close, each with its log event. */
import { newCase } from './new-case.js';
import { appendToTranscript } from './transcript.js';
import type { Lang } from '../knowledge/types.js';
import type { AgentVerb, CaseEvent, CaseRequester, CaseStatus, SupportCase } from './types.js';

/** The result of one transition: the new case and what to record in its log. */
export interface CaseChange {
  case: SupportCase;
  event: CaseEvent;
}

/** Everything a finished inquiry hands over when it becomes a case. */
export interface CaseOpening {
  id: string;
  requester: CaseRequester;
  lang: Lang;
  intent: string;
  route: string;
  /** True when the topic concerns an account or money: agents verify the requester first. */
  verify: boolean;
  details: SupportCase['details'];
  summary: string;
  answersTried: string[];
  transcript: SupportCase['transcript'];
  files: SupportCase['files'];
  dueAt: Date;
  peak: boolean;
}

/** Opens a case from a finished inquiry: open, unassigned, with its 'opened' event by the requester. */
export function openCase(o: CaseOpening, now: Date): CaseChange {
  const at = now.toISOString();
  const c = newCase({
    id: o.id,
    requester: { ...o.requester },
    lang: o.lang,
    intent: o.intent,
    route: o.route,
    createdAt: at,
    dueAt: o.dueAt.toISOString(),
    verification: o.verify ? 'pending' : 'not_required',
    details: { ...o.details },
    summary: o.summary,
    answersTried: [...o.answersTried],
    transcript: [...o.transcript],
    files: [...o.files],
    peak: o.peak,
  });
  return { case: c, event: caseEvent(c.id, at, userActor(c), 'opened', { intent: c.intent, route: c.route }) };
}

/** Why an agent action was refused. */
export type RefusalReason = 'invalid_transition';

/** Which statuses each agent verb can start from. */
const ALLOWED_FROM: Record<AgentVerb, CaseStatus[]> = {
  claim: ['open', 'claimed'],
  reply: ['open', 'claimed', 'resolved'],
  verify: ['open', 'claimed', 'resolved'],
  resolve: ['open', 'claimed'],
  reopen: ['resolved', 'closed'],
  close: ['open', 'claimed', 'resolved'],
  suggest: ['open', 'claimed', 'resolved', 'closed'],
};

/** How many suggested answers a case keeps (the latest). */
const SUGGESTIONS_KEPT = 5;

/** Who closed a closed case, in words for agents ("the user (rating)", "agent kim", "automatically"); '' while it is not closed. */
export function closedByLabel(c: SupportCase): string {
  if (c.status !== 'closed') return '';
  if (c.closedBy === 'user') return c.rating !== null ? "closed by the user's rating" : 'closed by the user';
  if (c.closedBy === 'system') return 'closed automatically (no feedback)';
  if (c.closedBy?.startsWith('agent:')) return `closed by ${c.closedBy.slice('agent:'.length)}`;
  return 'closed';
}

/** Whether the lifecycle accepts `verb` on the case now. */
export function canApply(c: SupportCase, verb: AgentVerb): boolean {
  return ALLOWED_FROM[verb].includes(c.status) && (verb !== 'verify' || c.verification === 'pending');
}

/** The verbs a case card offers as buttons, in their order on the card (agents reply in the card's thread). */
export const CARD_VERBS = ['claim', 'verify', 'resolve', 'reopen', 'close'] as const satisfies readonly AgentVerb[];

/** A verb a case card has a button for. */
export type CardVerb = (typeof CARD_VERBS)[number];

/** The buttons a case's card shows on every platform: each card verb the lifecycle accepts now. */
export function cardVerbs(c: SupportCase): CardVerb[] {
  return CARD_VERBS.filter((v) => canApply(c, v));
}

/** Applies an agent's action to a case, or says why it cannot be applied. */
export function applyAgentVerb(
  c: SupportCase,
  verb: AgentVerb,
  agentId: string,
  now: Date,
  text?: string,
): CaseChange | { refused: RefusalReason } {
  if (!canApply(c, verb)) return { refused: 'invalid_transition' };
  const at = now.toISOString();
  const next: SupportCase = { ...c, updatedAt: at };
  switch (verb) {
    case 'claim':
      next.status = 'claimed';
      next.assignee = agentId;
      break;
    case 'reply':
      if (next.status === 'open') {
        next.status = 'claimed';
        next.assignee = agentId;
      }
      next.transcript = appendToTranscript(c.transcript, { at, from: 'agent', by: agentId, text: text ?? '' });
      next.firstReplyAt ??= at;
      break;
    case 'verify':
      next.verification = 'verified';
      break;
    case 'resolve':
      next.status = 'resolved';
      next.resolvedAt = at;
      next.assignee ??= agentId;
      break;
    case 'reopen':
      next.status = c.assignee ? 'claimed' : 'open';
      next.resolvedAt = null;
      next.closedAt = null;
      break;
    case 'close':
      next.status = 'closed';
      next.closedAt = at;
      next.closedBy = `agent:${agentId}`;
      break;
    case 'suggest':
      next.suggestions = [...(c.suggestions ?? []), { at, by: agentId, text: text ?? '' }].slice(-SUGGESTIONS_KEPT);
      break;
  }
  // The first agent reply is marked in the log: the case's first response time is measured to it.
  const first = verb === 'reply' && !c.firstReplyAt ? { first: true } : {};
  return { case: next, event: caseEvent(c.id, at, { kind: 'agent', id: agentId }, verb, text === undefined ? undefined : { text, ...first }) };
}

/** The user's answer to "is it solved?": solved moves towards rating, not solved reopens the case. */
export function applyUserSolved(c: SupportCase, solved: boolean, now: Date): CaseChange {
  const at = now.toISOString();
  if (solved) return { case: { ...c, updatedAt: at }, event: caseEvent(c.id, at, userActor(c), 'confirmed_solved') };
  const reopened: SupportCase = { ...c, status: c.assignee ? 'claimed' : 'open', resolvedAt: null, updatedAt: at };
  return { case: reopened, event: caseEvent(c.id, at, userActor(c), 'not_solved_reopened') };
}

/** Records the user's 1-5 rating. */
export function applyRating(c: SupportCase, rating: number, now: Date): CaseChange {
  const at = now.toISOString();
  return { case: { ...c, rating, updatedAt: at }, event: caseEvent(c.id, at, userActor(c), 'rated', { rating }) };
}

/** Closes a case after the user's feedback (with an optional comment). */
export function applyFeedbackClose(c: SupportCase, comment: string | null, now: Date): CaseChange {
  const at = now.toISOString();
  return {
    case: { ...c, status: 'closed', closedAt: at, closedBy: 'user', ratingComment: comment, updatedAt: at },
    event: caseEvent(c.id, at, userActor(c), 'closed_after_feedback', comment ? { comment } : undefined),
  };
}

/** Closes a case the user withdrew ("cancel" while it was open). */
export function applyWithdraw(c: SupportCase, now: Date): CaseChange {
  const at = now.toISOString();
  return { case: { ...c, status: 'closed', closedAt: at, closedBy: 'user', updatedAt: at }, event: caseEvent(c.id, at, userActor(c), 'withdrawn') };
}

/** Appends a user's message to an open case's transcript. */
export function applyUserMessage(c: SupportCase, text: string, now: Date, files: SupportCase['files'] = []): CaseChange {
  const at = now.toISOString();
  return {
    case: {
      ...c,
      transcript: appendToTranscript(c.transcript, { at, from: 'user', by: c.requester.userId, text }),
      files: files.length ? [...c.files, ...files] : c.files,
      updatedAt: at,
    },
    event: caseEvent(c.id, at, userActor(c), 'user_message', files.length ? { text, files: files.length } : { text }),
  };
}

/** What the clock does to a case: an SLA reminder, an overdue flag, or auto-close after resolve. */
export type TimerOutcome = 'reminder' | 'overdue' | 'auto_close';

/** Decides which timer fires for a case at `now` (at most one per call; call again for the next). */
export function dueTimer(c: SupportCase, now: Date, opts: { reminderHours: number; autoCloseDays: number }): TimerOutcome | null {
  const t = now.getTime();
  if (c.status === 'resolved' && c.resolvedAt) {
    return t >= Date.parse(c.resolvedAt) + opts.autoCloseDays * 86_400_000 ? 'auto_close' : null;
  }
  if (c.status !== 'open' && c.status !== 'claimed') return null;
  const due = Date.parse(c.dueAt);
  if (t > due && !c.overdueAt) return 'overdue';
  if (c.status === 'open' && !c.reminderSentAt && !c.overdueAt && t >= due - opts.reminderHours * 3_600_000) return 'reminder';
  return null;
}

/** Applies a timer outcome to a case. */
export function applyTimer(c: SupportCase, outcome: TimerOutcome, now: Date): CaseChange {
  const at = now.toISOString();
  const next: SupportCase = { ...c, updatedAt: at };
  if (outcome === 'reminder') next.reminderSentAt = at;
  if (outcome === 'overdue') next.overdueAt = at;
  if (outcome === 'auto_close') {
    next.status = 'closed';
    next.closedAt = at;
    next.closedBy = 'system';
  }
  return { case: next, event: caseEvent(c.id, at, { kind: 'system', id: 'sla' }, outcome) };
}

/** Builds one log event. */
export function caseEvent(caseId: string, at: string, actor: CaseEvent['actor'], type: string, data?: Record<string, unknown>): CaseEvent {
  return data ? { caseId, at, actor, type, data } : { caseId, at, actor, type };
}

function userActor(c: SupportCase): CaseEvent['actor'] {
  return { kind: 'user', id: `${c.requester.channel}:${c.requester.userId}` };
}
