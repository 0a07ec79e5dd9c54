/**
 * What retention and `deskbot user forget` leave of a case and its events: pure rewrites every store applies the
 * same way. Each returns the record itself (the same object) when there is nothing to erase, as rewriters do.
 */
import type { CaseEvent, SupportCase } from '../cases/types.js';

/** Event data fields that hold what someone wrote. */
const TEXT_FIELDS = ['text', 'comment'] as const;

/** The event without what anyone wrote in it (message, reply, comment); its type, time, actor and counts stay. */
export function eventWithoutText(e: CaseEvent): CaseEvent {
  if (!e.data || !TEXT_FIELDS.some((f) => f in (e.data as object))) return e;
  const data = { ...e.data };
  for (const f of TEXT_FIELDS) delete data[f];
  return Object.keys(data).length > 0 ? { ...e, data } : withoutData(e);
}

/** Retention: a closed case without its transcript lines. */
export function caseWithoutTranscript(c: SupportCase): SupportCase {
  return c.transcript.length === 0 ? c : { ...c, transcript: [] };
}

/** True when a case was closed before `before` (ISO), so retention empties its transcript. */
export function closedBefore(c: SupportCase, before: string): boolean {
  return c.status === 'closed' && c.closedAt !== null && c.closedAt < before;
}

/** True when the case was opened by this person. */
export function requestedBy(c: SupportCase, channel: string, userId: string): boolean {
  return c.requester.channel === channel && c.requester.userId === userId;
}

/**
 * `user forget`: the case without the requester's words, files and ids: summary, transcript, details, files, rating
 * comment, name, user and conversation ids. Its topic, route, status, times and rating stay, so it is still counted.
 */
export function forgottenCase(c: SupportCase): SupportCase {
  return {
    ...c,
    requester: { channel: c.requester.channel, conversationId: '', userId: '' },
    summary: '',
    transcript: [],
    details: {},
    files: [],
    ratingComment: null,
  };
}

/** `user forget`: an event of a forgotten case without its text, and without the requester's id when they were its actor. */
export function forgottenEvent(e: CaseEvent): CaseEvent {
  const erased = eventWithoutText(e);
  return erased.actor.kind === 'user' && erased.actor.id !== '' ? { ...erased, actor: { kind: 'user', id: '' } } : erased;
}

/** True when a stored conversation state belongs to this person (states are the dialog's JSON: channel and userId on top). */
export function conversationOf(state: unknown, channel: string, userId: string): boolean {
  const s = state as { channel?: unknown; userId?: unknown } | null;
  return !!s && s.channel === channel && s.userId === userId;
}

function withoutData(e: CaseEvent): CaseEvent {
  const { data: _data, ...rest } = e;
  return rest;
}
