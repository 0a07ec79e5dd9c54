/** Messages that start something: a topic to answer, smalltalk, a request for a human, out of scope, and what follows an answer. */
import type { Choice } from '../channels/contract.js';
import type { Intent } from '../knowledge/types.js';
import { isCancel } from '../nlu/details/index.js';
import { OOS } from '../nlu/matcher.js';
import { isPlainNo, parseYesNo } from '../nlu/yes-no.js';
import { CHOICE, solvedChoices, topicChoice, topicOfChoice } from './choices.js';
import { isOtherTopic, SELF_HELP_KINDS, startForm } from './form.js';
import { PHASE, type StateIn } from './state.js';
import { status } from './status.js';
import { CLOSING_SMALLTALK, SYSTEM_INTENT } from './system-intents.js';
import type { ClosestIntent } from '../insight/turn-log-entry.js';
import { act, closestOf, enter, forgetProblem, lastUserText, say, settleAnswer, topicOf, userTexts, type Next, type Turn } from './turn.js';

/** Closest topics offered after a message out of scope. */
const MAX_CLOSEST = 3;
/** Out-of-scope messages in a row after which a human is offered. */
const MISSES_BEFORE_HUMAN = 2;

/** A message that starts something new: status, a topic, smalltalk, out of scope. */
export function fresh(t: Turn, choice: string | undefined): void {
  // Waiting for the problem after "talk to a human" lasts as long as the conversation stays idle.
  const wantsHuman = t.s.phase === 'idle' && t.s.wantsHuman;
  const clarified = t.s.phase === 'clarifying' ? t.s.closest : undefined;
  enter(t, PHASE.idle(wantsHuman));
  const { u } = t;
  if (choice === CHOICE.agent) return agentRequest(t);
  if (choice === CHOICE.noAgent) return say(t, userTexts(t).okNoHuman);
  const picked = topicOfChoice(choice);
  if (picked !== undefined) return topic(t, picked, 1, clarified);
  if (u.shape !== 'text') return say(t, userTexts(t).noWords);
  if (u.caseIdMention || u.match.intent === SYSTEM_INTENT.caseStatus) return status(t);
  if (isCancel(u.text)) return say(t, userTexts(t).nothingToCancel);
  if (wantsHuman) {
    // The message after "talk to a human" names the problem: collect for its topic when it has one.
    const intent = u.match.intent !== OOS ? t.env.catalog.byId(u.match.intent) : undefined;
    t.s.summary ||= u.text;
    return startForm(t, intent && SELF_HELP_KINDS.has(intent.kind) ? intent : undefined);
  }
  const otherService = t.env.otherServiceIn(u.text);
  if (otherService) return aboutOtherService(t, otherService);
  if (u.match.intent === OOS) return outOfScope(t);
  const senses = subjectSenses(t);
  if (senses) return clarify(t, senses);
  if (u.match.ambiguous || tooVagueToOpenACase(t)) return clarify(t);
  topic(t, u.match.intent, u.match.confidence);
}

/** A word whose examples are this much one intent's means that intent ("푸시", "환불"), not a subject. */
const DOMINANT_SENSE = 0.7;
/** Intents using a word in fewer than this share of its examples are not what people mean by it. */
const MINOR_SENSE = 0.1;
/** How many topics a one-word clarification offers (then "none of these"). */
const MAX_SENSES = 3;

/**
 * The topics a one-word message most likely means, when it names a subject several topics share ("로그인": password
 * reset, Find ID, a hacked account): the intents whose examples use the word most, or undefined when one dominates.
 */
function subjectSenses(t: Turn): ClosestIntent[] | undefined {
  const senses = (t.u.match.senses ?? []).filter((s) => s.confidence >= MINOR_SENSE && SELF_HELP_KINDS.has(t.env.catalog.byId(s.intent)?.kind ?? ''));
  if (senses.length < 2 || senses[0].confidence >= DOMINANT_SENSE) return undefined;
  return senses.slice(0, MAX_SENSES).map((s) => ({ intent: s.intent, score: Math.round(s.confidence * 1000) / 1000 }));
}

/**
 * One word ("로그인", "login", "환불") is too little to start collecting a case on a guess: a handoff topic opens
 * one straight away, so the user picks the topic first.
 */
