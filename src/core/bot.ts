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
import { step, type DialogEnv, type Reply } from '../dialog/step.js';
import { agentTexts, texts } from '../dialog/texts.js';
import type { TurnContext, Understanding } from '../dialog/understanding.js';
import type { DetailName, Intent, Lang } from '../knowledge/types.js';
import { formatDetailValue, formatWhen } from '../dialog/summary.js';
import { queueOrder } from '../insight/case-list.js';
import { LOW_CONFIDENCE_MARGIN } from '../nlu/matcher.js';
import type { MessageMatcher } from '../nlu/types.js';
import { CaseIdTakenError, StoreUnavailableError } from '../store/errors.js';
import type { Store } from '../store/port.js';
import { parseCardRef, savedFormsOf } from '../channels/card-ref.js';
import type {
  AgentAction,
  AgentActionOutcome,
  AgentDestination,
  AgentMessage,
  CardText,
  ChannelAdapter,
  Delivery,
  InboundHandlers,
  InboundMessage,
  PendingDelivery,
  UserAddress,
} from '../channels/contract.js';
import { agentView } from './agent-view.js';
import { createRetention } from './retention.js';
import { createSender } from './sender.js';
import { turnMeta } from './turn-meta.js';
import { conversationKey } from './conversation-key.js';
import { createPrivateMove } from './private-move.js';
import { turnLogEntry } from './turn-log.js';
import { boundInput, cleanText, understand } from './understand.js';

