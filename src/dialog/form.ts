/**
 * The form that fills a case before it opens (Rasa forms): the topic's `details` are the slots, asked one at a time
 * until none is missing, then confirmed. Every message inside the form goes through one list of rules, in order:
 * the unhappy paths (cancel, skip, a status question, a digression, a correction) are rules like the answer itself.
 */
import type { Choice } from '../channels/contract.js';
import type { DetailName, Intent } from '../knowledge/types.js';
import { extractAnswer, extractDetails, isCancel, isDontKnow, type Extraction } from '../nlu/details/index.js';
import { OOS } from '../nlu/matcher.js';
import { parseYesNo } from '../nlu/yes-no.js';
import { CHOICE, detailOfEditChoice, editChoice, topicChoice, topicOfChoice } from './choices.js';
import { openCaseFromForm } from './handoff.js';
import { keepPrivateFromHere } from './privacy.js';
import { PHASE, withPhase, type StateIn } from './state.js';
import { asksStatus, QUESTION_LIKE, status } from './status.js';
import { formatDetails, summaryLines } from './summary.js';
import { SYSTEM_INTENT } from './system-intents.js';
import { act, enter, forgetProblem, say, topicOf, userTexts, type Next, type Turn } from './turn.js';

/** Intent kinds a user can be helped with (answered, or collected for a case). */
export const SELF_HELP_KINDS: ReadonlySet<string> = new Set(['faq', 'diagnostic', 'handoff']);
// "네", "yes", "좋아요" open the case; "감사합니다" or "해결됐어요" answer something else and never open one.
const CONFIRM_WORD = /^(?:네|넵|예|응|ㅇㅇ|ㅇㅋ|오케이|좋아요|맞아요|맞습니다|yes|yep|yeah|sure|ok(?:ay)?|correct)(?![A-Za-z])/i;
/** Unusable answers to one question before the text is taken as it is. */
const MAX_FAILED_ASKS = 2;

/** The slots a topic's form fills: its details, in order (no topic: none, straight to the summary). */
export function requiredSlots(topic: Intent | undefined): readonly DetailName[] {
  return topic?.details ?? [];
}

/** Starts the form for `intent` (or for the topic at hand when undefined). */
export function startForm(t: Turn, intent: Intent | undefined): void {
  if (intent) t.s.topic = intent.id;
  keepPrivateFromHere(t, topicOf(t));
  act(t, 'collecting');
  if (nextSlot(t)) say(t, userTexts(t).collectIntro);
  askNext(t);
}

/** The first required slot still empty. */
function nextSlot(t: Turn): DetailName | undefined {
  return requiredSlots(topicOf(t)).find((d) => !t.s.slots[d]);
}

/** Asks for the next empty slot, or shows the summary when none is left. */
function askNext(t: Turn): void {
  const next = nextSlot(t);
  if (!next) return showSummary(t);
  enter(t, PHASE.collecting(next));
  say(t, userTexts(t).questions[next], skipChoices(t));
}

/** Goes on after the asked slot was filled: back to the summary after an edit, else the next question. */
function advance(t: Turn, f: StateIn<'collecting'>): void {
  if (f.editing) return showSummary(t);
  askNext(t);
}

/** Asks the current question again after a lead-in. */
function askAgain(t: Turn, f: StateIn<'collecting'>, leadIn: string): void {
  say(t, `${leadIn} ${userTexts(t).questions[f.asking]}`, skipChoices(t));
}

function skipChoices(t: Turn): Choice[] {
  return [{ value: CHOICE.skip, label: userTexts(t).skip }];
}

/** Drops the form and the problem: nothing is sent to agents. */
function cancelForm(t: Turn): void {
  act(t, 'other');
  forgetProblem(t);
  say(t, userTexts(t).cancelled);
}

/** True while the message answers the error-message question: pasted text, taken whole and as it is. */
export function answersErrorQuestion(t: Turn): boolean {
  return t.s.phase === 'collecting' && t.s.asking === 'error_message';
}

/** Merges every detail found in a text message, in any phase; a newer value corrects an older one. */
export function takeDetails(t: Turn): void {
  // A date, a version or an address inside a pasted error describes the error, not the user's situation: the
  // error message keeps them, and the form still asks for those details.
  if (answersErrorQuestion(t)) return;
  const found = extractDetails(t.u.text, { now: t.env.now, timeZone: t.env.timeZone });
  t.taken = (Object.keys(found) as DetailName[]).filter((n) => t.s.slots[n] !== found[n]);
  Object.assign(t.s.slots, found);
}

