/**
 * The user's cases besides the one the conversation is on. A case is parked when the user starts a new inquiry
 * while it is open: it stays open, its agent's messages still come to the conversation tagged with its id, and
 * messages written to it (InboundMessage.caseId: a reply in its thread, `/case ID`) or its own solved / not solved
 * buttons reach it in whatever phase the conversation is.
 */
import { applyFeedbackClose, applyUserSolved, applyWithdraw } from '../cases/lifecycle.js';
import { isCancel } from '../nlu/details/index.js';
import type { SupportCase } from '../cases/types.js';
import { caseSolvedOfChoice } from './choices.js';
import { relay } from './handoff.js';
import type { DialogState } from './state.js';
import { act, noticeTexts, reset, say, userTexts, type Turn } from './turn.js';

/** Parks the conversation's case and starts a new inquiry: the case keeps its agent. */
export function parkForNewInquiry(t: Turn, caseId: string): void {
  const tx = userTexts(t);
  const parked = [...(t.s.parked ?? []).filter((id) => id !== caseId), caseId];
  reset(t);
  t.s.parked = parked;
  act(t, 'other');
  say(t, tx.parkedForNew(caseId, tx.writeToCase(t.s.channel, caseId)));
}

/** A conversation without a case among its parked ones (closed, withdrawn). */
export function withoutParked(s: DialogState, caseId: string): DialogState {
  return s.parked?.includes(caseId) ? { ...s, parked: s.parked.filter((id) => id !== caseId) } : s;
}

/**
 * Handles a message written to a case other than the conversation's own: relayed to it, or its solved / not
 * solved answered. Returns false when the message is not written to such a case (the phases handle it).
 */
export function toOtherCase(t: Turn, choice: string | undefined): boolean {
  const id = t.u.addressedTo;
  if (!id) return false;
  const c = t.ctx.addressedCase;
  const tx = userTexts(t);
  if (!c) {
    act(t, 'other');
    say(t, tx.notYourOpenCase(id));
    return true;
  }
  if (c.id === t.s.caseId) return false;
  const answer = caseSolvedOfChoice(choice);
  if (answer) {
    answerAboutCase(t, c, answer.solved);
    return true;
  }
  if (t.u.shape === 'text' && isCancel(t.u.text)) {
    withdraw(t, c);
    return true;
  }
  if (t.u.shape !== 'text' && t.u.files.length === 0) {
    say(t, tx.stillWithAgent(c.id));
    return true;
  }
  relay(t, c);
  say(t, tx.sentToCase(c.id));
  return true;
}

/** "취소" written to a parked case withdraws it, as it does the conversation's own. */
function withdraw(t: Turn, c: SupportCase): void {
  const change = applyWithdraw(c, t.env.now);
  t.caseChanges.push(change);
  t.agentMessages.push({ kind: 'notice', caseId: c.id, text: noticeTexts(t).withdrawn(c.id), status: 'closed' });
  t.agentMessages.push({ kind: 'card', case: change.case, update: true });
  t.s = withoutParked(t.s, c.id);
  act(t, 'other');
  say(t, userTexts(t).withdrawn(c.id));
}

/** The user's solved / not solved about a resolved case that is not the conversation's: closed with thanks, or reopened. */
function answerAboutCase(t: Turn, c: SupportCase, solved: boolean): void {
  const tx = userTexts(t);
  act(t, 'other');
  if (c.status !== 'resolved') return say(t, tx.stillWithAgent(c.id));
  if (solved) {
    const confirmed = applyUserSolved(c, true, t.env.now);
    const closed = applyFeedbackClose(confirmed.case, null, t.env.now);
    t.caseChanges.push(confirmed, closed);
    t.agentMessages.push({ kind: 'notice', caseId: c.id, text: noticeTexts(t).confirmedSolved(c.id), status: 'closed' });
    t.agentMessages.push({ kind: 'card', case: closed.case, update: true });
    t.s = withoutParked(t.s, c.id);
    return say(t, tx.closedThanks(c.id));
  }
  const reopened = applyUserSolved(c, false, t.env.now);
  t.caseChanges.push(reopened);
  t.agentMessages.push({ kind: 'notice', caseId: c.id, text: noticeTexts(t).notSolved(c.id), status: reopened.case.status });
  t.agentMessages.push({ kind: 'card', case: reopened.case, update: true });
  say(t, tx.reopened(c.id));
}
