/**
 * The Bot pipeline, shared by every channel:
 * skip bots → lock the conversation → drop duplicates → understand → dialog step → save → deliver.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { CaseChange } from '../cases/lifecycle.js';
import type { ChannelName, SupportCase } from '../cases/types.js';
import { agentTurn, timerTurn, type CaseTurnResult } from '../dialog/case-turns.js';
import { initialState, restoreState, SEEN_LIMIT, type DialogState } from '../dialog/state.js';
import { step, type DialogEnv, type Reply, type StepResult } from '../dialog/step.js';
import { texts } from '../dialog/texts.js';
import type { TurnContext, Understanding } from '../dialog/understanding.js';
import type { Intent, Lang } from '../knowledge/types.js';
import { LOW_CONFIDENCE_MARGIN } from '../nlu/matcher.js';
import type { MessageMatcher } from '../nlu/types.js';
import { CaseIdTakenError, StoreUnavailableError } from '../store/errors.js';
import type { Store } from '../store/port.js';
import type {
  AgentDestination,
  AgentMessage,
  ChannelAdapter,
  Delivery,
  InboundHandlers,
  InboundMessage,
  PendingDelivery,
  TurnMeta,
  UserAddress,
} from '../channels/contract.js';
import { agentView } from './agent-view.js';
import { createRetention } from './retention.js';
import { turnLogEntry } from './turn-log.js';
import { boundInput, cleanText, understand } from './understand.js';

/** The knowledge the bot answers from (swapped atomically on hot reload). */
export interface BotKnowledge {
  matcher: MessageMatcher;
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
  /** Days turn-log entries and closed cases' transcripts are kept (RETENTION_DAYS). */
  retentionDays: number;
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
  /** Fires due SLA reminders, overdue flags and auto-closes; applies retention once a day. */
  tick(): Promise<void>;
  /** Applies retention now unless it ran in the last day (at start; the tick does it daily after). */
  applyRetention(): Promise<void>;
  /** Sends what recent turns committed but a crash kept from going out (run once the adapters are started). */
  deliverPending(): Promise<void>;
}

/** How many case ids a turn draws before it gives up (each taken one is refused by the store's commit). */
const MAX_CASE_ID_DRAWS = 4;

/** How long a delivery key is kept, and how far back deliverPending() looks for unsent messages. */
const DELIVERY_MEMORY_SECONDS = 86_400;