/** The knowledge the bot answers from (swapped atomically on hot reload). */
export interface BotKnowledge {
  matcher: MessageMatcher;
  byId(id: string): Intent | undefined;
  /** An intent's answer in one language with operator variables filled in. */
  answer(intent: Intent, lang: Lang): string;
  /** The other company's service a message is about, if any (out of scope whatever its words). */
  otherServiceIn(text: string): string | undefined;
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
  /** The language of the agents' side: notices and refusals (AGENTS_LANG). */
  agentsLang: Lang;
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

/** An agent action the core handled (applied, refused by the case's status, or dropped). */
const HANDLED: AgentActionOutcome = { kind: 'handled' };

/** How many of a user's cases a cases view shows. */
const CASES_VIEW_SIZE = 20;

/** Creates the bot core. */
export function createBot(deps: BotDeps): Bot {
  const { store, logger } = deps;
  const sender = createSender({ store, adapters: deps.adapters, clock: deps.clock, logger });
  const goPrivate = createPrivateMove({ store, sender, clock: deps.clock, logger, toUser: (address, replies) => toUser(address, replies) });

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
        const caseId = action.caseId ?? (await caseIdOfCard(action));
        if (!caseId && action.verb === 'suggest') return { kind: 'refused', text: agentTexts(deps.settings.agentsLang).notInCase };
        if (!caseId) return action.card === undefined ? HANDLED : { kind: 'not-a-case' };
        if (!(await action.agent.isAgent())) return { kind: 'refused', text: agentTexts(deps.settings.agentsLang).notAnAgent };
        const c = await store.cases.get(caseId);
        if (!c) return { kind: 'refused', text: agentTexts(deps.settings.agentsLang).unknownCase(caseId) };
        if (destinationOf(c).channel !== action.channel) {
          logger.warn({ caseId: c.id, from: action.channel }, 'agent action from a platform that does not serve this route');
          return HANDLED;
        }
        const key = conversationKey(c.requester.channel, c.requester.conversationId);
        const text = action.text === undefined ? undefined : cleanText(boundInput(action.text).text);
        // The action's id is saved in the requester's conversation with the change it makes: a redelivery
        // of an applied action is dropped, and one whose commit failed is applied when it comes again.
        await store.conversations.lock(key, () =>
          caseTurn(
            c.id,
            key,
            (fresh, conv) => agentTurn(fresh, conv, { ...action, text }, deps.clock(), deps.settings.agentsLang),
            `agent:${action.channel}:${action.id}`,
          ),
        );
      } catch (err) {
        logger.error({ err, caseId: action.caseId }, 'agent action failed');
      }
      return HANDLED;
    },
    async onQueueViewOpened(channel) {
      try {
        const now = deps.clock();
        const cases = (await store.cases.active()).filter((c) => destinationOf(c).channel === channel).sort(queueOrder(now));
        await sender.deliverNow({ to: 'queue-view', channel, cases, now: now.toISOString(), timeZone: deps.settings.timeZone });
      } catch (err) {
        logger.error({ err, channel }, 'could not show the agents their queue');
      }
    },
    async onCasesViewOpened(channel, userId) {
      try {
        const cases = await store.cases.byRequester(channel, userId, CASES_VIEW_SIZE);
        await sender.deliverNow({ to: 'cases-view', channel, userId, cases });
      } catch (err) {
        logger.error({ err, channel }, 'could not show a user their cases');
      }
    },
  };

  /** The case whose card the action's thread is under, by the reference's current or older saved form. */
  async function caseIdOfCard(action: AgentAction): Promise<string | undefined> {
    const ref = parseCardRef(action.card, action.channel);
    if (!ref) return undefined;
    for (const form of savedFormsOf(ref)) {
      const id = await store.cases.idByCardRef(form);
      if (id) return id;
    }
    return undefined;
  }

  async function userTurn(message: InboundMessage, key: string): Promise<void> {
    const record = await store.conversations.get(key);
    const restored = restoreState(record?.state);
    if (record && !restored) logger.warn({ conversation: key }, 'a saved conversation is not in a shape this version reads; it starts over');
    let state = restored ?? initialState(message.channel, message.conversationId, message.user.id, deps.settings.defaultLang);
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
      const turn = turnLogEntry(message, key, result, deps.clock());
      try {
        if (result.private) return await goPrivate(message, key, seen, result, turn);
        const outbox = [...toUser(address, result.replies), ...toAgents(result.agentMessages, casesById(result.caseChanges, ctx.activeCase))];
        // The turn log's entry goes in the turn's own commit: a crash can neither lose it nor count it twice.
        await store.commit({
          conversations: [{ id: key, state: { ...result.state, seen, outbox }, updatedAt: deps.clock().toISOString() }],
          cases: lastVersions(result.caseChanges),
          events: result.caseChanges.map((c) => c.event),
          turns: [turn],
        });
        return await sender.send(outbox, { address, meta: turnMeta(result.state, result.state.caseId, result.decided) });
      } catch (err) {
        if (err instanceof CaseIdTakenError && tries < MAX_CASE_ID_DRAWS) continue;
        throw err;
      }
    }
  }

  async function loadContext(state: DialogState, u: Understanding, message: InboundMessage): Promise<TurnContext> {
    const ctx: TurnContext = {};
    if (message.publicPlace) ctx.inPublic = true;
    if (u.addressedTo) {
      const c = await store.cases.get(u.addressedTo);
      // Only the user's own open case can be written to; any other id is answered as not found.
      if (c && c.status !== 'closed' && c.requester.channel === message.channel && c.requester.userId === message.user.id) ctx.addressedCase = c;
    }
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
      otherServiceIn: (text) => kb.otherServiceIn(text),
      routeOf: (intent) => (intent?.route && deps.settings.routes[intent.route] ? intent.route : 'default'),
      agentsLang: deps.settings.agentsLang,
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
    const outbox = [...toUser(address, result.userReplies), ...toAgents(result.agentMessages, casesById(result.caseChanges, c))];
    await store.commit({
      conversations: [{ id: key, state: { ...after, seen, outbox }, updatedAt: deps.clock().toISOString() }],
      cases: lastVersions(result.caseChanges),
      events: result.caseChanges.map((ch) => ch.event),
    });
    await sender.send(outbox, { address, meta: turnMeta(after, c.id) });
  }

  const applyRetention = createRetention(store, deps.settings.retentionDays, deps.clock, logger);

  async function tick(): Promise<void> {
    await applyRetention();
    const now = deps.clock();
    const { reminderHours, autoCloseDays, timeZone, agentsLang } = deps.settings;
    const opts = { reminderHours, autoCloseDays, timeZone, agentsLang };
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

  /** The user's replies as deliveries. */
  function toUser(address: UserAddress, replies: Reply[]): PendingDelivery[] {
    return replies.map((r) => pending({ to: 'user', address, message: { text: r.text, choices: r.choices } }));
  }

  /** A card's due time and details in the operator's zone and the agents' language, formatted as users see them. */
  function cardText(c: SupportCase): CardText {
    const { agentsLang, timeZone } = deps.settings;
    const details = Object.fromEntries(Object.entries(c.details).map(([name, value]) => [name, formatDetailValue(name as DetailName, value as string, agentsLang, timeZone)]));
    return { due: formatWhen(new Date(c.dueAt), agentsLang, timeZone), details };
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
      const seen = agentView(m.kind === 'card' ? { ...m, case: latest } : card ? { ...m, card } : m, latest);
      // The card's words come from the case as agents see it (account id masked).
      const message = seen.kind === 'card' ? { ...seen, shown: cardText(seen.case) } : seen;
      out.push(pending({ to: 'agents', destination, message }));
    }
    return out;
  }

  async function tellUser(message: InboundMessage, what: 'unavailable' | 'failed'): Promise<void> {
    const lang = message.lang ?? deps.settings.defaultLang;
    const t = texts(lang);
    const text = what === 'unavailable' ? t.unavailable : t.failed;
    const address: UserAddress = { channel: message.channel, conversationId: message.conversationId, userId: message.user.id };
    // Nothing was committed, so there is nothing to recover: sent directly, outside any outbox.
    await sender.deliverNow({ to: 'user', address, message: { text } });
  }

  return { handlers, tick, deliverPending: sender.deliverPending, applyRetention };
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
