/**
 * The Bot pipeline, shared by every channel:
 * skip bots → lock the conversation → drop duplicates → understand → dialog step → save → deliver.
 */
import type { Logger } from 'pino';
import type { CaseChange } from '../cases/lifecycle.js';
import type { ChannelName, SupportCase } from '../cases/types.js';
import { agentTurn, timerTurn, type CaseTurnResult } from '../dialog/case-turns.js';
import { initialState, restoreState, SEEN_LIMIT, type DialogState } from '../dialog/state.js';
import { step, type DialogEnv, type Reply, type StepResult } from '../dialog/step.js';
import { texts } from '../dialog/texts.js';
import type { TurnContext, Understanding } from '../dialog/understanding.js';
import type { Intent, Lang } from '../knowledge/types.js';
import { maskAccountId } from '../nlu/sensitive-data.js';
import type { Matcher } from '../nlu/types.js';
import { StoreUnavailableError } from '../store/errors.js';
import type { Store } from '../store/port.js';
import type {
  AgentDestination,
  AgentMessage,
  ChannelAdapter,
  InboundHandlers,
  InboundMessage,
  TurnMeta,
  UserAddress,
} from './message.js';
import { understand } from './understand.js';

/** The knowledge the bot answers from (swapped atomically on hot reload). */
export interface BotKnowledge {
  matcher: Matcher;
  byId(id: string): Intent | undefined;
  /** An intent's answer in one language with operator variables filled in. */
  answer(intent: Intent, lang: Lang): string;
}

/** Settings the pipeline needs from configuration. */
export interface BotSettings {
  timeZone: string;
  responseHours: number;
  reminderHours: number;
  autoCloseDays: number;
  /** Agents' destination per route; `default` is required. */
  routes: Record<string, AgentDestination>;
  /** Language for users whose messages carry no letters yet. */
  defaultLang: Lang;
}

/** Everything the bot is composed of. */
export interface BotDeps {
  store: Store;
  knowledge: () => BotKnowledge;
  clock: () => Date;
  settings: BotSettings;
  dueFor(openedAt: Date): { dueAt: Date; peak: boolean };
  newCaseId(): string;
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>;
  logger: Logger;
}

/** A running bot core. */
export interface Bot {
  /** What channel adapters push inbound traffic into. */
  readonly handlers: InboundHandlers;
  /** Fires due SLA reminders, overdue flags and auto-closes. */
  tick(): Promise<void>;
}