function tooVagueToOpenACase(t: Turn): boolean {
  const intent = t.env.catalog.byId(t.u.match.intent);
  return intent?.kind === 'handoff' && (t.u.text.match(/[\p{L}\p{N}]+/gu) ?? []).length === 1;
}

/**
 * Acts on a topic: system intents, smalltalk, an answer to try, or a form for a handoff topic. `clarified`: the
 * closest intents of the message a picked topic clarified.
 */
function topic(t: Turn, intentId: string, confidence: number, clarified?: ClosestIntent[]): void {
  const intent = t.env.catalog.byId(intentId);
  if (!intent) return outOfScope(t);
  const s = t.s;
  t.decided = { intent: intent.id, confidence };
  s.misses = 0;
  if (intent.id === SYSTEM_INTENT.agentRequest) return agentRequest(t);
  if (intent.id === SYSTEM_INTENT.caseStatus) return status(t);
  if (intent.kind === 'smalltalk' || intent.kind === 'system') {
    if (CLOSING_SMALLTALK.has(intent.id)) forgetProblem(t);
    act(t, 'smalltalk');
    return say(t, t.env.answerOf(intent, t.s.lang));
  }
  if (s.topic !== intent.id) {
    s.topic = intent.id;
    // A topic picked from a clarification is about the message that was clarified ("메일").
    s.summary ||= t.u.shape === 'text' ? t.u.text : lastUserText(t);
  }
  const typed = t.u.shape === 'text';
  if (typed && confidence < t.env.lowConfidence) t.report.review = { reason: 'low_confidence', text: t.u.text, closest: closestOf(t) };
  const answer = t.env.answerOf(intent, s.lang);
  if (intent.kind === 'handoff') {
    say(t, answer);
    return startForm(t, intent);
  }
  act(t, 'answered');
  t.s.lastAnswer = { at: t.env.now.toISOString(), intent: intent.id, question: typed ? t.u.text : lastUserText(t), closest: typed ? closestOf(t) : (clarified ?? []) };
  enter(t, PHASE.answered());
  // One post per turn: "did this help?" and its buttons come with the answer (one notification, not two).
  say(t, `${answer.trimEnd()}\n\n${userTexts(t).askSolved}`, solvedChoices(userTexts(t)));
}

/** Says honestly that the bot cannot help, offering the closest topics; `noneOfThese`: the closest intents of a clarified message. */
function outOfScope(t: Turn, noneOfThese?: ClosestIntent[]): void {
  const { s, u } = t;
  const tx = userTexts(t);
  act(t, 'out_of_scope');
  if (noneOfThese) t.report.review = { reason: 'none_of_these', text: lastUserText(t), closest: noneOfThese };
  else if (u.shape === 'text') t.report.review = { reason: 'out_of_scope', text: u.text, closest: closestOf(t) };
  s.misses += 1;
  t.decided = { intent: OOS, confidence: u.match.confidence };
  // After "none of these", the topics just offered are not offered again, and a human always is.
  const offered = new Set(s.offered.map((c) => topicOfChoice(c.value)));
  const candidates = noneOfThese ? noneOfThese.map((c) => c.intent).filter((id) => !offered.has(id)) : u.match.ranked.map((r) => r.intent);
  const closest = candidates
    .map((id) => t.env.catalog.byId(id))
    .filter((i): i is Intent => !!i && SELF_HELP_KINDS.has(i.kind))
    .slice(0, MAX_CLOSEST);
  const offerHuman = noneOfThese !== undefined || s.misses >= MISSES_BEFORE_HUMAN;
  const choices: Choice[] = closest.map((i) => ({ value: topicChoice(i.id), label: i.title[s.lang] }));
  if (offerHuman) choices.push({ value: CHOICE.agent, label: tx.connectHuman });
  const lines = [noneOfThese ? tx.noneFits : tx.oos];
  if (closest.length) lines.push(tx.oosClosest);
  if (offerHuman) lines.push(tx.oosHuman);
  say(t, lines.join(' '), choices.length ? choices : undefined);
}

/** A question about another company's service: honestly out of scope, with where to ask (the review inbox lists it). */
function aboutOtherService(t: Turn, service: string): void {
  act(t, 'out_of_scope');
  t.report.review = { reason: 'out_of_scope', text: t.u.text, closest: closestOf(t) };
  t.decided = { intent: OOS, confidence: t.u.match.confidence };
  t.s.misses += 1;
  say(t, userTexts(t).otherService(service));
}

