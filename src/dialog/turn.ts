/** One user turn's working set, shared by the phase handlers: the state so far and everything the turn produced. */
import type { CaseChange } from '../cases/lifecycle.js';
import { appendToTranscript } from '../cases/transcript.js';
import type { AgentMessage, Choice } from '../channels/contract.js';
import type { AnswerOutcome, ClosestIntent, ReviewReason, TurnAction } from '../insight/turn-log-entry.js';
import type { DetailName, Intent, Lang } from '../knowledge/types.js';
import { initialState, PHASE, withPhase, type DialogState, type Phase } from './state.js';
import { AGENTS_LANG, agentTexts, texts } from './texts.js';
import type { IntentCatalog, TurnContext, Understanding } from './understanding.js';

/** What the dialog needs from the outside world, injected so that it stays deterministic. */
export interface DialogEnv {
  catalog: IntentCatalog;
  now: Date;
  timeZone: string;
  /** A fresh, unguessable case ID. */
  newCaseId(): string;
  /** The due time of a case opened now, and whether now is a peak time. */
  dueFor(openedAt: Date): { dueAt: Date; peak: boolean };
  responseHours: number;
  /** An intent's answer with operator variables filled in. */
  answerOf(intent: Intent, lang: Lang): string;
  /** The other company's service a message is about, if any (see nlu/other-services.ts). */
  otherServiceIn(text: string): string | undefined;
  /** The agents' route of an intent (null topic → the default route). */
  routeOf(intent: Intent | undefined): string;
  /** Minimum confidence for treating a message in the middle of collecting as a question about something else. */
  digressionConfidence: number;
  /** Confidence under which a matched topic is listed in the review inbox as a low-confidence match. */
  lowConfidence: number;
  /** The language of agents' notices (default AGENTS_LANG). */
  agentsLang?: Lang;
}

/** How many of the matcher's closest intents the review inbox keeps with a message. */
const MAX_CLOSEST = 3;

/** A bot message to the user. */
export interface Reply {
  text: string;
  choices?: Choice[];
}

/** What a user turn did, for the turn log (the core adds who, where and when: src/insight/turn-log-entry.ts). */
export interface TurnReport {
  action: TurnAction;
  /** The agents' route of what the turn acted on: the case opened or relayed to, the answer settled, or the intent. */
  route: string;
  /** The case opened or relayed to. */
  caseId?: string;
  /** The earlier answer this turn settled (`outcome`), or that the case this turn opened followed. */
  answer?: { intent: string; at: string; outcome?: AnswerOutcome };
  /** Why the turn belongs in the review inbox, with the message (masked) and the matcher's closest intents. */
  review?: { reason: ReviewReason; text: string; closest: ClosestIntent[] };
}

/** Everything one user turn produced. */
export interface StepResult {
  state: DialogState;
  replies: Reply[];
  caseChanges: CaseChange[];
  agentMessages: AgentMessage[];
  /** The intent and confidence this turn acted on (null when it acted on none). */
  decided: { intent: string | null; confidence: number | null };
  report: TurnReport;
  /**
   * The conversation's continuation in private, when it must leave a public place (see privacy.ts): the core
   * moves it to the user's direct conversation; `state` and `replies` are then the public thread's.
   */
  private?: { /** The DM's state after the move; absent when only the replies go there (a status answer). */ state?: DialogState; replies: Reply[] };
}

/** What a phase handler leaves to the dispatcher: nothing, the message as a fresh start, or the turn again in the new phase. */
export type Next = 'done' | 'fresh' | 'again';

/** The working set of one turn: handlers replace `s` and append to the outputs. */
export interface Turn {
  readonly env: DialogEnv;
  readonly u: Understanding;
  readonly ctx: TurnContext;
  s: DialogState;
  readonly replies: Reply[];
  readonly caseChanges: CaseChange[];
  readonly agentMessages: AgentMessage[];
  decided: StepResult['decided'];
  /** Details this message added or changed. */
  taken: DetailName[];
  /** The turn log's view of the turn so far (its route is worked out at the end). */
  report: Omit<TurnReport, 'route'>;
  /**
   * Set when something private started in a public place, the replies from `from` on go to the DM: a form that
   * asks personal details (the conversation moves there), or the user's cases (only the answer goes there).
   */
  privateFrom?: { from: number; what: 'form' | 'status' };
}

