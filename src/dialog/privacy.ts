/**
 * Personal details are never asked in public: a form that needs an identity check or the person's account id or
 * order number, started in a channel's thread, goes on in the user's direct conversation with the bot. The dialog
 * marks where the private part of the turn starts; the core opens the DM and moves the conversation there.
 */
import type { DetailName, Intent } from '../knowledge/types.js';
import { forgetProblem, say, userTexts, type Reply, type StepResult, type Turn } from './turn.js';
import type { DialogState } from './state.js';

/** Details that say who the person is. */
const IDENTIFYING: ReadonlySet<DetailName> = new Set(['account_id', 'order_ref']);

/** True when a topic's form asks who the person is, or its case needs an identity check. */
export function needsPrivacy(topic: Intent | undefined): boolean {
  return !!topic && (topic.verify === true || (topic.details ?? []).some((d) => IDENTIFYING.has(d)));
}

/** Marks that the rest of this turn is private when a form for `topic` starts in a public place. */
export function keepPrivateFromHere(t: Turn, topic: Intent | undefined): void {
  if (t.ctx.inPublic && t.privateFrom === undefined && needsPrivacy(topic)) t.privateFrom = { from: t.replies.length, what: 'form' };
}

/** Marks that the answer about the user's cases, about to be given in a public place, goes to the DM instead. */
export function keepStatusPrivate(t: Turn): void {
  if (t.ctx.inPublic && t.privateFrom === undefined) t.privateFrom = { from: t.replies.length, what: 'status' };
}

/**
 * Splits a turn marked private. A form: the DM gets the form and its replies, the public thread forgets the problem.
 * A status answer: the DM gets the answer alone. Either way the public thread is told where it went.
 */
export function splitPrivate(t: Turn, mark: NonNullable<Turn['privateFrom']>): { state: DialogState; replies: Reply[]; private: NonNullable<StepResult['private']> } {
  const tx = userTexts(t);
  const replies = t.replies.splice(mark.from);
  if (mark.what === 'status') {
    say(t, tx.statusInDirect);
    return { state: t.s, replies: t.replies, private: { replies: [{ text: tx.statusFromPublic }, ...replies] } };
  }
  const inPrivate = { state: structuredClone(t.s), replies: [{ text: tx.continuedInDirect }, ...replies] };
  forgetProblem(t);
  say(t, tx.movedToDirect);
  return { state: t.s, replies: t.replies, private: inPrivate };
}
