/**
 * A fake Discord on 127.0.0.1: REST API (`/api/v10/...`) and gateway over one HTTP server, with one guild
 * (roles, a general channel, an agents' text channel and an agents' forum), DMs, threads and interactions.
 * Tests drive users and agents through it and assert on what reached it.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeGateway, type FakeGateway } from './fake-gateway.js';
import {
  attachment,
  forumChannel,
  member,
  message,
  role,
  snowflake,
  textChannel,
  thread,
  user,
  type FakeUser,
  type Json,
} from './payloads.js';

/** One REST request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, decoded (`/webhooks/APP/TOKEN/messages/@original`). */
  path: string;
  body: Json | Json[] | undefined;
  authorization: string | undefined;
}

/** Everything a test needs from the fake. */
export interface FakeDiscord {
  /** The REST base for discord.js's `rest.api` option. */
  apiUrl: string;
  token: string;
  bot: FakeUser;
  ids: { application: string; guild: string; agentRole: string; botRole: string; general: string; agentsText: string; agentsForum: string };
  gateway: FakeGateway;
  requests: RecordedRequest[];
  channels: Map<string, Json>;
  messages: Map<string, Json>;
  /** Responses (callbacks and edits of the original reply) per interaction id, in order. */
  interactionResponses: Map<string, Json[]>;
  /** Adds a server member; `agent` gives them the agent role, `bot` makes them another bot. */
  addUser(name: string, options?: { agent?: boolean; bot?: boolean }): FakeUser;
  /** The id of the user's DM channel with the bot (created on first use). */
  dmChannelOf(userId: string): string;
  /** A user posts a message (DM channel, server channel or thread); `mentionBot` prefixes `<@bot>` (or `<@&botRole>` with 'role'). */
  /** A user's message; `replyTo`: the id of the message it replies to (Discord's Reply). */
  userMessage(author: FakeUser, channelId: string, content: string, options?: { mentionBot?: boolean | 'role'; files?: string[]; replyTo?: string }): Json;
  /** Dispatches a message's MESSAGE_CREATE once more, as the gateway replays events after a resume. */
  redeliver(messageId: string): void;
  /** A user presses a button (`customId`) or picks a select option (`values`) on a message. */
  interact(u: FakeUser, messageId: string, customId: string, options?: { values?: string[]; locale?: string; withoutMessage?: boolean }): string;
  /** A user runs a message context-menu command (`name`) on a message of a channel; returns the interaction id. */
  messageCommand(u: FakeUser, channelId: string, messageId: string, name: string, options?: { locale?: string }): string;
  /** A user runs `/deskbot <sub> [question]` in a channel. */
  slash(u: FakeUser, channelId: string, sub: string, options?: { question?: string; locale?: string }): string;
  /** Messages in a channel, oldest first. */
  messagesIn(channelId: string): Json[];
  /** Threads whose parent is `parentId`. */
  threadsOf(parentId: string): Json[];
  /** The next `times` requests `method path` (path after `/api/v10`, `:id` for ids) are answered 429 with Retry-After. */
  rateLimit(route: string, times: number, retryAfterSeconds: number): void;
  /** Checks `probe` after every request and dispatch, and every few milliseconds, until it returns something truthy. */
  waitFor<T>(probe: () => T | undefined | null | false, what: string, ms?: number): Promise<T>;
  close(): Promise<void>;
}

const API = '/api/v10';

