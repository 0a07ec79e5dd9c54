/** The dialog once a case is involved: opening it, relaying the user's messages, and the user's feedback. */
import { applyFeedbackClose, applyRating, applyUserMessage, applyUserSolved, applyWithdraw, openCase } from '../cases/lifecycle.js';
import type { SupportCase } from '../cases/types.js';
import { isCancel, isDontKnow } from '../nlu/details/index.js';
import { parseRating, parseYesNo } from '../nlu/yes-no.js';
import { CHOICE, rateChoice, RATINGS, ratingOfChoice, solvedChoices } from './choices.js';
import { MAX_INPUT_CHARS } from './limits.js';
import { decideRelay } from './relay-limit.js';
import { PHASE, type StateIn } from './state.js';
import { asksStatus, caseStatus, QUESTION_LIKE, status } from './status.js';
import { formatWhen, summaryLines } from './summary.js';
import { RESPONSE_TIME_INTENT, SYSTEM_INTENT } from './system-intents.js';
import { act, enter, lastUserText, noticeTexts, reset, say, topicOf, userTexts, type Next, type Turn } from './turn.js';
import { isOtherTopic } from './form.js';
import { COMMAND_CHOICES } from '../channels/contract.js';
import type { Intent } from '../knowledge/types.js';

// A "not solved" longer than this says more than no: it goes to the agent too.
const NOT_SOLVED_RELAY_MIN_CHARS = 13;

/** Opens the case the form filled, posts its card, and gives the user the receipt. */
export function openCaseFromForm(t: Turn): void {
  const { s, env } = t;
  const tx = userTexts(t);
  const topic = topicOf(t);
  const { dueAt, peak } = env.dueFor(env.now);
  const opening = openCase(
    {
      id: env.newCaseId(),
      requester: { channel: s.channel, conversationId: s.conversationId, userId: s.userId, name: s.userName },
      lang: s.lang,
      intent: topic?.id ?? SYSTEM_INTENT.agentRequest,
      route: env.routeOf(topic),
      verify: topic?.verify ?? false,
      details: s.slots,
      summary: s.summary,
      answersTried: s.answersTried,
      transcript: s.transcript,
      files: s.files,
      dueAt,
      peak,
    },
    env.now,
  );
  const c = opening.case;
  t.caseChanges.push(opening);
  act(t, 'case_opened', c.id);
  // The case followed the answer given for its topic (statistics: that answer did not serve the user by itself).
  if (s.lastAnswer && s.lastAnswer.intent === topic?.id) t.report.answer = { intent: s.lastAnswer.intent, at: s.lastAnswer.at };
  t.agentMessages.push({ kind: 'card', case: c, update: false });
  enter(t, PHASE.handedOff(c.id));
  const lines = [tx.receipt(c.id), ...summaryLines(s.slots, topic, s.lang, env.timeZone), tx.due(formatWhen(dueAt, s.lang, env.timeZone), env.responseHours)];
  if (peak) lines.push(tx.peak);
  if (c.verification === 'pending') lines.push(tx.verifyNote);
  lines.push(tx.afterReceipt);
  say(t, lines.join('\n'));
}

/** The handed-off phase: status questions are answered, "cancel" withdraws the case, anything else goes to the agent. */
export function handedOff(t: Turn, _s: StateIn<'handed_off'>, choice: string | undefined): Next {
  const { u } = t;
  const c = t.ctx.activeCase;
  if (!c || c.status === 'closed') {
    reset(t);
    return 'again';
  }
  if (asksStatus(t)) {
    status(t);
    return 'done';
  }
  const tx = userTexts(t);
  if (choice === CHOICE.cancel || (u.shape === 'text' && isCancel(u.text))) {
    const change = applyWithdraw(c, t.env.now);
    t.caseChanges.push(change);
    t.agentMessages.push({ kind: 'notice', caseId: c.id, text: noticeTexts(t).withdrawn(c.id), status: 'closed' });
    t.agentMessages.push({ kind: 'card', case: change.case, update: true });
    reset(t);
    say(t, tx.withdrawn(c.id));
    return 'done';
  }
  if (choice === CHOICE.relayLast && t.s.offered.some((c) => c.value === CHOICE.relayLast)) {
    // The question the bot answered beside the case goes to the agent after all (a stale button, pressed after
    // other messages, is not: the latest text would no longer be that question).
    relay(t, c, lastUserText(t));
    say(t, tx.sentToCase(c.id));
    return 'done';
  }
  if (t.u.match.intent === RESPONSE_TIME_INTENT && t.u.match.confidence >= CLEARLY_ANOTHER_QUESTION && QUESTION_LIKE.test(u.text)) {
    // "When will I hear back?" is about this case: its status says when it is due.
    caseStatus(t, c);
    return 'done';
  }
  if (isQuestionBesideCase(t, c)) {
    answerBesideCase(t, c);
    return 'done';
  }
  if (u.files.length === 0 && (u.shape === 'empty' || u.shape === 'choice')) {
    // A new inquiry or an old button pressed while the thread belongs to an agent: say where things stand.
    say(t, u.shape === 'empty' ? tx.empty : tx.stillWithAgent(c.id));
    return 'done';
  }
  relay(t, c);
  if (u.cut) say(t, tx.cutForAgent(MAX_INPUT_CHARS));
  return 'done';
}

/** Confidence at which a question about another topic, written while a case is open, is answered by the bot instead of relayed. */
const CLEARLY_ANOTHER_QUESTION = 0.7;