/** How many topics a clarification offers (then "none of these"). */
const CLARIFY_OPTIONS = 2;

/** Asks which topic was meant: the matcher's closest two, or the topics a one-word subject most often means (`senses`). */
function clarify(t: Turn, senses?: ClosestIntent[]): void {
  const options = (senses?.map((s) => s.intent) ?? t.u.match.ranked.slice(0, CLARIFY_OPTIONS).map((r) => r.intent))
    .map((id) => t.env.catalog.byId(id))
    .filter((i): i is Intent => !!i);
  enter(t, PHASE.clarifying(senses ?? closestOf(t)));
  act(t, 'clarified');
  const tx = userTexts(t);
  say(t, tx.clarify, [...options.map((i) => ({ value: topicChoice(i.id), label: i.title[t.s.lang] })), { value: CHOICE.none, label: tx.noneOfThese }]);
}

/** "Talk to a human": a form for the topic at hand, or a question about the problem first. */
function agentRequest(t: Turn): void {
  t.decided = { intent: SYSTEM_INTENT.agentRequest, confidence: t.decided.confidence ?? 1 };
  act(t, 'collecting');
  const current = topicOf(t);
  if (current && SELF_HELP_KINDS.has(current.kind)) return startForm(t, current);
  if (t.s.summary) return startForm(t, undefined);
  enter(t, PHASE.idle(true));
  say(t, userTexts(t).askProblem);
}

/** The clarifying phase: "neither" is out of scope (the closest topics are offered); a picked topic or anything else is fresh. */
export function clarifying(t: Turn, s: StateIn<'clarifying'>, choice: string | undefined): Next {
  if (choice !== CHOICE.none) return 'fresh';
  outOfScope(t, s.closest ?? []);
  return 'done';
}

/** How confident a match must be for a message with a "no" in it to count as a new question without asking. */
const CLEARLY_NEW_QUESTION = 0.7;
/** Below this, a message with a "no" in it is the answer "not solved" ("still broken"); between the two, the bot asks. */
const MAYBE_NEW_QUESTION = 0.6;

/** The answered phase: solved ends the problem, not solved collects details or offers a human; a new question or anything else is fresh. */
export function answered(t: Turn, _s: StateIn<'answered'>, choice: string | undefined): Next {
  const yn = choice === CHOICE.solved ? 'yes' : choice === CHOICE.notSolved ? 'no' : choice ? null : parseYesNo(t.u.text);
  // "쿠폰이 적용이 안돼요" after a Find-ID answer reads as a no, but it is a new question: answer that one. A plain
  // "no" ("아니요", "still broken") stays a no; a no that may also be another question is asked about.
  if (!choice && yn !== 'yes' && !isPlainNo(t.u.text) && isOtherTopic(t) && (yn !== 'no' || t.u.match.confidence >= MAYBE_NEW_QUESTION)) {
    if (yn !== 'no' || t.u.match.confidence >= CLEARLY_NEW_QUESTION) {
      settleAnswer(t, 'no_reply');
      return 'fresh';
    }
    const other = t.env.catalog.byId(t.u.match.intent) as Intent;
    const tx = userTexts(t);
    say(t, tx.newQuestionOrNotSolved, [
      { value: CHOICE.notSolved, label: tx.notSolved },
      { value: topicChoice(other.id), label: other.title[t.s.lang] },
    ]);
    return 'done';
  }
  if (yn === 'yes') {
    settleAnswer(t, 'solved');
    forgetProblem(t);
    say(t, userTexts(t).gladSolved);
    return 'done';
  }
  if (yn !== 'no') {
    settleAnswer(t, 'no_reply');
    return 'fresh';
  }
  settleAnswer(t, 'not_solved');
  const intent = topicOf(t);
  if (intent && !t.s.answersTried.includes(intent.id)) t.s.answersTried.push(intent.id);
  if (intent && intent.details.length > 0) {
    startForm(t, intent);
  } else {
    enter(t, PHASE.idle());
    const tx = userTexts(t);
    say(t, tx.notSolvedNoDetails, [
      { value: CHOICE.agent, label: tx.connectHuman },
      { value: CHOICE.noAgent, label: tx.noThanks },
    ]);
  }
  return 'done';
}
