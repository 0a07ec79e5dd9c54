/** The dialog engine for user turns: pure (state + understood message → new state, replies, case changes). */
import { applyFeedbackClose, applyRating, applyUserMessage, applyUserSolved, applyWithdraw, openCase, type CaseChange } from '../cases/lifecycle.js';
import type { SupportCase } from '../cases/types.js';
import { COMMAND_CHOICES, type AgentMessage, type Choice } from '../core/message.js';
import type { DetailName, Intent, Lang } from '../knowledge/types.js';
import { extractAnswer, extractDetails, isCancel, isDontKnow } from '../nlu/details/index.js';
import { parseRating, parseYesNo } from '../nlu/yes-no.js';
import { appendToTranscript } from '../cases/transcript.js';
import { OOS } from '../nlu/matcher.js';
import { CHOICE, detailOfEditChoice, editChoice, rateChoice, RATINGS, ratingOfChoice, topicChoice, topicOfChoice } from './choices.js';
import { decideRelay } from './relay-limit.js';
import { initialState, type DialogState } from './state.js';
import { CLOSING_SMALLTALK, SYSTEM_INTENT } from './system-intents.js';
import { formatCaseStatus, formatDetails, formatWhen } from './summary.js';
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
  /** The agents' route of an intent (null topic → the default route). */
  routeOf(intent: Intent | undefined): string;
  /** Minimum confidence for treating a message in the middle of collecting as a question about something else. */
  digressionConfidence: number;
  /** The language of agents' notices (default AGENTS_LANG). */
  agentsLang?: Lang;
}

/** A bot message to the user. */
export interface Reply {
  text: string;
  choices?: Choice[];
}

/** Everything one user turn produced. */
export interface StepResult {
  state: DialogState;
  replies: Reply[];
  caseChanges: CaseChange[];
  agentMessages: AgentMessage[];
  /** The intent and confidence this turn acted on (null when it acted on none). */
  decided: { intent: string | null; confidence: number | null };
}

const QUESTION_LIKE = /[?？]|뭐|무엇|어떻게|언제|어디|왜|얼마|나요|까요|\b(how|what|when|where|why|can|could|is|are|do|does)\b/i;
// "네", "yes", "좋아요" open the case; "감사합니다" or "해결됐어요" answer something else and never open one.
const CONFIRM_WORD = /^(?:네|넵|예|응|ㅇㅇ|ㅇㅋ|오케이|좋아요|맞아요|맞습니다|yes|yep|yeah|sure|ok(?:ay)?|correct)(?![A-Za-z])/i;
// A status command without a question mark ("진행 상황", "내 문의 상태 알려주세요") is short; longer text is for the agent.
const STATUS_COMMAND_MAX_CHARS = 30;
const SELF_HELP_KINDS = new Set(['faq', 'diagnostic', 'handoff']);
const MAX_CLOSEST = 3;

/** Runs one user turn through the dialog. */
export function step(env: DialogEnv, state: DialogState, u: Understanding, ctx: TurnContext = {}): StepResult {
  return new Turn(env, structuredClone(state), u, ctx).run();
}

/** One turn's working set; each handler mutates `s` and appends replies. */
class Turn {
  private readonly replies: Reply[] = [];
  private readonly caseChanges: CaseChange[] = [];
  private readonly agentMessages: AgentMessage[] = [];
  private decided: StepResult['decided'];
  /** Details this message added or changed. */
  private taken: DetailName[] = [];

  constructor(
    private readonly env: DialogEnv,
    private s: DialogState,
    private readonly u: Understanding,
    private readonly ctx: TurnContext,
  ) {
    this.decided = u.shape === 'text' ? { intent: u.match.intent, confidence: u.match.confidence } : { intent: null, confidence: null };
  }

  private get t() {
    return texts(this.s.lang);
  }

  /** The texts of agents' notices. */
  private get forAgents() {
    return agentTexts(this.env.agentsLang ?? AGENTS_LANG);
  }