// ---- the rules of a message inside the form ------------------------------------

/** One message inside the form, as the rules see it. */
interface FormMessage {
  choice: string | undefined;
  /** The text, when the message is text. */
  text: string | undefined;
  /** The text read as an answer to the asked slot (computed on first use). */
  answer(): Extraction;
}

/** One path through the form: when it applies, and what it does. */
interface FormRule {
  name: string;
  applies(t: Turn, f: StateIn<'collecting'>, m: FormMessage): boolean;
  act(t: Turn, f: StateIn<'collecting'>, m: FormMessage): void;
}

const isCancelling = (m: FormMessage) => m.choice === CHOICE.cancel || (m.text !== undefined && isCancel(m.text));

/** The rules of the collecting phase, first match wins. */
const FORM_RULES: readonly FormRule[] = [
  { name: 'cancel', applies: (_t, _f, m) => isCancelling(m), act: (t) => cancelForm(t) },
  {
    name: 'skip',
    applies: (_t, _f, m) => m.choice === CHOICE.skip || (m.text !== undefined && isDontKnow(m.text)),
    act: (t, f) => {
      t.s.slots[f.asking] = 'unknown';
      say(t, userTexts(t).dontKnowNoted);
      advance(t, f);
    },
  },
  {
    name: 'go on',
    applies: (_t, _f, m) => m.choice === CHOICE.goOn,
    act: (t, f) => askAgain(t, f, userTexts(t).resume),
  },
  {
    name: 'not words',
    applies: (_t, _f, m) => m.text === undefined,
    act: (t, f) => askAgain(t, f, t.u.files.length ? userTexts(t).filesKept : userTexts(t).unusable),
  },
  {
    name: 'already given in this message',
    applies: (t, f, m) => !!t.s.slots[f.asking] && extractDetails(m.text ?? '', { now: t.env.now, timeZone: t.env.timeZone })[f.asking] !== undefined,
    act: (t, f) => advance(t, f),
  },
  {
    // A case id inside a usable answer (a URL, say) is part of the answer, not a status question.
    name: 'status question',
    applies: (t, _f, m) => asksStatus(t) && (!m.answer().ok || t.u.match.intent === SYSTEM_INTENT.caseStatus),
    act: (t, f) => {
      status(t);
      askAgain(t, f, userTexts(t).resume);
    },
  },
  {
    // A question about another topic (also how a topic change shows) is answered, never stored as the answer. A
    // question answered in full ("전화번호가 뭐예요?") lets the form go on; a problem that needs its own inquiry
    // ("결제가 두 번 됐어요") is offered as a switch, and typing the answer goes on too.
    name: 'digression',
    applies: (t, _f, m) => isDigression(t, m.answer().ok),
    act: (t, f) => {
      const other = answerDigression(t);
      const tx = userTexts(t);
      if (other.details.length === 0) return askAgain(t, f, tx.resume);
      say(t, tx.switchTopic(other.title[t.s.lang], tx.questions[f.asking]), [
        { value: topicChoice(other.id), label: tx.switchTo(other.title[t.s.lang]) },
        { value: CHOICE.goOn, label: tx.goOn },
        ...skipChoices(t),
      ]);
    },
  },
  {
    name: 'answer',
    applies: (_t, _f, m) => m.answer().ok,
    act: (t, f, m) => {
      const a = m.answer();
      if (a.ok) t.s.slots[f.asking] = a.value;
      advance(t, f);
    },
  },
  {
    // "아 iOS가 아니라 안드로이드예요" corrects another detail: noted, and not counted as an unusable answer.
    name: 'correction',
    applies: (t, f) => t.taken.some((n) => n !== f.asking),
    act: (t, f) => {
      const values = Object.fromEntries(t.taken.filter((n) => n !== f.asking).map((n) => [n, t.s.slots[n]]));
      askAgain(t, f, userTexts(t).noted(formatDetails(values, t.s.lang, t.env.timeZone).join(', ')));
    },
  },
  {
    name: 'unusable',
    applies: () => true,
    act: (t, f, m) => {
      f.failedAsks += 1;
      if (f.failedAsks < MAX_FAILED_ASKS) return askAgain(t, f, userTexts(t).unusable);
      // Asked twice: the words are kept as they are rather than asked a third time.
      t.s.slots[f.asking] = m.text ?? '';
      advance(t, f);
    },
  },
];

