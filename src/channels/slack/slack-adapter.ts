/**
 * The Slack channel adapter on Bolt: users talk to the bot in DMs, by mentioning it in channels (answered in a
 * thread) and through /deskbot; agents get case cards with buttons in their channel and talk to users in the
 * card's thread. Socket Mode (default) or HTTP (Events API) mode.
 *
 * Platform errors never reach the core: a failed Web API call is logged (without tokens) and the conversation
 * goes on. Rate limits (429) are waited out as Slack's Retry-After says; 5xx and connection errors are retried
 * with backoff by the WebClient; `ok:false` answers (the call was processed) are never retried, so nothing is
 * posted twice because of a retry.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPModuleFunctions, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { CARD_VERBS } from '../../cases/lifecycle.js';
import type { SupportCase } from '../../cases/types.js';
import type { AgentAction, AgentMessage, Choice, ChannelAdapter, InboundHandlers, InboundMessage, PostedCard } from '../contract.js';
import { createLogger } from '../../log.js';
import { createAgentAccess, type AgentAccess } from './agent-access.js';
import { errorFacts, eventTypeOf, guardSocketFrames, requestBodyOf, startFailure, timedOut, toBoltLogger } from './bolt-diagnostics.js';
import { createBotThreads, type BotThreads } from './bot-threads.js';
import { DEFAULT_RETRY, type SlackConfig } from './config.js';
import { formatCardRef, parseCardRef } from '../card-ref.js';
import {
  conversationOf,
  filesOf,
  isDirectChannel,
  isUserPost,
  mentionsBot,
  parseConversationId,
  postId,
  postText,
  threadOf,
} from './inbound.js';
import { actionBodyShape, messageShortcutShape, postEventShape, pressedActionShape, type ActionBody, type MessageShortcut, type PressedAction, type SlackPostEvent } from './payload-shapes.js';
import { slashCommandChoice } from './slash-command.js';
import { openDirectChannel, publicPlaceOf } from './user-dm.js';
import { createTtlCache } from './ttl-cache.js';
import { createPressGuard } from '../ui-guard.js';
import { CASE_ACTION_PREFIX, renderCaseCard, renderHome, renderNotice, renderRelay } from './render-case.js';
import { CHOICE_ACTION_PREFIX, chosenBlocks, renderUserMessage, type SlackPost } from './render-user.js';

/** The Slack adapter; `httpPort()` tells where HTTP mode listens (useful with port 0). */
export interface SlackAdapter extends ChannelAdapter {
  httpPort(): number | undefined;
}

/** Extra wiring, mostly for tests. */
export interface SlackAdapterOptions {
  logger?: Logger;
}

/** One Web API request may take this long; a hung call must not hold a conversation's turn forever. */
const DEFAULT_TIMEOUT_MS = 20_000;
const ELSEWHERE = 'DM으로 답해 드렸어요. / I answered you in our DM.';
/** The message shortcut agents use to suggest a reply as an answer (manifest.yaml declares it). */
const SUGGEST_SHORTCUT = { callback_id: 'deskbot_suggest_answer', type: 'message_action' } as const;