/** Creates the bot core. */
export function createBot(deps: BotDeps): Bot {
  const { store, logger } = deps;

  const handlers: InboundHandlers = {
    async onMessage(message) {
      if (message.user.isBot) return;
      const key = conversationKey(message.channel, message.conversationId);
      try {
        await store.conversations.lock(key, () => userTurn(message, key));
      } catch (err) {
        logger.error({ err, channel: message.channel }, 'user turn failed');
        await tellUser(message, err instanceof StoreUnavailableError ? 'unavailable' : 'failed');
      }
    },
    async onAgentAction(action) {
      try {
        const c = await store.cases.get(action.caseId);
        if (!c) {
          logger.warn({ caseId: action.caseId }, 'agent action on an unknown case');
          return;
        }
        if (destinationOf(c).channel !== action.channel) {
          logger.warn({ caseId: c.id, from: action.channel }, 'agent action from a platform that does not serve this route');
          return;
        }
        const key = conversationKey(c.requester.channel, c.requester.conversationId);
        const text = action.text === undefined ? undefined : cleanText(boundInput(action.text).text);
        // The action's id is saved in the requester's conversation with the change it makes: a redelivery
        // of an applied action is dropped, and one whose commit failed is applied when it comes again.
        await store.conversations.lock(key, () =>
          caseTurn(c.id, key, (fresh, conv) => agentTurn(fresh, conv, { ...action, text }, deps.clock()), `agent:${action.channel}:${action.id}`),
        );
      } catch (err) {
        logger.error({ err, caseId: action.caseId }, 'agent action failed');
      }
    },
    caseIdForCardRef: (ref) => store.cases.idByCardRef(ref),
    casesOf: (channel, userId) => store.cases.byRequester(channel, userId, 20),
  };

  async function userTurn(message: InboundMessage, key: string): Promise<void> {
    const record = await store.conversations.get(key);
    let state = restoreState(record?.state) ?? initialState(message.channel, message.conversationId, message.user.id, deps.settings.defaultLang);
    if (state.seen?.includes(message.id)) return;
    state = { ...state, outbox: undefined };
    if (message.user.name) state = { ...state, userName: message.user.name };
    const kb = deps.knowledge();
    const u = await understand(kb.matcher, message, state.lang, state.transcript.some((t) => t.from === 'user'));
    const ctx = await loadContext(state, u, message);
    const seen = [...(state.seen ?? []), message.id].slice(-SEEN_LIMIT);
    const address: UserAddress = { channel: message.channel, conversationId: message.conversationId, userId: message.user.id };
    // A case opened with an id another case has is refused by the store; the step runs again and draws a new one.
    for (let tries = 1; ; tries++) {
      const result = step(dialogEnv(kb), state, u, ctx);
      const outbox = [
        ...toUser(address, result.replies, meta(result.state, result.decided, result.state.caseId)),
        ...toAgents(result.agentMessages, casesById(result.caseChanges, ctx.activeCase)),
      ];
      try {
        // The turn log's entry goes in the turn's own commit: a crash can neither lose it nor count it twice.
        await store.commit({
          conversations: [{ id: key, state: { ...result.state, seen, outbox }, updatedAt: deps.clock().toISOString() }],
          cases: lastVersions(result.caseChanges),
          events: result.caseChanges.map((c) => c.event),
          turns: [turnLogEntry(message, key, result, deps.clock())],
        });
      } catch (err) {
        if (err instanceof CaseIdTakenError && tries < MAX_CASE_ID_DRAWS) continue;
        throw err;
      }
      return send(outbox);
    }
  }

  async function loadContext(state: DialogState, u: Understanding, message: InboundMessage): Promise<TurnContext> {
    const ctx: TurnContext = {};
    if (state.caseId) ctx.activeCase = await store.cases.get(state.caseId);
    const asksStatus = u.caseIdMention !== null || u.match.intent === 'case.status' || u.choice === 'cmd:status';
    if (asksStatus) ctx.userCases = await store.cases.byRequester(message.channel, message.user.id, 10);
    if (u.caseIdMention) {
      const c = await store.cases.get(u.caseIdMention);
      // Someone else's case is answered exactly like a case that does not exist.
      if (c && c.requester.channel === message.channel && c.requester.userId === message.user.id) ctx.mentionedCase = c;
    }
    return ctx;
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
      lowConfidence: kb.matcher.threshold + LOW_CONFIDENCE_MARGIN,
    };
  }

  /**
   * Runs an agent action or a timer on a case under its conversation's lock, with fresh data. `deliveryId`
   * (an agent action's) is dropped when the conversation has seen it, and saved with the change otherwise.
   */
  async function caseTurn(
    caseId: string,
    key: string,
    run: (c: SupportCase, conversation: DialogState | undefined) => CaseTurnResult | null,
    deliveryId?: string,
  ): Promise<void> {
    const c = await store.cases.get(caseId);
    if (!c) return;
    const record = await store.conversations.get(key);
    const conversation = restoreState(record?.state);
    if (deliveryId && conversation?.seen?.includes(deliveryId)) return;
    const result = run(c, conversation);
    if (!result) return;
    const after = result.state ?? conversation ?? initialState(c.requester.channel, c.requester.conversationId, c.requester.userId, c.lang);
    const seen = deliveryId ? [...(after.seen ?? []), deliveryId].slice(-SEEN_LIMIT) : after.seen;
    const address: UserAddress = { channel: c.requester.channel, conversationId: c.requester.conversationId, userId: c.requester.userId };
    const outbox = [
      ...toUser(address, result.userReplies, {
        intent: null,
        confidence: null,
        state: after.phase,
        asking: after.asking,
        slots: { ...after.slots } as Record<string, string>,
        caseId: c.id,
      }),
      ...toAgents(result.agentMessages, casesById(result.caseChanges, c)),
    ];
    await store.commit({
      conversations: [{ id: key, state: { ...after, seen, outbox }, updatedAt: deps.clock().toISOString() }],
      cases: lastVersions(result.caseChanges),
      events: result.caseChanges.map((ch) => ch.event),
    });
    await send(outbox);
  }

  const applyRetention = createRetention(store, deps.settings.retentionDays, deps.clock, logger);

  async function tick(): Promise<void> {
    await applyRetention();
    const now = deps.clock();
    const opts = { reminderHours: deps.settings.reminderHours, autoCloseDays: deps.settings.autoCloseDays, timeZone: deps.settings.timeZone };
    // tick() runs from an interval nobody awaits: a store that is down must be logged, never thrown (that would crash the process).
    const active = await store.cases.active().catch((err: unknown) => {
      logger.error({ err }, 'case timers skipped: the store is unavailable');
      return [];
    });
    for (const c of active) {
      const key = conversationKey(c.requester.channel, c.requester.conversationId);
      try {
        // Several timers can be due at once (reminder, then overdue): fire them in order until none is.
        for (let i = 0; i < 3; i++) {
          let fired = false;
          await store.conversations.lock(key, () =>
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

  /** The user's replies as deliveries. */
  function toUser(address: UserAddress, replies: Reply[], turnMeta: TurnMeta): PendingDelivery[] {
    return replies.map((r) => pending({ to: 'user', address, message: { text: r.text, choices: r.choices, meta: turnMeta } }));
  }

  function destinationOf(c: SupportCase): AgentDestination {
    return deps.settings.routes[c.route] ?? deps.settings.routes.default;
  }

  /**
   * The agents' messages as deliveries to each case's route: cards show the case's latest version, relays and
   * notices carry the card's reference on the destination's platform, so adapters thread them without a lookup.
   */
  function toAgents(messages: AgentMessage[], cases: ReadonlyMap<string, SupportCase>): PendingDelivery[] {
    const out: PendingDelivery[] = [];
    for (const m of messages) {
      const latest = cases.get(m.kind === 'card' ? m.case.id : m.caseId);
      if (!latest) continue;
      const destination = destinationOf(latest);
      const card = latest.cardRefs[destination.channel];
      const message = agentView(m.kind === 'card' ? { ...m, case: latest } : card ? { ...m, card } : m, latest);
      out.push(pending({ to: 'agents', destination, message }));
    }
    return out;
  }

  /**
   * A relay or notice committed before its case had a card reference (its card was posted later in the same
   * send, or after a crash) gets the one saved with the case since.
   */
  async function withCard(delivery: Delivery): Promise<Delivery> {
    if (delivery.to !== 'agents' || delivery.message.kind === 'card' || delivery.message.card) return delivery;
    const saved = await store.cases.get(delivery.message.caseId).catch((err: unknown) => logger.error({ err }, 'could not read the card of a case'));
    const card = saved?.cardRefs[delivery.destination.channel];
    return card ? { ...delivery, message: { ...delivery.message, card } } : delivery;
  }

  /**
   * Sends committed deliveries in order and claims `delivered:{id}` for each one sent. `claimFirst` (after a
   * restart) claims before sending instead, so that two processes recovering at once never both send one.
   */
  async function send(outbox: PendingDelivery[], claimFirst = false): Promise<void> {
    for (const { id, delivery } of outbox) {
      if (claimFirst && !(await store.conversations.once(`delivered:${id}`, DELIVERY_MEMORY_SECONDS))) continue;
      await deliver(await withCard(delivery));
      if (!claimFirst) await store.conversations.once(`delivered:${id}`, DELIVERY_MEMORY_SECONDS).catch((err: unknown) => logger.error({ err }, 'could not record a sent delivery'));
    }
  }

  /** Hands one delivery to its platform's adapter; a new card's reference is saved with its case. */
  async function deliver(delivery: Delivery): Promise<void> {
    const channel = delivery.to === 'user' ? delivery.address.channel : delivery.destination.channel;
    const adapter = deps.adapters.get(channel);
    if (!adapter) return logger.warn({ channel, to: delivery.to }, 'no adapter for this delivery');
    try {
      const ref = await adapter.deliver(delivery);
      if (delivery.to === 'agents' && delivery.message.kind === 'card' && !delivery.message.update && typeof ref === 'string') {
        await rememberCardRef(delivery.message.case.id, channel, ref);
      }
    } catch (err) {
      logger.error({ err, channel, to: delivery.to }, 'delivery failed');
    }
  }

  async function deliverPending(): Promise<void> {
    const since = new Date(deps.clock().getTime() - DELIVERY_MEMORY_SECONDS * 1000).toISOString();
    for (const record of await store.conversations.updatedSince(since)) {
      if (!restoreState(record.state)?.outbox?.length) continue;
      await store.conversations.lock(record.id, async () => {
        const outbox = restoreState((await store.conversations.get(record.id))?.state)?.outbox ?? [];
        await send(outbox, true);
      });
    }
  }

  async function rememberCardRef(caseId: string, channel: ChannelName, ref: string): Promise<void> {
    const key = await store.cases.get(caseId);
    if (!key) return;
    await store.commit({ cases: [{ ...key, cardRefs: { ...key.cardRefs, [channel]: ref } }] });
  }

  async function tellUser(message: InboundMessage, what: 'unavailable' | 'failed'): Promise<void> {
    const lang = message.lang ?? deps.settings.defaultLang;
    const t = texts(lang);
    const text = what === 'unavailable' ? t.unavailable : t.failed;
    const address: UserAddress = { channel: message.channel, conversationId: message.conversationId, userId: message.user.id };
    // Nothing was committed, so there is nothing to recover: sent directly, outside any outbox.
    for (const p of toUser(address, [{ text }], { intent: null, confidence: null, state: 'idle', asking: null, slots: {}, caseId: null })) await deliver(p.delivery);
  }

  return { handlers, tick, deliverPending, applyRetention };
}

/** The store key of a conversation: `{channel}:{conversation}`. */
export function conversationKey(channel: ChannelName, conversationId: string): string {
  return `${channel}:${conversationId}`;
}

/** A delivery with a fresh id, for a turn's outbox. */
function pending(delivery: Delivery): PendingDelivery {
  return { id: randomUUID(), delivery };
}

/** The cases a turn's messages may be about, by id: each changed case's last version, else `fallback`. */
function casesById(changes: CaseChange[], fallback: SupportCase | undefined): Map<string, SupportCase> {
  const byId = new Map<string, SupportCase>(fallback ? [[fallback.id, fallback]] : []);
  for (const c of lastVersions(changes)) byId.set(c.id, c);
  return byId;
}

/** The final version of each case a turn touched. */
function lastVersions(changes: CaseChange[]): SupportCase[] {
  const byId = new Map<string, SupportCase>();
  for (const ch of changes) byId.set(ch.case.id, ch.case);
  return [...byId.values()];
}