/** The collecting phase: a picked topic switches to it (the form is dropped); else the first rule that applies acts on the message. */
export function collecting(t: Turn, f: StateIn<'collecting'>, choice: string | undefined): Next | void {
  if (topicOfChoice(choice)) {
    // The details given so far stay: the new topic may need them too.
    t.s = { ...withPhase(t.s, PHASE.idle()), topic: null, answersTried: [] };
    return 'fresh';
  }
  const text = t.u.shape === 'text' ? t.u.text : undefined;
  let answer: Extraction | undefined;
  const m: FormMessage = {
    choice,
    text,
    answer: () => (answer ??= text === undefined ? ({ ok: false, reason: 'absent' } as const) : extractAnswer(f.asking, text, { now: t.env.now, timeZone: t.env.timeZone })),
  };
  const rule = FORM_RULES.find((r) => r.applies(t, f, m)) as FormRule;
  rule.act(t, f, m);
  if (rule.name !== 'cancel') act(t, 'collecting');
}

/** True when the message is a confident question about another self-help topic rather than the answer. */
function isDigression(t: Turn, answerUsable: boolean): boolean {
  return isOtherTopic(t) && (!answerUsable || QUESTION_LIKE.test(t.u.text));
}

/** True when the message confidently names a self-help topic other than the one at hand (a new question). */
export function isOtherTopic(t: Turn): boolean {
  const { u, s } = t;
  if (u.match.intent === OOS || u.match.ambiguous || u.match.intent === s.topic) return false;
  if (u.match.confidence < t.env.digressionConfidence) return false;
  const other = t.env.catalog.byId(u.match.intent);
  return !!other && SELF_HELP_KINDS.has(other.kind);
}

/** Answers the question about something else that interrupted the form; returns its intent. */
function answerDigression(t: Turn): Intent {
  const other = t.env.catalog.byId(t.u.match.intent) as Intent;
  t.decided = { intent: other.id, confidence: t.u.match.confidence };
  say(t, t.env.answerOf(other, t.s.lang));
  return other;
}

// ---- the summary ---------------------------------------------------------------

/** Shows what will be sent and asks to confirm, edit or cancel. */
export function showSummary(t: Turn): void {
  enter(t, PHASE.confirming());
  const tx = userTexts(t);
  const lines = [tx.confirmIntro, ...summaryLines(t.s.slots, topicOf(t), t.s.lang, t.env.timeZone), tx.confirmQuestion];
  say(t, lines.join('\n'), [
    { value: CHOICE.confirm, label: tx.confirm },
    { value: CHOICE.edit, label: tx.edit },
    { value: CHOICE.cancel, label: tx.cancel },
  ]);
}

/** The confirming phase: open the case, edit one detail, cancel, or answer a question and show the summary again. */
export function confirming(t: Turn, _s: StateIn<'confirming'>, choice: string | undefined): void {
  const u = t.u;
  const tx = userTexts(t);
  act(t, 'collecting');
  if (choice === CHOICE.cancel || (u.shape === 'text' && isCancel(u.text))) return cancelForm(t);
  if (choice === CHOICE.confirm || (!choice && parseYesNo(u.text) === 'yes' && CONFIRM_WORD.test(u.text.trim()))) return openCaseFromForm(t);
  if (choice === CHOICE.edit) {
    const names = [...new Set([...requiredSlots(topicOf(t)), ...(Object.keys(t.s.slots) as DetailName[])])];
    if (names.length === 0) return showSummary(t);
    return say(t, tx.whichEdit, names.map((n) => ({ value: editChoice(n), label: tx.labels[n] })));
  }
  const name = detailOfEditChoice(choice);
  if (name === null) return showSummary(t);
  if (name !== undefined) {
    enter(t, PHASE.collecting(name, true));
    return say(t, tx.questions[name], skipChoices(t));
  }
  // A question about something else is answered before the summary is shown again (a correction just updates it).
  if (!choice && t.taken.length === 0) {
    if (asksStatus(t)) status(t);
    else if (isDigression(t, false)) answerDigression(t);
  }
  showSummary(t);
}