  run(): StepResult {
    const u = this.u;
    this.s.lang = u.lang;
    if (u.shape === 'text' || u.shape === 'too_long') this.remember('user', this.s.userId, u.text);
    if (u.sensitive.length > 0) this.say(this.t.sensitiveWarning);
    const choice = this.resolveTypedChoice();
    this.route(choice);
    return {
      state: this.s,
      replies: this.replies,
      caseChanges: this.caseChanges,
      agentMessages: this.agentMessages,
      decided: this.decided,
    };
  }

  /** A typed number ("2") selects the second offered choice, as pressing it would. */
  private resolveTypedChoice(): string | undefined {
    if (this.u.choice !== undefined) return this.u.choice;
    const m = /^\s*([1-9])\s*[.)번]?\s*$/.exec(this.u.text);
    if (!m || this.s.phase === 'collecting') return undefined;
    return this.s.offered[Number(m[1]) - 1]?.value;
  }

  private route(choice: string | undefined): void {
    const { u, s } = this;
    if (choice === COMMAND_CHOICES.help) return this.say(this.t.help);
    if (choice === COMMAND_CHOICES.status) return this.status();
    if (s.phase === 'handed_off') return this.handedOff(choice);
    if (s.phase === 'feedback') return this.feedback(choice);
    if (choice === COMMAND_CHOICES.newInquiry) {
      this.reset();
      return this.say(this.t.newInquiry);
    }
    if (u.shape === 'empty' && u.files.length === 0) return this.say(this.t.empty);
    if (u.shape === 'no_words') return this.say(this.t.noWords);
    if (u.shape === 'too_long') return this.say(this.t.tooLong(MAX_MESSAGE_CHARS));
    if (u.files.length) s.files = [...s.files, ...u.files];
    if (u.shape === 'text') this.takeDetails();
    switch (s.phase) {
      case 'collecting':
        return this.collecting(choice);
      case 'confirming':
        return this.confirming(choice);
      case 'answered':
        if (this.answered(choice)) return;
        break;
      case 'clarifying':
        if (this.clarifying(choice)) return;
        break;
      case 'idle':
        break;
    }
    this.fresh(choice);
  }

  // ---- new messages -------------------------------------------------------

  /** A message that starts something new: status, a topic, smalltalk, out of scope. */
  private fresh(choice: string | undefined): void {
    const { u, s } = this;
    s.phase = 'idle';
    if (choice === CHOICE.agent) return this.agentRequest();
    if (choice === CHOICE.noAgent) return this.say(this.t.okNoHuman);
    const picked = topicOfChoice(choice);
    if (picked !== undefined) return this.topic(picked, 1);
    if (u.shape !== 'text') return this.say(this.t.noWords);
    if (u.caseIdMention || u.match.intent === SYSTEM_INTENT.caseStatus) return this.status();
    if (isCancel(u.text)) return this.say(this.t.nothingToCancel);
    if (s.wantsHuman) {
      s.wantsHuman = false;
      const intent = u.match.intent !== OOS ? this.env.catalog.byId(u.match.intent) : undefined;
      s.summary ||= u.text;
      return this.startCollecting(intent && SELF_HELP_KINDS.has(intent.kind) ? intent : undefined);
    }
    if (u.match.intent === OOS) return this.outOfScope();
    if (u.match.ambiguous || this.tooVagueToOpenACase()) return this.clarify();
    this.topic(u.match.intent, u.match.confidence);
  }

  /**
   * One word ("로그인", "login", "환불") is too little to start collecting a case on a guess: a handoff topic opens
   * one straight away, so the user picks the topic first.
   */
  private tooVagueToOpenACase(): boolean {
    const intent = this.env.catalog.byId(this.u.match.intent);
    return intent?.kind === 'handoff' && (this.u.text.match(/[\p{L}\p{N}]+/gu) ?? []).length === 1;
  }

  private topic(intentId: string, confidence: number): void {
    const intent = this.env.catalog.byId(intentId);
    if (!intent) return this.outOfScope();
    const s = this.s;
    this.decided = { intent: intent.id, confidence };
    s.misses = 0;
    if (intent.id === SYSTEM_INTENT.agentRequest) return this.agentRequest();
    if (intent.id === SYSTEM_INTENT.caseStatus) return this.status();
    if (intent.kind === 'smalltalk' || intent.kind === 'system') {
      if (CLOSING_SMALLTALK.has(intent.id)) this.forgetProblem();
      return this.say(this.env.answerOf(intent, s.lang));
    }
    if (s.topic !== intent.id) {
      s.topic = intent.id;
      if (this.u.shape === 'text') s.summary ||= this.u.text;
    }
    if (intent.kind === 'handoff') {
      this.say(this.env.answerOf(intent, s.lang));
      return this.startCollecting(intent);
    }
    s.phase = 'answered';
    this.say(this.env.answerOf(intent, s.lang));
    this.say(this.t.askSolved, solvedChoices(this.t));
  }

  private outOfScope(): void {
    const s = this.s;
    s.misses += 1;
    this.decided = { intent: OOS, confidence: this.u.match.confidence };
    const closest = this.u.match.ranked
      .map((r) => this.env.catalog.byId(r.intent))
      .filter((i): i is Intent => !!i && SELF_HELP_KINDS.has(i.kind))
      .slice(0, MAX_CLOSEST);
    const choices: Choice[] = closest.map((i) => ({ value: topicChoice(i.id), label: i.title[s.lang] }));
    if (s.misses >= 2) choices.push({ value: CHOICE.agent, label: this.t.connectHuman });
    const lines = [this.t.oos];
    if (closest.length) lines.push(this.t.oosClosest);
    if (s.misses >= 2) lines.push(this.t.oosHuman);
    this.say(lines.join(' '), choices.length ? choices : undefined);
  }

  private clarify(): void {
    const s = this.s;
    const options = this.u.match.ranked
      .slice(0, 2)
      .map((r) => this.env.catalog.byId(r.intent))
      .filter((i): i is Intent => !!i);
    s.phase = 'clarifying';
    this.say(this.t.clarify, [
      ...options.map((i) => ({ value: topicChoice(i.id), label: i.title[s.lang] })),
      { value: CHOICE.none, label: this.t.noneOfThese },
    ]);
  }

  private clarifying(choice: string | undefined): boolean {
    if (choice === CHOICE.none) {
      this.outOfScope();
      return true;
    }
    return false;
  }

  // ---- after an answer -----------------------------------------------------

  private answered(choice: string | undefined): boolean {
    const yn = choice === CHOICE.solved ? 'yes' : choice === CHOICE.notSolved ? 'no' : choice ? null : parseYesNo(this.u.text);
    if (yn === 'yes') {
      this.forgetProblem();
      this.say(this.t.gladSolved);
      return true;
    }
    if (yn !== 'no') return false;
    const intent = this.s.topic ? this.env.catalog.byId(this.s.topic) : undefined;
    if (intent && !this.s.answersTried.includes(intent.id)) this.s.answersTried.push(intent.id);
    if (intent && intent.details.length > 0) {
      this.startCollecting(intent);
    } else {
      this.s.phase = 'idle';
      this.say(this.t.notSolvedNoDetails, [
        { value: CHOICE.agent, label: this.t.connectHuman },
        { value: CHOICE.noAgent, label: this.t.noThanks },
      ]);
    }
    return true;
  }

  private agentRequest(): void {
    const s = this.s;
    this.decided = { intent: SYSTEM_INTENT.agentRequest, confidence: this.decided.confidence ?? 1 };
    const topic = s.topic ? this.env.catalog.byId(s.topic) : undefined;
    if (topic && SELF_HELP_KINDS.has(topic.kind)) return this.startCollecting(topic);
    if (s.summary) return this.startCollecting(undefined);
    s.wantsHuman = true;
    this.say(this.t.askProblem);
  }

  // ---- collecting details --------------------------------------------------

  /** Merges every detail found in the message; a newer value corrects an older one. */
  private takeDetails(): void {
    const found = extractDetails(this.u.text, { now: this.env.now, timeZone: this.env.timeZone });
    this.taken = (Object.keys(found) as DetailName[]).filter((n) => this.s.slots[n] !== found[n]);
    Object.assign(this.s.slots, found);
  }

  private startCollecting(intent: Intent | undefined): void {
    const s = this.s;
    s.topic = intent?.id ?? s.topic;
    s.phase = 'collecting';
    s.pending = (intent?.details ?? []).filter((d) => !s.slots[d]);
    s.failedAsks = 0;
    s.editing = false;
    if (s.pending.length > 0) this.say(this.t.collectIntro);
    this.askNext();
  }

  private askNext(): void {
    const s = this.s;
    s.pending = s.pending.filter((d) => !s.slots[d]);
    s.failedAsks = 0;
    const next = s.pending[0];
    if (!next) return this.showSummary();
    s.asking = next;
    this.say(this.t.questions[next], skipChoices(this.t));
  }

  private collecting(choice: string | undefined): void {
    const { s, u } = this;
    if (choice === CHOICE.cancel || (u.shape === 'text' && isCancel(u.text))) return this.cancelCollecting();
    const asking = s.asking;
    if (!asking) return this.askNext();
    if (choice === CHOICE.skip || (u.shape === 'text' && isDontKnow(u.text))) {
      s.slots[asking] = 'unknown';
      this.say(this.t.dontKnowNoted);
      return this.advance();
    }
    if (u.shape !== 'text') return this.askAgain(u.files.length ? this.t.filesKept : this.t.unusable);
    if (s.slots[asking] && this.foundNow(asking)) return this.advance();
    const answer = extractAnswer(asking, u.text, { now: this.env.now, timeZone: this.env.timeZone });
    // A case id inside a usable answer (a URL, say) is part of the answer, not a status question.
    if (this.asksStatus() && (!answer.ok || u.match.intent === SYSTEM_INTENT.caseStatus)) {
      this.status();
      return this.askAgain(this.t.resume);
    }
    if (this.isDigression(answer.ok)) {
      this.answerDigression();
      return this.askAgain(this.t.resume);
    }
    if (answer.ok) {
      s.slots[asking] = answer.value;
      return this.advance();
    }
    // A correction of another detail ("아 iOS가 아니라 안드로이드예요") is not an unusable answer.
    const corrected = this.taken.filter((n) => n !== asking);
    if (corrected.length > 0) {
      const values = Object.fromEntries(corrected.map((n) => [n, s.slots[n]]));
      return this.askAgain(this.t.noted(formatDetails(values, s.lang, this.env.timeZone).join(', ')));
    }
    s.failedAsks += 1;
    if (s.failedAsks >= 2) {
      s.slots[asking] = u.text;
      return this.advance();
    }
    this.askAgain(this.t.unusable);
  }

  /** True when this very message supplied the detail (not an earlier one). */
  private foundNow(name: DetailName): boolean {
    return extractDetails(this.u.text, { now: this.env.now, timeZone: this.env.timeZone })[name] !== undefined;
  }

  /** Answers the question about something else that interrupted the collection. */
  private answerDigression(): void {
    const other = this.env.catalog.byId(this.u.match.intent) as Intent;
    this.decided = { intent: other.id, confidence: this.u.match.confidence };
    this.say(this.env.answerOf(other, this.s.lang));
  }

  private isDigression(answerUsable: boolean): boolean {
    const { u, s } = this;
    if (u.match.intent === OOS || u.match.ambiguous || u.match.intent === s.topic) return false;
    if (u.match.confidence < this.env.digressionConfidence) return false;
    const other = this.env.catalog.byId(u.match.intent);
    if (!other || !SELF_HELP_KINDS.has(other.kind)) return false;
    return !answerUsable || QUESTION_LIKE.test(u.text);
  }

  /** Asks the current question again after a lead-in. */
  private askAgain(leadIn: string): void {
    const asking = this.s.asking as DetailName;
    this.say(`${leadIn} ${this.t.questions[asking]}`, skipChoices(this.t));
  }

  private advance(): void {
    const s = this.s;
    s.asking = null;
    if (s.editing) {
      s.editing = false;
      return this.showSummary();
    }
    this.askNext();
  }

  private cancelCollecting(): void {
    this.forgetProblem();
    this.say(this.t.cancelled);
  }

  // ---- confirmation and opening the case -------------------------------------

  private showSummary(): void {
    const s = this.s;
    s.phase = 'confirming';
    s.asking = null;
    const topic = s.topic ? this.env.catalog.byId(s.topic) : undefined;
    const lines = [this.t.confirmIntro, ...this.summaryLines(topic), this.t.confirmQuestion];
    this.say(lines.join('\n'), [
      { value: CHOICE.confirm, label: this.t.confirm },
      { value: CHOICE.edit, label: this.t.edit },
      { value: CHOICE.cancel, label: this.t.cancel },
    ]);
  }

  private summaryLines(topic: Intent | undefined): string[] {
    const s = this.s;
    const lines: string[] = [];
    if (topic) lines.push(`• ${this.t.topicLabel}: ${topic.title[s.lang]}`);
    for (const line of formatDetails(s.slots, s.lang, this.env.timeZone, topic?.details)) lines.push(`• ${line}`);
    return lines;
  }

  private confirming(choice: string | undefined): void {
    const { s, u } = this;
    if (choice === CHOICE.cancel || (u.shape === 'text' && isCancel(u.text))) return this.cancelCollecting();
    if (choice === CHOICE.confirm || (!choice && parseYesNo(u.text) === 'yes' && CONFIRM_WORD.test(u.text.trim()))) return this.openCase();
    if (choice === CHOICE.edit) {
      const topic = s.topic ? this.env.catalog.byId(s.topic) : undefined;
      const names = [...new Set([...(topic?.details ?? []), ...(Object.keys(s.slots) as DetailName[])])];
      if (names.length === 0) return this.showSummary();
      return this.say(this.t.whichEdit, names.map((n) => ({ value: editChoice(n), label: this.t.labels[n] })));
    }
    const name = detailOfEditChoice(choice);
    if (name !== undefined) {
      if (name === null) return this.showSummary();
      s.phase = 'collecting';
      s.editing = true;
      s.asking = name;
      s.failedAsks = 0;
      return this.say(this.t.questions[name], skipChoices(this.t));
    }
    // A question about something else is answered before the summary is shown again (a correction just updates it).
    if (!choice && this.taken.length === 0) {
      if (this.asksStatus()) this.status();
      else if (this.isDigression(false)) this.answerDigression();
    }
    this.showSummary();
  }

  private openCase(): void {
    const { s, env } = this;
    const topic = s.topic ? env.catalog.byId(s.topic) : undefined;
    const id = env.newCaseId();
    const { dueAt, peak } = env.dueFor(env.now);
    const opening = openCase(
      {
        id,
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
    this.caseChanges.push(opening);
    this.agentMessages.push({ kind: 'card', case: c, update: false });
    s.phase = 'handed_off';
    s.caseId = id;
    s.asking = null;
    s.pending = [];
    const lines = [this.t.receipt(id), ...this.summaryLines(topic), this.t.due(formatWhen(dueAt, s.lang, env.timeZone), env.responseHours)];
    if (peak) lines.push(this.t.peak);
    if (c.verification === 'pending') lines.push(this.t.verifyNote);
    lines.push(this.t.afterReceipt);
    this.say(lines.join('\n'));
  }

  // ---- after the handoff ---------------------------------------------------

  private handedOff(choice: string | undefined): void {
    const u = this.u;
    const c = this.ctx.activeCase;
    if (!c || c.status === 'closed') {
      this.reset();
      return this.route(choice);
    }
    if (this.asksStatus()) return this.status();
    if (choice === CHOICE.cancel || (u.shape === 'text' && isCancel(u.text))) {
      const change = applyWithdraw(c, this.env.now);
      this.caseChanges.push(change);
      this.agentMessages.push({ kind: 'notice', caseId: c.id, text: this.forAgents.withdrawn(c.id), status: 'closed' });
      this.agentMessages.push({ kind: 'card', case: change.case, update: true });
      this.reset();
      return this.say(this.t.withdrawn(c.id));
    }
    if (u.files.length === 0 && (u.shape === 'empty' || u.shape === 'choice')) {
      // A new inquiry or an old button pressed while the thread belongs to an agent: say where things stand.
      return this.say(u.shape === 'empty' ? this.t.empty : this.t.stillWithAgent(c.id));
    }
    this.relay(c);
    if (u.cut) this.say(this.t.cutForAgent(MAX_INPUT_CHARS));
  }

  private relay(c: SupportCase): void {
    const u = this.u;
    const text = u.cut ? `${u.text} […]` : u.text;
    const change = applyUserMessage(c, text, this.env.now, u.files);
    this.caseChanges.push(change);
    // Everything is saved to the case; past the limit, agents get one line instead of every message.
    const decision = decideRelay(this.s.relayBudget, this.env.now);
    this.s.relayBudget = decision.budget;
    const from = this.s.userName ?? this.s.userId;
    if (!decision.relay) {
      if (!decision.first) return;
      this.agentMessages.push({ kind: 'notice', caseId: c.id, text: this.forAgents.flooding(from, c.id) });
      return this.say(this.t.slowDown);
    }
    if (decision.held > 0) {
      this.agentMessages.push({ kind: 'notice', caseId: c.id, text: this.forAgents.held(decision.held, from, c.id) });
    }
    this.agentMessages.push({ kind: 'relay', caseId: c.id, from, text, files: u.files.length ? u.files : undefined });
  }

  private feedback(choice: string | undefined): void {
    const { s, u, env } = this;
    const c = this.ctx.activeCase;
    if (!c || c.status === 'closed') {
      this.reset();
      return this.route(choice);
    }
    const text = u.shape === 'text' ? u.text : '';
    if (s.feedbackStep === 'solved') {
      const yn = choice === CHOICE.solved ? 'yes' : choice === CHOICE.notSolved ? 'no' : parseYesNo(text);
      if (yn === 'yes') {
        this.caseChanges.push(applyUserSolved(c, true, env.now));
        s.feedbackStep = 'rating';
        return this.askRating();
      }
      if (yn === 'no') {
        const change = applyUserSolved(c, false, env.now);
        this.caseChanges.push(change);
        this.agentMessages.push({ kind: 'notice', caseId: c.id, text: this.forAgents.notSolved(c.id), status: change.case.status });
        this.agentMessages.push({ kind: 'card', case: change.case, update: true });
        s.phase = 'handed_off';
        s.feedbackStep = null;
        if (text && text.length > 12) this.relay(change.case);
        return this.say(this.t.reopened(c.id));
      }
      if (text) this.relay(c);
      return this.say(this.t.resolvedAsk(c.id), solvedChoices(this.t));
    }
    if (s.feedbackStep === 'rating') {
      const rating = ratingOfChoice(choice) ?? parseRating(text);
      if (!rating || rating < 1 || rating > 5) return this.askRating();
      this.caseChanges.push(applyRating(c, rating, env.now));
      s.feedbackStep = 'comment';
      return this.say(this.t.askComment, skipChoices(this.t));
    }
    const comment = choice === CHOICE.skip || !text || isDontKnow(text) ? null : text;
    const rated = this.caseChanges.at(-1)?.case ?? c;
    const change = applyFeedbackClose(rated, comment, env.now);
    this.caseChanges.push(change);
    this.agentMessages.push({ kind: 'notice', caseId: c.id, text: this.forAgents.feedback(c.id, change.case.rating, comment), status: 'closed' });
    this.agentMessages.push({ kind: 'card', case: change.case, update: true });
    this.reset();
    this.say(this.t.closedThanks(c.id));
  }

  private askRating(): void {
    this.say(this.t.askRating, RATINGS.map((n) => ({ value: rateChoice(n), label: '★'.repeat(n) })));
  }

  // ---- status --------------------------------------------------------------

  /** True when the message asks about the user's cases ("내 문의 어떻게 됐어요?", "진행 상황", "K7P-4QX 상태요?"). */
  private asksStatus(): boolean {
    const u = this.u;
    if (u.shape !== 'text' || (!u.caseIdMention && u.match.intent !== SYSTEM_INTENT.caseStatus)) return false;
    if (QUESTION_LIKE.test(u.text)) return true;
    const confident = u.match.intent === SYSTEM_INTENT.caseStatus && !u.match.ambiguous && u.match.confidence >= this.env.digressionConfidence;
    return confident && u.text.length <= STATUS_COMMAND_MAX_CHARS;
  }

  private status(): void {
    const { s, u, ctx } = this;
    this.decided = { intent: SYSTEM_INTENT.caseStatus, confidence: this.decided.confidence ?? 1 };
    const catalog = this.env.catalog;
    const describe = (c: SupportCase) => formatCaseStatus(c, catalog.byId(c.intent)?.title[s.lang] ?? c.intent, s.lang, this.env.timeZone);
    if (u.caseIdMention) {
      if (!ctx.mentionedCase) return this.say(this.t.statusNotFound(u.caseIdMention));
      return this.say(describe(ctx.mentionedCase));
    }
    const cases = (ctx.userCases ?? []).slice(0, 5);
    if (cases.length === 0) return this.say(this.t.statusNone);
    this.say([this.t.statusHeader, ...cases.map((c) => `• ${describe(c)}`)].join('\n'));
  }

  // ---- helpers ---------------------------------------------------------------

  private say(text: string, choices?: Choice[]): void {
    this.replies.push(choices ? { text, choices } : { text });
    this.s.offered = choices ?? [];
    this.remember('bot', 'bot', text);
  }

  private remember(from: 'user' | 'bot', by: string, text: string): void {
    const s = this.s;
    if (!text) return;
    s.transcript = appendToTranscript(s.transcript, { at: this.env.now.toISOString(), from, by, text });
  }

  /** Forgets the current problem (solved, cancelled, or closed) but keeps who and where. */
  private forgetProblem(): void {
    const s = this.s;
    Object.assign(s, {
      phase: 'idle',
      topic: null,
      answersTried: [],
      slots: {},
      pending: [],
      asking: null,
      failedAsks: 0,
      editing: false,
      wantsHuman: false,
      summary: '',
      files: [],
      feedbackStep: null,
    } satisfies Partial<DialogState>);
  }

  /** Starts the conversation over after a case ended. */
  private reset(): void {
    const fresh = initialState(this.s.channel, this.s.conversationId, this.s.userId, this.s.lang);
    this.s = { ...fresh, userName: this.s.userName, offered: this.s.offered };
  }
}

/** Messages longer than this are not interpreted (they are still relayed to an agent during a case, up to MAX_INPUT_CHARS). */
export const MAX_MESSAGE_CHARS = 4000;

/**
 * How much of a message is looked at, in UTF-16 units: the rest is cut before any analysis, so that the cost
 * of a turn never grows with what a user pastes. Only this much is ever relayed or stored.
 */
export const MAX_INPUT_CHARS = 4 * MAX_MESSAGE_CHARS;

/** The solved / not solved choices. */
export function solvedChoices(t: ReturnType<typeof texts>): Choice[] {
  return [
    { value: CHOICE.solved, label: t.solved },
    { value: CHOICE.notSolved, label: t.notSolved },
  ];
}

/** The skip choice under a question. */
function skipChoices(t: ReturnType<typeof texts>): Choice[] {
  return [{ value: CHOICE.skip, label: t.skip }];
}
