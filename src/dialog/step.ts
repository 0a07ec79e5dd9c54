/**
 * The dialog engine for user turns: pure (state + understood message → new state, replies, case changes).
 * Commands and message shapes are checked first; then the conversation's phase handles the message, one handler
 * per phase (PHASES). A handler can hand the message back as a fresh start, or ask for the turn again.
 */
import { COMMAND_CHOICES } from '../channels/contract.js';
import { answersErrorQuestion, collecting, confirming, takeDetails } from './form.js';
import { feedback, handedOff } from './handoff.js';
import { MAX_MESSAGE_CHARS } from './limits.js';
import type { DialogState, PhaseName, StateIn } from './state.js';
import { parkForNewInquiry, toOtherCase } from './other-cases.js';
import { splitPrivate } from './privacy.js';
import { status } from './status.js';
import { answered, clarifying, fresh } from './topics.js';
import { act, beginTurn, remember, reset, say, settleAnswer, userTexts, type DialogEnv, type Next, type StepResult, type Turn } from './turn.js';
import type { TurnContext, Understanding } from './understanding.js';

export { MAX_INPUT_CHARS, MAX_MESSAGE_CHARS } from './limits.js';
export type { DialogEnv, Reply, StepResult, TurnReport } from './turn.js';

/** How one phase takes a message. */
interface PhaseHandler<P extends PhaseName> {
  /** True when the phase takes every message as it comes (during a case, everything goes to the agent). */
  raw: boolean;
  handle(t: Turn, s: StateIn<P>, choice: string | undefined): Next | void;
}

/** One handler per phase. */
const PHASES: { [P in PhaseName]: PhaseHandler<P> } = {
  idle: { raw: false, handle: () => 'fresh' },
  answered: { raw: false, handle: answered },
  clarifying: { raw: false, handle: clarifying },
  collecting: { raw: false, handle: collecting },
  confirming: { raw: false, handle: confirming },
  handed_off: { raw: true, handle: handedOff },
  feedback: { raw: true, handle: feedback },
};

/** Runs one user turn through the dialog. */
export function step(env: DialogEnv, state: DialogState, u: Understanding, ctx: TurnContext = {}): StepResult {
  const t = beginTurn(env, state, u, ctx);
  // An error message is pasted as the system shows it, often in English: it never changes the conversation's language.
  if (!answersErrorQuestion(t)) t.s.lang = u.lang;
  if (u.shape === 'text' || u.shape === 'too_long') remember(t, 'user', t.s.userId, u.text);
  if (u.sensitive.length > 0) say(t, userTexts(t).sensitiveWarning);
  route(t, typedChoice(t));
  const report = { ...t.report, route: reportRoute(t) };
  const split = t.privateFrom && splitPrivate(t, t.privateFrom);
  const done = { caseChanges: t.caseChanges, agentMessages: t.agentMessages, decided: t.decided, report };
  return split ? { ...done, ...split } : { ...done, state: t.s, replies: t.replies };
}

/** The route of what the turn acted on: the case it opened or relayed to, the answer it settled, else its intent. */
function reportRoute(t: Turn): string {
  const { caseId, answer } = t.report;
  const c = caseId ? (t.caseChanges.filter((ch) => ch.case.id === caseId).at(-1)?.case ?? t.ctx.activeCase) : undefined;
  if (c) return c.route;
  const settled = answer?.outcome === 'solved' || answer?.outcome === 'not_solved' ? answer.intent : t.decided.intent;
  return t.env.routeOf(settled ? t.env.catalog.byId(settled) : undefined);
}

/** The pressed choice, or the offered choice a typed number ("2") selects, as pressing it would. */
function typedChoice(t: Turn): string | undefined {
  if (t.u.choice !== undefined) return t.u.choice;
  const m = /^\s*([1-9])\s*[.)번]?\s*$/.exec(t.u.text);
  // A number that names a shown choice picks it, also while collecting ("1" is 건너뛰기 when that is choice 1);
  // one past the choices is an answer ("5" for a version), read by the question's own format.
  return m ? t.s.offered[Number(m[1]) - 1]?.value : undefined;
}

function route(t: Turn, choice: string | undefined): void {
  const { u } = t;
  const tx = userTexts(t);
  if (choice === COMMAND_CHOICES.help) {
    act(t, 'smalltalk');
    return say(t, tx.help);
  }
  if (choice === COMMAND_CHOICES.status) return status(t);
  if (toOtherCase(t, choice)) return;
  // A new inquiry while a case is open parks the case: it keeps its agent, and the conversation starts over.
  if (choice === COMMAND_CHOICES.newInquiry && t.s.caseId) return parkForNewInquiry(t, t.s.caseId);
  if (PHASES[t.s.phase].raw) {
    if (handle(t, choice) === 'again') route(t, choice);
    return;
  }
  if (choice === COMMAND_CHOICES.newInquiry) {
    if (t.s.phase === 'answered') settleAnswer(t, 'no_reply');
    reset(t);
    return say(t, tx.newInquiry);
  }
  if (u.shape === 'empty' && u.files.length === 0) return say(t, tx.empty);
  if (u.shape === 'no_words') return say(t, tx.noWords);
  if (u.shape === 'too_long') return say(t, tx.tooLong(MAX_MESSAGE_CHARS));
  if (u.files.length) t.s.files = [...t.s.files, ...u.files];
  if (u.shape === 'text') takeDetails(t);
  const next = handle(t, choice);
  if (next === 'fresh') fresh(t, choice);
  else if (next === 'again') route(t, choice);
}

/** Runs the current phase's handler on the message. */
function handle(t: Turn, choice: string | undefined): Next | void {
  const handler = PHASES[t.s.phase] as PhaseHandler<PhaseName>;
  return handler.handle(t, t.s as StateIn<PhaseName>, choice);
}