/** Starts the fake on a free port. */
export async function startFakeDiscord(options: { heartbeatInterval?: number } = {}): Promise<FakeDiscord> {
  const bot = user(snowflake(), 'deskbot', true);
  // Shaped like a real bot token (base64 user id, timestamp, HMAC), so the configuration check accepts it.
  const token = `${Buffer.from(bot.id).toString('base64url')}.${randomUUID().slice(0, 6)}.${randomUUID().replaceAll('-', '')}`;
  const ids = {
    application: snowflake(),
    guild: snowflake(),
    agentRole: snowflake(),
    botRole: snowflake(),
    general: snowflake(),
    agentsText: snowflake(),
    agentsForum: snowflake(),
  };
  const requests: RecordedRequest[] = [];
  const channels = new Map<string, Json>();
  const messages = new Map<string, Json>();
  const interactionResponses = new Map<string, Json[]>();
  const interactions = new Map<string, { id: string; token: string; messageId?: string; acked: boolean }>();
  const users = new Map<string, FakeUser>([[bot.id, bot]]);
  const roles = new Map<string, string[]>([[bot.id, []]]);
  const dms = new Map<string, string>();
  const listeners = new Set<() => void>();
  const rateLimited = new Map<string, { times: number; retryAfter: number }>();
  const changed = () => {
    for (const l of listeners) l();
  };

  channels.set(ids.general, textChannel(ids.general, ids.guild, 'general'));
  channels.set(ids.agentsText, textChannel(ids.agentsText, ids.guild, 'support-agents'));
  channels.set(ids.agentsForum, forumChannel(ids.agentsForum, ids.guild, 'support-cases', ['open', 'claimed', 'Resolved', 'urgent']));

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => reply(res, 500, { message: String(err), code: 0 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const guildMember = (id: string) => ({ ...member(roles.get(id) ?? []), user: users.get(id) });
  const gateway = createFakeGateway({
    token,
    url: () => `ws://127.0.0.1:${port}/gateway`,
    heartbeatInterval: options.heartbeatInterval ?? 41_250,
    ready: () => ({ v: 10, user: bot, guilds: [{ id: ids.guild, unavailable: true }], shard: [0, 1], application: { id: ids.application, flags: 0 }, private_channels: [] }),
    guildCreate: () => ({
      id: ids.guild,
      name: 'Example',
      icon: null,
      owner_id: bot.id,
      unavailable: false,
      large: false,
      member_count: users.size,
      joined_at: '2026-01-01T00:00:00.000Z',
      preferred_locale: 'ko',
      features: [],
      emojis: [],
      stickers: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      premium_tier: 0,
      roles: [
        role(ids.guild, '@everyone', 0),
        role(ids.agentRole, 'Support agent', 1),
        // The role Discord creates for a bot, which user autocomplete often picks for "@deskbot".
        { ...role(ids.botRole, 'deskbot', 2), managed: true, tags: { bot_id: bot.id } },
      ],
      channels: [...channels.values()].filter((c) => c.type !== 11 && c.type !== 1).map((c) => ({ ...c, guild_id: undefined })),
      threads: [...channels.values()].filter((c) => c.type === 11),
      members: [...users.keys()].map(guildMember),
    }),
  });
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/gateway')) gateway.handleUpgrade(req, socket, head);
    else socket.destroy();
  });

  function reply(res: ServerResponse, status: number, body?: unknown): void {
    if (body === undefined) {
      res.writeHead(status).end();
    } else {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }
    changed();
  }

  function dispatch(t: string, d: Json): void {
    gateway.dispatch(t, d);
    changed();
  }

  function channelType(id: string): number | undefined {
    return channels.get(id)?.type as number | undefined;
  }

  /** Stores a message and dispatches its MESSAGE_CREATE, as Discord does for every message, the bot's too. */
  function createMessage(m: Json): Json {
    messages.set(m.id as string, m);
    const ch = channels.get(m.channel_id as string);
    if (ch) ch.last_message_id = m.id;
    dispatch('MESSAGE_CREATE', { ...m, channel_type: channelType(m.channel_id as string) });
    return m;
  }

  function createThread(id: string, parentId: string, name: string, appliedTags: string[] = []): Json {
    const t = thread(id, ids.guild, parentId, bot.id, name, appliedTags);
    channels.set(id, t);
    dispatch('THREAD_CREATE', { ...t, newly_created: true });
    return t;
  }

  async function readBody(req: IncomingMessage): Promise<Json | Json[] | undefined> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    return raw ? (JSON.parse(raw) as Json | Json[]) : undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname.startsWith(API) ? url.pathname.slice(API.length) : url.pathname);
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    requests.push({ method, path, body, authorization: req.headers.authorization });
    const seg = path.split('/').filter(Boolean);
    const route = `${method} /${seg.map((s) => (/^\d+$/.test(s) ? ':id' : s)).join('/')}`;

    if (seg[0] === 'interactions') return interactionCallback(res, seg[1], seg[2], body as Json);
    if (seg[0] === 'webhooks') return webhook(res, method, seg, body as Json);
    if (req.headers.authorization !== `Bot ${token}`) return reply(res, 401, { message: '401: Unauthorized', code: 0 });
    const limited = rateLimited.get(route);
    if (limited && limited.times > 0) {
      limited.times--;
      res.setHeader('retry-after', String(limited.retryAfter));
      return reply(res, 429, { message: 'You are being rate limited.', retry_after: limited.retryAfter, global: false });
    }

    switch (route) {
      case 'GET /gateway/bot':
        return reply(res, 200, { url: `ws://127.0.0.1:${port}/gateway`, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
      case 'GET /users/@me':
        return reply(res, 200, bot);
      case 'POST /users/@me/channels': {
        const recipient = (body as Json).recipient_id as string;
        return reply(res, 200, channels.get(dmChannelOf(recipient)));
      }
      case 'GET /channels/:id': {
        const ch = channels.get(seg[1]);
        return ch ? reply(res, 200, ch) : reply(res, 404, { message: 'Unknown Channel', code: 10003 });
      }
      case 'PATCH /channels/:id': {
        const ch = channels.get(seg[1]);
        if (!ch) return reply(res, 404, { message: 'Unknown Channel', code: 10003 });
        Object.assign(ch, body);
        dispatch('THREAD_UPDATE', ch);
        return reply(res, 200, ch);
      }
      case 'POST /channels/:id/messages': {
        if (!channels.has(seg[1])) return reply(res, 404, { message: 'Unknown Channel', code: 10003 });
        const b = body as Json;
        if (!b.content && !(b.embeds as unknown[] | undefined)?.length) return reply(res, 400, { message: 'Cannot send an empty message', code: 50006 });
        if (typeof b.content === 'string' && b.content.length > 2000) return reply(res, 400, { message: 'Invalid Form Body', code: 50035 });
        const guildId = channels.get(seg[1])?.guild_id as string | undefined;
        return reply(res, 200, createMessage(message({ id: snowflake(), channelId: seg[1], guildId, author: bot, content: '', ...b })));
      }
      case 'GET /channels/:id/messages/:id': {
        const m = messages.get(seg[3]);
        return m && m.channel_id === seg[1] ? reply(res, 200, m) : reply(res, 404, { message: 'Unknown Message', code: 10008 });
      }
      case 'PATCH /channels/:id/messages/:id': {
        const m = messages.get(seg[3]);
        if (!m || m.channel_id !== seg[1]) return reply(res, 404, { message: 'Unknown Message', code: 10008 });
        Object.assign(m, body, { edited_timestamp: new Date().toISOString() });
        dispatch('MESSAGE_UPDATE', m);
        return reply(res, 200, m);
      }
      case 'POST /channels/:id/messages/:id/threads': {
        const m = messages.get(seg[3]);
        if (!m || m.channel_id !== seg[1]) return reply(res, 404, { message: 'Unknown Message', code: 10008 });
        if (channels.has(seg[3])) return reply(res, 400, { message: 'A thread has already been created for this message', code: 160004 });
        return reply(res, 201, createThread(seg[3], seg[1], String((body as Json).name)));
      }
      case 'POST /channels/:id/threads': {
        const parent = channels.get(seg[1]);
        if (parent?.type !== 15) return reply(res, 400, { message: 'only forum posts are faked', code: 0 });
        const b = body as Json & { message: Json; applied_tags?: string[] };
        // A forum post's starter message has the same id as the post (thread).
        const id = snowflake();
        const t = createThread(id, seg[1], String(b.name), b.applied_tags ?? []);
        const starter = createMessage(message({ id, channelId: id, guildId: ids.guild, author: bot, content: '', ...b.message }));
        return reply(res, 201, { ...t, message: starter });
      }
      case 'GET /guilds/:id/threads/active':
        return reply(res, 200, { threads: [...channels.values()].filter((c) => c.type === 11), members: [] });
      case 'GET /channels/:id/threads/archived/public':
        return reply(res, 200, { threads: [], members: [], has_more: false });
      case 'GET /guilds/:id/members/:id': {
        const u = users.get(seg[3]);
        return u ? reply(res, 200, guildMember(u.id)) : reply(res, 404, { message: 'Unknown Member', code: 10007 });
      }
      case 'PUT /applications/:id/commands':
      case 'PUT /applications/:id/guilds/:id/commands':
        if (seg[1] !== ids.application) return reply(res, 403, { message: 'Missing Access', code: 50001 });
        return reply(res, 200, (body as Json[]).map((c) => ({ ...c, id: snowflake(), application_id: ids.application, version: snowflake() })));
      default:
        return reply(res, 404, { message: `fake: no route ${route}`, code: 0 });
    }
  }

  function interactionCallback(res: ServerResponse, id: string, itoken: string, body: Json): void {
    const i = interactions.get(id);
    if (!i || i.token !== itoken) return reply(res, 404, { message: 'Unknown interaction', code: 10062 });
    if (i.acked) return reply(res, 400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    i.acked = true;
    interactionResponses.get(id)?.push(body);
    // Type 7 (UPDATE_MESSAGE) edits the message the component is on.
    if (body.type === 7 && i.messageId) Object.assign(messages.get(i.messageId) as Json, body.data as Json);
    reply(res, 204);
  }

  function webhook(res: ServerResponse, method: string, seg: string[], body: Json): void {
    const i = [...interactions.values()].find((x) => x.token === seg[2]);
    if (!i || seg[1] !== ids.application) return reply(res, 404, { message: 'Unknown Webhook', code: 10015 });
    interactionResponses.get(i.id)?.push({ method, ...body });
    reply(res, 200, message({ id: snowflake(), channelId: '0', author: bot, content: String(body.content ?? ''), ...body }));
  }

  function dmChannelOf(userId: string): string {
    let id = dms.get(userId);
    if (!id) {
      id = snowflake();
      dms.set(userId, id);
      channels.set(id, { id, type: 1, recipients: [users.get(userId)], last_message_id: null, flags: 0 });
    }
    return id;
  }

  function interactionBase(u: FakeUser, channelId: string, locale: string): Json & { id: string } {
    const ch = channels.get(channelId) as Json;
    const id = snowflake();
    const itoken = `itoken-${randomUUID()}`;
    const inGuild = ch.guild_id !== undefined;
    interactionResponses.set(id, []);
    interactions.set(id, { id, token: itoken, acked: false });
    return {
      id,
      application_id: ids.application,
      token: itoken,
      version: 1,
      channel_id: channelId,
      channel: ch,
      locale,
      app_permissions: '0',
      entitlements: [],
      authorizing_integration_owners: { 0: ids.guild },
      context: inGuild ? 0 : 1,
      attachment_size_limit: 10_485_760,
      ...(inGuild ? { guild_id: ids.guild, guild_locale: 'ko', guild: { id: ids.guild, locale: 'ko', features: [] }, member: { ...guildMember(u.id), permissions: '0' } } : { user: u }),
    };
  }

  const fake: FakeDiscord = {
    apiUrl: `http://127.0.0.1:${port}/api`,
    token,
    bot,
    ids,
    gateway,
    requests,
    channels,
    messages,
    interactionResponses,
    addUser(name, opts = {}) {
      const u = user(snowflake(), name, opts.bot);
      users.set(u.id, u);
      roles.set(u.id, opts.agent ? [ids.agentRole] : []);
      return u;
    },
    dmChannelOf,
    userMessage(author, channelId, content, opts = {}) {
      const ch = channels.get(channelId) as Json;
      const guildId = ch.guild_id as string | undefined;
      return createMessage(
        message({
          id: snowflake(),
          channelId,
          guildId,
          author,
          content: opts.mentionBot === 'role' ? `<@&${ids.botRole}> ${content}` : opts.mentionBot ? `<@${bot.id}> ${content}` : content,
          mentions: opts.mentionBot === true ? [bot] : [],
          mention_roles: opts.mentionBot === 'role' ? [ids.botRole] : [],
          attachments: (opts.files ?? []).map(attachment),
          ...(guildId ? { member: member(roles.get(author.id) ?? []) } : {}),
          ...(opts.replyTo ? { type: 19, message_reference: { message_id: opts.replyTo, channel_id: channelId, ...(guildId ? { guild_id: guildId } : {}) } } : {}),
        }),
      );
    },
    redeliver(messageId) {
      const m = messages.get(messageId) as Json;
      dispatch('MESSAGE_CREATE', { ...m, channel_type: channelType(m.channel_id as string) });
    },
    interact(u, messageId, customId, opts = {}) {
      const m = messages.get(messageId) as Json;
      const base = interactionBase(u, m.channel_id as string, opts.locale ?? 'ko');
      (interactions.get(base.id) as { messageId?: string }).messageId = messageId;
      const data = opts.values ? { custom_id: customId, component_type: 3, values: opts.values } : { custom_id: customId, component_type: 2 };
      // withoutMessage breaks the spec on purpose: a component interaction always carries its message.
      dispatch('INTERACTION_CREATE', opts.withoutMessage ? { ...base, type: 3, data } : { ...base, type: 3, data, message: m });
      return base.id;
    },
    slash(u, channelId, sub, opts = {}) {
      const base = interactionBase(u, channelId, opts.locale ?? 'ko');
      const options = opts.question === undefined ? [] : [{ type: 3, name: 'question', value: opts.question }];
      dispatch('INTERACTION_CREATE', { ...base, type: 2, data: { id: snowflake(), name: 'deskbot', type: 1, options: [{ type: 1, name: sub, options }] } });
      return base.id;
    },
    messageCommand(u, channelId, messageId, name, opts = {}) {
      const base = interactionBase(u, channelId, opts.locale ?? 'en-US');
      const target = messages.get(messageId) as Json;
      dispatch('INTERACTION_CREATE', { ...base, type: 2, data: { id: snowflake(), name, type: 3, target_id: messageId, resolved: { messages: { [messageId]: target } } } });
      return base.id;
    },
    rateLimit(route, times, retryAfterSeconds) {
      rateLimited.set(route, { times, retryAfter: retryAfterSeconds });
    },
    messagesIn(channelId) {
      return [...messages.values()].filter((m) => m.channel_id === channelId).sort((a, b) => (BigInt(a.id as string) < BigInt(b.id as string) ? -1 : 1));
    },
    threadsOf(parentId) {
      return [...channels.values()].filter((c) => c.type === 11 && c.parent_id === parentId);
    },
    waitFor(probe, what, ms = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const v = probe();
          if (!v) return false;
          cleanup();
          resolve(v);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake discord: timed out waiting for ${what}`));
        }, ms);
        // Also polled: what the test waits for often happens in the client, after the fake's last event.
        const poll = setInterval(check, 5);
        const cleanup = () => {
          clearTimeout(timer);
          clearInterval(poll);
          listeners.delete(onChange);
        };
        const onChange = () => void check();
        if (!check()) listeners.add(onChange);
      });
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