/** Creates the bot core. */
export function createBot(deps: BotDeps): Bot {
  const { store, logger } = deps;

  const handlers: InboundHandlers = {
    async onMessage(message) {
      if (message.user.isBot) return;
      const key = conversationKey(message.channel, message.conversationId);
      try {
        await store.withLock(key, () => userTurn(message, key));
      } catch (err) {
        logger.error({ err, channel: message.channel }, 'user turn failed');
        await tellUser(message, err instanceof StoreUnavailableError ? 'unavailable' : 'failed');
      }
    },
    async onAgentAction(action) {
      try {
        const c = await store.getCase(action.caseId);
        if (!c) {
          logger.warn({ caseId: action.caseId }, 'agent action on an unknown case');
          return;
        }
        if (destinationOf(c).channel !== action.channel) {
          logger.warn({ caseId: c.id, from: action.channel }, 'agent action from a platform that does not serve this route');
          return;
        }
        const key = conversationKey(c.requester.channel, c.requester.conversationId);
        await store.withLock(key, async () => {
          if (!(await store.claimOnce(`agent:${action.channel}:${action.id}`, 7 * 86_400))) return;
          await caseTurn(c.id, key, (fresh, conv) => agentTurn(fresh, conv, action, deps.clock()));
        });
      } catch (err) {
        logger.error({ err, caseId: action.caseId }, 'agent action failed');
      }
    },
    caseIdForCardRef: (ref) => store.findCaseIdByCardRef(ref),
    cardRefsOf: async (caseId) => (await store.getCase(caseId))?.cardRefs ?? {},
    casesOf: (channel, userId) => store.listCasesByRequester(channel, userId, 20),
  };

  async function userTurn(message: InboundMessage, key: string): Promise<void> {
    const record = await store.getConversation(key);
    let state = restoreState(record?.state) ?? initialState(message.channel, message.conversationId, message.user.id, deps.settings.defaultLang);
    if (state.seen?.includes(message.id)) return;
    if (message.user.name) state = { ...state, userName: message.user.name };
    const kb = deps.knowledge();
    const u = understand(kb.matcher, message, state.lang, state.transcript.some((t) => t.from === 'user'));
    const ctx = await loadContext(state, u, message);
    let result = step(dialogEnv(kb), state, u, ctx);
    for (let tries = 0; tries < 3 && (await opensTakenId(result)); tries++) result = step(dialogEnv(kb), state, u, ctx);
    const seen = [...(state.seen ?? []), message.id].slice(-SEEN_LIMIT);
    await store.commit({
      conversations: [{ id: key, state: { ...result.state, seen }, updatedAt: deps.clock().toISOString() }],
      cases: lastVersions(result.caseChanges),
      events: result.caseChanges.map((c) => c.event),
    });
    const address: UserAddress = { channel: message.channel, conversationId: message.conversationId, userId: message.user.id };
    await sendToUser(address, result.replies, meta(result.state, result.decided, result.state.caseId));
    await sendToAgents(result.agentMessages, result.caseChanges);
  }

  async function loadContext(state: DialogState, u: Understanding, message: InboundMessage): Promise<TurnContext> {
    const ctx: TurnContext = {};
    if (state.caseId) ctx.activeCase = await store.getCase(state.caseId);
    const asksStatus = u.caseIdMention !== null || u.match.intent === 'case.status' || u.choice === 'cmd:status';
    if (asksStatus) ctx.userCases = await store.listCasesByRequester(message.channel, message.user.id, 10);
    if (u.caseIdMention) {
      const c = await store.getCase(u.caseIdMention);
      // Someone else's case is answered exactly like a case that does not exist.
      if (c && c.requester.channel === message.channel && c.requester.userId === message.user.id) ctx.mentionedCase = c;
    }
    return ctx;
  }

  async function opensTakenId(result: StepResult): Promise<boolean> {
    const opened = result.caseChanges.find((c) => c.event.type === 'opened');
    return opened ? store.caseIdExists(opened.case.id) : false;
  }

  function dialogEnv(kb: BotKnowledge): DialogEnv {
    return {
      catalog: kb,
      now: deps.clock(),
      timeZone: deps.settings.timeZone,
      newCaseId: deps.newCaseId,
      dueFor: deps.dueFor,
      responseHours: deps.settings.responseHours,
      answerOf: (intent, lang) => kb.answer(intent, lang),
      routeOf: (intent) => (intent?.route && deps.settings.routes[intent.route] ? intent.route : 'default'),
      digressionConfidence: Math.max(kb.matcher.threshold, 0.5),
    };
  }

  /** Runs an agent action or a timer on a case under its conversation's lock, with fresh data. */
  async function caseTurn(
    caseId: string,
    key: string,
    run: (c: SupportCase, conversation: DialogState | undefined) => CaseTurnResult | null,
  ): Promise<void> {
    const c = await store.getCase(caseId);
    if (!c) return;
    const record = await store.getConversation(key);
    const conversation = restoreState(record?.state);
    const result = run(c, conversation);
    if (!result) return;
    await store.commit({
      conversations: result.state ? [{ id: key, state: result.state, updatedAt: deps.clock().toISOString() }] : [],
      cases: lastVersions(result.caseChanges),
      events: result.caseChanges.map((ch) => ch.event),
    });
    const address: UserAddress = { channel: c.requester.channel, conversationId: c.requester.conversationId, userId: c.requester.userId };
    const after = result.state ?? conversation;
    const phase = after?.phase ?? 'idle';
    await sendToUser(address, result.userReplies, {
      intent: null,
      confidence: null,
      state: phase,
      asking: after?.asking ?? null,
      slots: { ...(after?.slots ?? {}) } as Record<string, string>,
      caseId: c.id,
    });
    await sendToAgents(result.agentMessages, result.caseChanges);
  }

  async function tick(): Promise<void> {
    const now = deps.clock();
    const opts = { reminderHours: deps.settings.reminderHours, autoCloseDays: deps.settings.autoCloseDays, timeZone: deps.settings.timeZone };
    // tick() runs from an interval nobody awaits: a store that is down must be logged, never thrown (that would crash the process).
    const active = await store.listActiveCases().catch((err: unknown) => {
      logger.error({ err }, 'case timers skipped: the store is unavailable');
      return [];
    });
    for (const c of active) {
      const key = conversationKey(c.requester.channel, c.requester.conversationId);
      try {
        // Several timers can be due at once (reminder, then overdue): fire them in order until none is.
        for (let i = 0; i < 3; i++) {
          let fired = false;
          await store.withLock(key, () =>
            caseTurn(c.id, key, (fresh, conv) => {
              const r = timerTurn(fresh, conv, now, opts);
              fired = r !== null;
              return r;
            }),
          );
          if (!fired) break;
        }
      } catch (err) {
        logger.error({ err, caseId: c.id }, 'case timer failed');
      }
    }
  }

  function meta(state: DialogState, decided: StepResult['decided'], caseId: string | null): TurnMeta {
    return {
      intent: decided.intent,
      confidence: decided.confidence === null ? null : Math.round(decided.confidence * 1000) / 1000,
      state: state.phase,
      asking: state.asking,
      slots: { ...state.slots } as Record<string, string>,
      caseId,
    };
  }

  async function sendToUser(address: UserAddress, replies: Reply[], turnMeta: TurnMeta): Promise<void> {
    const adapter = deps.adapters.get(address.channel);
    if (!adapter) return logger.warn({ channel: address.channel }, 'no adapter for the user channel');
    for (const r of replies) {
      try {
        await adapter.deliver({ to: 'user', address, message: { text: r.text, choices: r.choices, meta: turnMeta } });
      } catch (err) {
        logger.error({ err, channel: address.channel }, 'delivery to user failed');
      }
    }
  }

  function destinationOf(c: SupportCase): AgentDestination {
    return deps.settings.routes[c.route] ?? deps.settings.routes.default;
  }

  async function sendToAgents(messages: AgentMessage[], changes: CaseChange[]): Promise<void> {
    for (const m of messages) {
      const caseId = m.kind === 'card' ? m.case.id : m.caseId;
      const latest = lastVersions(changes).find((c) => c.id === caseId) ?? (m.kind === 'card' ? m.case : await store.getCase(caseId));
      if (!latest) continue;
      const destination = destinationOf(latest);
      const adapter = deps.adapters.get(destination.channel);
      if (!adapter) {
        logger.warn({ channel: destination.channel, route: latest.route }, 'no adapter for the agents of this route');
        continue;
      }
      const message = agentView(m.kind === 'card' ? { ...m, case: m.update ? await withCardRefs(latest) : latest } : m, latest);
      try {
        const ref = await adapter.deliver({ to: 'agents', destination, message });
        if (m.kind === 'card' && !m.update && typeof ref === 'string') await rememberCardRef(latest.id, destination.channel, ref);
      } catch (err) {
        logger.error({ err, channel: destination.channel, caseId }, 'delivery to agents failed');
      }
    }
  }

  async function withCardRefs(c: SupportCase): Promise<SupportCase> {
    const stored = await store.getCase(c.id);
    return stored ? { ...c, cardRefs: { ...stored.cardRefs, ...c.cardRefs } } : c;
  }

  async function rememberCardRef(caseId: string, channel: ChannelName, ref: string): Promise<void> {
    const key = await store.getCase(caseId);
    if (!key) return;
    await store.commit({ cases: [{ ...key, cardRefs: { ...key.cardRefs, [channel]: ref } }] });
  }

  async function tellUser(message: InboundMessage, what: 'unavailable' | 'failed'): Promise<void> {
    const lang = message.lang ?? deps.settings.defaultLang;
    const t = texts(lang);
    const text = what === 'unavailable' ? t.unavailable : t.failed;
    const address: UserAddress = { channel: message.channel, conversationId: message.conversationId, userId: message.user.id };
    await sendToUser(address, [{ text }], { intent: null, confidence: null, state: 'idle', asking: null, slots: {}, caseId: null });
  }

  return { handlers, tick };
}