/** A turn about to run on `state` (a copy: the caller's state is never changed). */
export function beginTurn(env: DialogEnv, state: DialogState, u: Understanding, ctx: TurnContext): Turn {
  const decided = u.shape === 'text' ? { intent: u.match.intent, confidence: u.match.confidence } : { intent: null, confidence: null };
  return { env, u, ctx, s: structuredClone(state), replies: [], caseChanges: [], agentMessages: [], decided, taken: [], report: { action: 'other' } };
}

/** Records what the turn did (the last call wins: a form that opens its case is 'case_opened'). */
export function act(t: Turn, action: TurnAction, caseId?: string): void {
  t.report.action = action;
  if (caseId) t.report.caseId = caseId;
}

/** Records that this turn settled the answer given before: solved, not solved, or the user moved on. */
export function settleAnswer(t: Turn, outcome: AnswerOutcome): void {
  const given = t.s.lastAnswer;
  if (!given) return;
  t.report.answer = { intent: given.intent, at: given.at, outcome };
  if (outcome === 'not_solved') t.report.review = { reason: 'not_solved', text: given.question, closest: given.closest };
}

/** The matcher's closest intents for this turn's message, for the review inbox. */
export function closestOf(t: Turn): ClosestIntent[] {
  return t.u.match.ranked.slice(0, MAX_CLOSEST).map((r) => ({ intent: r.intent, score: Math.round(r.confidence * 1000) / 1000 }));
}

/** The user's latest text message in this conversation (masked), e.g. the one a "none of these" is about. */
export function lastUserText(t: Turn): string {
  for (let i = t.s.transcript.length - 1; i >= 0; i--) if (t.s.transcript[i].from === 'user') return t.s.transcript[i].text;
  return '';
}

/** The user's texts in the conversation's language. */
export function userTexts(t: Turn) {
  return texts(t.s.lang);
}

/** The texts of agents' notices. */
export function noticeTexts(t: Turn) {
  return agentTexts(t.env.agentsLang ?? AGENTS_LANG);
}

/** The intent being worked on, if it is still in the catalog. */
export function topicOf(t: Turn): Intent | undefined {
  return t.s.topic ? t.env.catalog.byId(t.s.topic) : undefined;
}

/** Sends the user a message, remembering it and its choices (a typed number selects one next turn). */
export function say(t: Turn, text: string, choices?: Choice[]): void {
  t.replies.push(choices ? { text, choices } : { text });
  t.s.offered = choices ?? [];
  remember(t, 'bot', 'bot', text);
}

/** Adds a line to the conversation's transcript. */
export function remember(t: Turn, from: 'user' | 'bot', by: string, text: string): void {
  if (!text) return;
  t.s.transcript = appendToTranscript(t.s.transcript, { at: t.env.now.toISOString(), from, by, text });
}

/** Moves the conversation into another phase. */
export function enter(t: Turn, next: Phase): void {
  t.s = withPhase(t.s, next);
}

/** Forgets the current problem (solved, cancelled, or closed) but keeps who and where. */
export function forgetProblem(t: Turn): void {
  const { lastAnswer: _forgotten, ...kept } = withPhase(t.s, PHASE.idle());
  t.s = { ...kept, topic: null, answersTried: [], slots: {}, summary: '', files: [] };
}

/** Starts the conversation over after a case ended (the relay budget goes with the case). */
export function reset(t: Turn): void {
  const s = t.s;
  t.s = { ...initialState(s.channel, s.conversationId, s.userId, s.lang), userName: s.userName, offered: s.offered, ...(s.parked?.length ? { parked: s.parked } : {}) };
}