/** True when a message written while a case is open is clearly a question (not a remark) about another self-help topic. */
function isQuestionBesideCase(t: Turn, c: SupportCase): boolean {
  const { u } = t;
  return u.shape === 'text' && u.match.intent !== c.intent && isOtherTopic(t) && u.match.confidence >= CLEARLY_ANOTHER_QUESTION && QUESTION_LIKE.test(u.text);
}

/** Answers a question beside the open case, and offers to send it to the agent after all, or to start a new inquiry. */
function answerBesideCase(t: Turn, c: SupportCase): void {
  const other = t.env.catalog.byId(t.u.match.intent) as Intent;
  const tx = userTexts(t);
  t.decided = { intent: other.id, confidence: t.u.match.confidence };
  act(t, 'answered');
  say(t, `${t.env.answerOf(other, t.s.lang)}\n\n${tx.answeredBesideCase(c.id)}`, [
    { value: CHOICE.relayLast, label: tx.sendToAgent },
    { value: COMMAND_CHOICES.newInquiry, label: tx.newInquiryLabel },
  ]);
}

/** Saves the user's message (by default this turn's) to the case and passes it to the agents, within the relay limit. */
export function relay(t: Turn, c: SupportCase, message?: string): void {
  const u = t.u;
  const text = message ?? (u.cut ? `${u.text} […]` : u.text);
  act(t, 'relayed', c.id);
  t.caseChanges.push(applyUserMessage(c, text, t.env.now, u.files));
  // Everything is saved to the case; past the limit, agents get one line instead of every message.
  const decision = decideRelay(t.s.relayBudget, t.env.now);
  t.s.relayBudget = decision.budget;
  const from = t.s.userName ?? t.s.userId;
  if (!decision.relay) {
    if (!decision.first) return;
    t.agentMessages.push({ kind: 'notice', caseId: c.id, text: noticeTexts(t).flooding(from, c.id) });
    return say(t, userTexts(t).slowDown);
  }
  if (decision.held > 0) t.agentMessages.push({ kind: 'notice', caseId: c.id, text: noticeTexts(t).held(decision.held, from, c.id) });
  t.agentMessages.push({ kind: 'relay', caseId: c.id, from, text, files: u.files.length ? u.files : undefined });
}

/** The feedback phase after an agent resolved the case: solved? then a rating, then an optional comment. */
export function feedback(t: Turn, f: StateIn<'feedback'>, choice: string | undefined): Next {
  const c = t.ctx.activeCase;
  if (!c || c.status === 'closed') {
    reset(t);
    return 'again';
  }
  const text = t.u.shape === 'text' ? t.u.text : '';
  // "Cancel" works here too: no more questions, the case closes without a rating.
  if (choice === CHOICE.cancel || isCancel(text)) {
    closeWithFeedback(t, t.caseChanges.at(-1)?.case ?? c, null);
    return 'done';
  }
  FEEDBACK_STEPS[f.awaiting](t, c, choice, text);
  return 'done';
}

/** Closes the case with the user's feedback so far (and `comment`), tells its agents, and starts the conversation over. */
function closeWithFeedback(t: Turn, c: SupportCase, comment: string | null): void {
  const change = applyFeedbackClose(c, comment, t.env.now);
  t.caseChanges.push(change);
  t.agentMessages.push({ kind: 'notice', caseId: c.id, text: noticeTexts(t).feedback(c.id, change.case.rating, comment), status: 'closed' });
  t.agentMessages.push({ kind: 'card', case: change.case, update: true });
  reset(t);
  say(t, userTexts(t).closedThanks(c.id));
}

type FeedbackHandler = (t: Turn, c: SupportCase, choice: string | undefined, text: string) => void;

/** One handler per question of the feedback phase. */
const FEEDBACK_STEPS: Record<StateIn<'feedback'>['awaiting'], FeedbackHandler> = {
  solved(t, c, choice, text) {
    const tx = userTexts(t);
    const yn = choice === CHOICE.solved ? 'yes' : choice === CHOICE.notSolved ? 'no' : parseYesNo(text);
    if (yn === 'yes') {
      t.caseChanges.push(applyUserSolved(c, true, t.env.now));
      enter(t, PHASE.feedback(c.id, 'rating'));
      return askRating(t);
    }
    if (yn === 'no') {
      const change = applyUserSolved(c, false, t.env.now);
      t.caseChanges.push(change);
      t.agentMessages.push({ kind: 'notice', caseId: c.id, text: noticeTexts(t).notSolved(c.id), status: change.case.status });
      t.agentMessages.push({ kind: 'card', case: change.case, update: true });
      enter(t, PHASE.handedOff(c.id));
      if (text.length >= NOT_SOLVED_RELAY_MIN_CHARS) relay(t, change.case);
      return say(t, tx.reopened(c.id));
    }
    if (text) relay(t, c);
    say(t, tx.resolvedAsk(c.id), solvedChoices(tx));
  },
  rating(t, c, choice, text) {
    const rating = ratingOfChoice(choice) ?? parseRating(text);
    if (!rating || rating < 1 || rating > 5) return askRating(t);
    t.caseChanges.push(applyRating(c, rating, t.env.now));
    enter(t, PHASE.feedback(c.id, 'comment'));
    const tx = userTexts(t);
    say(t, tx.askComment, [{ value: CHOICE.skip, label: tx.skip }]);
  },
  comment(t, c, choice, text) {
    const comment = choice === CHOICE.skip || !text || isDontKnow(text) ? null : text;
    closeWithFeedback(t, t.caseChanges.at(-1)?.case ?? c, comment);
  },
};

function askRating(t: Turn): void {
  say(t, userTexts(t).askRating, RATINGS.map((n) => ({ value: rateChoice(n), label: '★'.repeat(n) })));
}