/** The store key of a conversation: `{channel}:{conversation}`. */
export function conversationKey(channel: ChannelName, conversationId: string): string {
  return `${channel}:${conversationId}`;
}

/** The case as agents see it: the account id partly masked wherever it appears. */
export function forAgents(c: SupportCase): SupportCase {
  const account = c.details.account_id;
  if (!account || account === 'unknown') return c;
  const hide = accountMasker(account);
  return {
    ...c,
    summary: hide(c.summary),
    details: { ...c.details, account_id: maskAccountId(account) },
    transcript: c.transcript.map((t) => ({ ...t, text: hide(t.text) })),
  };
}

/** Replaces every occurrence of an account id in a text with its masked form. */
function accountMasker(account: string): (text: string) => string {
  const masked = maskAccountId(account);
  return (text) => text.split(account).join(masked);
}

/** An agents'-side message with the case's account id masked in it. */
function agentView(m: AgentMessage, c: SupportCase): AgentMessage {
  if (m.kind === 'card') return { ...m, case: forAgents(m.case) };
  const account = c.details.account_id;
  if (m.kind !== 'relay' || !account || account === 'unknown') return m;
  return { ...m, text: accountMasker(account)(m.text) };
}

/** The final version of each case a turn touched. */
function lastVersions(changes: CaseChange[]): SupportCase[] {
  const byId = new Map<string, SupportCase>();
  for (const ch of changes) byId.set(ch.case.id, ch.case);
  return [...byId.values()];
}