/** Creates the Slack channel adapter. */
export function createSlackAdapter(config: SlackConfig, options: SlackAdapterOptions = {}): SlackAdapter {
  const logger = options.logger ?? createLogger('slack');
  // Duplicates (Slack's retries, a post arriving as both `message` and `app_mention`) are dropped by the core:
  // a post's id is its channel:ts, the same in every copy. The adapter only ignores double clicks.
  const presses = createPressGuard();
  const names = createTtlCache<string>(10 * 60_000, 5000);
  let app: App | undefined;
  let server: Server | undefined;
  let handlers: InboundHandlers | undefined;
  let access: AgentAccess;
  let threads: BotThreads;

  const report = (method: string, err: unknown) => logger.error({ method, ...errorFacts(err) }, 'Slack API call failed');

  /** Runs a Web API call; a failure is logged and yields undefined instead of reaching the caller. */
  async function attempt<T>(method: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (err) {
      report(method, err);
      return undefined;
    }
  }

  function client() {
    if (!app) throw new Error('the Slack adapter is not started');
    return app.client;
  }

  async function nameOf(userId: string): Promise<string | undefined> {
    const hit = names.get(userId);
    if (hit !== undefined) return hit || undefined;
    const r = await attempt('users.info', () => client().users.info({ user: userId }));
    const u = r?.user;
    const name = u?.profile?.display_name || u?.real_name || u?.name || '';
    // A failed lookup is not cached, so a later message gets the name.
    if (r) names.set(userId, name);
    return name || undefined;
  }

  async function post(channel: string, p: SlackPost, threadTs?: string): Promise<string | undefined> {
    const r = await attempt('chat.postMessage', () =>
      client().chat.postMessage({ channel, text: p.text, blocks: p.blocks, thread_ts: threadTs, unfurl_links: false, unfurl_media: false }),
    );
    return r?.ts;
  }

  /** Shows the core's refusal to the one person who was refused. */
  async function refuse(channel: string, user: string, text: string, threadTs?: string): Promise<void> {
    await attempt('chat.postEphemeral', () => client().chat.postEphemeral({ channel, user, text, thread_ts: threadTs }));
  }

  /** The person acting in a channel, as the core asks about them: an agent when a member of that channel (or group). */
  async function actor(userId: string, channel: string): Promise<AgentAction['agent']> {
    return { id: userId, name: await nameOf(userId), isAgent: () => access.isAgent(userId, channel) };
  }

  // ---------------------------------------------------------------- inbound: users and agents' thread replies

  async function onPost(event: SlackPostEvent, botUserId: string | undefined): Promise<void> {
    const h = handlers;
    if (!h || !isUserPost(event, botUserId)) return;
    const user = event.user as string;
    const direct = isDirectChannel(event.channel, event.channel_type);
    const thread = threadOf(event);
    if (!direct && thread) {
      // A reply under a case card is an agent talking to the user, even when it mentions the bot. The core knows
      // the cards: it answers `not-a-case` for any other thread.
      const outcome = await h.onAgentAction({
        id: postId(event.channel, event.ts),
        channel: 'slack',
        agent: await actor(user, event.channel),
        card: formatCardRef({ platform: 'slack', channel: event.channel, thread }),
        verb: 'reply',
        text: postText(event.text, botUserId),
        files: filesOf(event),
      });
      if (outcome.kind === 'refused') return refuse(event.channel, user, outcome.text, thread);
      if (outcome.kind === 'handled') return;
    }
    if (!direct) {
      const mentioned = event.type === 'app_mention' || mentionsBot(event.text, botUserId);
      if (mentioned) threads.remember(event.channel, thread ?? event.ts);
      else if (!thread || !(await threads.isBotThread(event.channel, thread, botUserId))) return;
    }
    const id = postId(event.channel, event.ts);
    const message: InboundMessage = {
      id,
      channel: 'slack',
      conversationId: conversationOf(event.channel, direct, thread, event.ts),
      user: { id: user, name: await nameOf(user), isBot: false },
      text: postText(event.text, botUserId),
      files: filesOf(event),
      ...(direct ? {} : publicPlaceOf(client, user)),
      // A reply in a DM thread on one of a case's messages (its receipt, a [case] message) is written to that case.
      caseId: direct && thread ? await threads.caseOfThread(event.channel, thread, botUserId) : undefined,
      raw: event,
    };
    await h.onMessage(message);
  }

  async function onChoice(body: ActionBody, action: PressedAction): Promise<void> {
    const h = handlers;
    const channel = body.channel?.id;
    const msg = body.message;
    const picked = action.selected_option ?? (action.value !== undefined ? { value: action.value, text: { text: action.text?.text ?? action.value } } : undefined);
    if (!h || !channel || !msg || !picked) return;
    // One press per message: the buttons are removed below, this also ignores a second click already in flight.
    // (A later copy of the press has the same id below, so the core drops it.)
    if (!presses.firstPress(`${channel}:${msg.ts}`)) return;
    await attempt('chat.update', () =>
      client().chat.update({ channel, ts: msg.ts, text: msg.text ?? picked.text.text, blocks: chosenBlocks(msg.blocks, picked.text.text) }),
    );
    const direct = isDirectChannel(channel);
    await h.onMessage({
      id: `choice:${channel}:${msg.ts}`,
      channel: 'slack',
      conversationId: conversationOf(channel, direct, msg.thread_ts, msg.ts),
      user: { id: body.user.id, name: await nameOf(body.user.id), isBot: false },
      text: picked.text.text,
      choice: picked.value,
      ...(direct ? {} : publicPlaceOf(client, body.user.id)),
    });
  }

  async function onCaseButton(body: ActionBody, action: PressedAction): Promise<void> {
    const h = handlers;
    const channel = body.channel?.id;
    const verb = CARD_VERBS.find((v) => v === action.action_id.slice(CASE_ACTION_PREFIX.length));
    if (!h || !channel || !action.value || !verb) return;
    const user = body.user.id;
    if (!presses.firstPress(`${channel}:${body.message?.ts}:${verb}:${user}`)) return;
    const outcome = await h.onAgentAction({
      id: `${channel}:${action.action_ts ?? body.message?.ts}:${verb}`,
      channel: 'slack',
      agent: await actor(user, channel),
      caseId: action.value,
      verb,
    });
    if (outcome.kind === 'refused') await refuse(channel, user, outcome.text, body.message?.thread_ts);
  }

  /** "Suggest as answer" on a message in a case thread: the core saves it for the review inbox, or says why not. */
  async function onSuggestShortcut(s: MessageShortcut): Promise<void> {
    const h = handlers;
    if (!h) return;
    const thread = s.message.thread_ts ?? s.message.ts;
    const outcome = await h.onAgentAction({
      id: `suggest:${s.channel.id}:${s.message.ts}:${s.user.id}`,
      channel: 'slack',
      agent: await actor(s.user.id, s.channel.id),
      card: formatCardRef({ platform: 'slack', channel: s.channel.id, thread }),
      verb: 'suggest',
      text: postText(s.message.text, undefined),
    });
    if (outcome.kind === 'refused') await refuse(s.channel.id, s.user.id, outcome.text, s.message.thread_ts);
  }

  async function onCommand(command: { user_id: string; channel_id: string; text?: string; trigger_id: string }): Promise<void> {
    const h = handlers;
    if (!h) return;
    const choice = slashCommandChoice(command.text);
    const channel = await attempt('conversations.open', () => openDirectChannel(client(), command.user_id));
    if (!channel) return;
    await h.onMessage({
      id: `command:${command.trigger_id}`,
      channel: 'slack',
      conversationId: channel,
      user: { id: command.user_id, name: await nameOf(command.user_id), isBot: false },
      text: `/deskbot ${command.text ?? ''}`.trim(),
      choice,
    });
  }

  async function onHomeOpened(event: { user: string; tab?: string }): Promise<void> {
    const h = handlers;
    if (!h || event.tab !== 'home') return;
    await h.onCasesViewOpened('slack', event.user);
  }

  // ---------------------------------------------------------------- outbound

  async function deliverToAgents(target: string, m: AgentMessage): Promise<PostedCard | undefined> {
    if (m.kind === 'card') return deliverCard(target, m.case, m.update);
    // The core names the card: the adapter keeps no case state.
    const ref = parseCardRef(m.card, 'slack');
    const p = m.kind === 'relay' ? renderRelay(m.from, m.text, m.files) : renderNotice(m.text);
    if (ref) {
      await post(ref.channel, p, ref.thread);
      return undefined;
    }
    // No card known (it failed to post): the agents still get the message, with the case id to find it.
    await post(target, { ...p, text: `[${m.caseId}] ${p.text}`, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: `*${m.caseId}*` }] }, ...p.blocks] });
    return undefined;
  }

  async function deliverCard(target: string, c: SupportCase, update: boolean): Promise<PostedCard | undefined> {
    const card = renderCaseCard(c);
    const existing = parseCardRef(c.cardRefs.slack, 'slack');
    if (update && existing) {
      await attempt('chat.update', () => client().chat.update({ channel: existing.channel, ts: existing.thread, text: card.text, blocks: card.blocks }));
      return undefined;
    }
    if (!target) {
      logger.error({ caseId: c.id }, 'no Slack channel configured for this route (ROUTES=route=slack:CHANNEL_ID)');
      return undefined;
    }
    const r = await attempt('chat.postMessage', () =>
      client().chat.postMessage({ channel: target, text: card.text, blocks: card.blocks, unfurl_links: false, unfurl_media: false }),
    );
    if (!r?.ts) return undefined;
    const channel = r.channel ?? target;
    // Slack's own permalink (right on Enterprise Grid too); without one the card still works, only unlinked.
    const link = await attempt('chat.getPermalink', () => client().chat.getPermalink({ channel, message_ts: r.ts as string }));
    return { ref: formatCardRef({ platform: 'slack', channel, thread: r.ts }), ...(link?.permalink ? { link: link.permalink } : {}) };
  }

  async function deliverToUser(conversationId: string, text: string, choices: Choice[] | undefined): Promise<void> {
    const { channel, threadTs } = parseConversationId(conversationId);
    for (const p of renderUserMessage({ text, choices })) await post(channel, p, threadTs);
  }

  // ---------------------------------------------------------------- lifecycle

  function buildApp(): App {
    const boltLogger = toBoltLogger(logger);
    const policy = config.retry ?? DEFAULT_RETRY;
    const retryConfig = {
      retries: policy.retries,
      factor: 2,
      minTimeout: policy.minTimeoutMs,
      maxTimeout: policy.maxTimeoutMs,
      randomize: true,
      // A request that timed out may still have been carried out by Slack: retrying it could post twice.
      onFailedAttempt: (error: Error) => {
        if (timedOut(error)) throw error;
      },
    };
    const clientOptions = { slackApiUrl: config.apiUrl, retryConfig, timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS };
    const receiver =
      config.mode === 'socket'
        ? guardSocketFrames(
            new SocketModeReceiver({ appToken: requireSetting(config.appToken, 'SLACK_APP_TOKEN'), logger: boltLogger, installerOptions: { clientOptions } }),
            logger,
          )
        : new HTTPReceiver({
            signingSecret: requireSetting(config.signingSecret, 'SLACK_SIGNING_SECRET'),
            processBeforeResponse: config.processBeforeResponse ?? false,
            logger: boltLogger,
            // Bolt's own log line for an event it cannot process says nothing of what it was.
            processEventErrorHandler: async (args) => {
              logger.error({ event: eventTypeOf(requestBodyOf(args.request)), ...errorFacts(args.error) }, 'Slack event could not be handled; skipped');
              return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
            },
          });
    // extendedErrorHandler: the error handler also gets the event, so its type can be logged.
    return new App({ token: config.botToken, receiver, clientOptions, logger: boltLogger, deferInitialization: true, extendedErrorHandler: true });
  }

  function listen(a: App): void {
    // A retried event (same event_id, X-Slack-Retry-Num) carries the same post: the core drops it by its id.
    a.event('message', async ({ event, context }) => onPost(postEventShape.parse(event), context.botUserId));
    a.event('app_mention', async ({ event, context }) => onPost(postEventShape.parse(event), context.botUserId));
    a.event('app_home_opened', async ({ event }) => onHomeOpened(event));
    a.action(new RegExp(`^${CHOICE_ACTION_PREFIX}`), async ({ ack, body, action }) => {
      await ack();
      await onChoice(actionBodyShape.parse(body), pressedActionShape.parse(action));
    });
    a.action(new RegExp(`^${CASE_ACTION_PREFIX}`), async ({ ack, body, action }) => {
      await ack();
      await onCaseButton(actionBodyShape.parse(body), pressedActionShape.parse(action));
    });
    a.shortcut(SUGGEST_SHORTCUT, async ({ ack, shortcut }) => {
      await ack();
      await onSuggestShortcut(messageShortcutShape.parse(shortcut));
    });
    a.command('/deskbot', async ({ ack, command }) => {
      await ack(isDirectChannel(command.channel_id) ? undefined : { response_type: 'ephemeral', text: ELSEWHERE });
      await onCommand(command);
    });
    // An event our listeners cannot read (it breaks Slack's format) is logged with its type and skipped; the next one is served.
    a.error(async ({ error, body }: { error: Error; body: unknown }) => {
      logger.error({ event: eventTypeOf(body), ...errorFacts(error) }, 'Slack event could not be handled; skipped');
    });
  }

  return {
    name: 'slack',
    async start(h) {
      handlers = h;
      const a = buildApp();
      access = createAgentAccess(a.client, config.agentUsergroup, report);
      threads = createBotThreads(a.client, report);
      listen(a);
      // auth.test checks the bot token; in Socket Mode, start() then opens the socket with the app-level token.
      await a.init().catch((err: unknown) => {
        throw startFailure('auth.test (SLACK_BOT_TOKEN)', err);
      });
      // Set before start(): events can arrive as soon as the socket or server is up.
      app = a;
      try {
        const started: unknown = config.mode === 'http' ? await a.start(config.host ? { port: config.port, host: config.host } : config.port) : await a.start();
        if (config.mode === 'http') server = started as Server;
      } catch (err) {
        app = undefined;
        throw startFailure(config.mode === 'socket' ? 'apps.connections.open (SLACK_APP_TOKEN)' : `listening on SLACK_PORT ${config.port}`, err);
      }
      logger.info({ mode: config.mode, port: config.mode === 'http' ? (server?.address() as AddressInfo | null)?.port : undefined }, 'Slack adapter started');
    },
    async deliver(d) {
      if (!app) {
        logger.error('Slack delivery before start()');
        return undefined;
      }
      if (d.to === 'user') return deliverToUser(d.address.conversationId, d.message.text, d.message.choices);
      // Slack agents see their queue in the agents' channel; the queue view is the console's.
      if (d.to === 'queue-view') return undefined;
      if (d.to === 'cases-view') {
        await attempt('views.publish', () => client().views.publish({ user_id: d.userId, view: renderHome(d.cases) }));
        return undefined;
      }
      return deliverToAgents(d.destination.target, d.message);
    },
    async stop() {
      const a = app;
      app = undefined;
      handlers = undefined;
      server = undefined;
      await a?.stop();
    },
    httpPort() {
      const address = server?.address();
      return address && typeof address === 'object' ? address.port : undefined;
    },
  };
}

function requireSetting(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required for this Slack mode`);
  return value;
}
