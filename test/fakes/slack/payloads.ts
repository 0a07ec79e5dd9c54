/** Builders of Slack payloads as Slack sends them (events, block actions, slash commands), and the two ways to send them. */
import { createHmac, randomUUID } from 'node:crypto';
import type { FakeMessage, FakeSlack } from './fake-slack.js';

let tsCounter = 0;
/** A fresh message timestamp for a user's post. */
export function userTs(): string {
  tsCounter += 1;
  return `1800000000.${String(tsCounter).padStart(6, '0')}`;
}

/** The DM channel the fake opens for a user (`U1` → `D1`). */
export function dmOf(user: string): string {
  return `D${user.replace(/^U/, '')}`;
}

/** A user's post in their DM with the app. */
export function dmEvent(user: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = userTs();
  return { type: 'message', channel: dmOf(user), channel_type: 'im', user, text, ts, event_ts: ts, ...extra };
}

/** A post in a channel (`message.channels`), optionally a reply in a thread. */
export function channelEvent(channel: string, user: string, text: string, threadTs?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = userTs();
  return { type: 'message', channel, channel_type: 'channel', user, text, ts, event_ts: ts, ...(threadTs ? { thread_ts: threadTs } : {}), ...extra };
}

/** The `app_mention` twin of a channel post. */
export function asMention(post: Record<string, unknown>): Record<string, unknown> {
  const { channel_type: _type, ...rest } = post;
  return { ...rest, type: 'app_mention' };
}

/** The app_home_opened event of a user opening the Home tab. */
export function homeOpenedEvent(user: string): Record<string, unknown> {
  return { type: 'app_home_opened', user, channel: dmOf(user), tab: 'home', event_ts: userTs() };
}

/** Wraps an event in the Events API envelope. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${randomUUID().slice(0, 8)}`): Record<string, unknown> {
  return {
    token: 'verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
  };
}

/** A block_actions payload: `user` pressed the element with `value` (or, given `actionId`, that button) on the bot's message `m`. */
export function pressPayload(m: FakeMessage, user: string, value: string, actionId?: string): Record<string, unknown> {
  const action = findAction(m, value, actionId);
  if (!action) throw new Error(`no choice "${value}"${actionId ? ` (${actionId})` : ''} on message ${m.ts}: ${JSON.stringify(m.blocks)}`);
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1',
    token: 'verification-token',
    container: { type: 'message', message_ts: m.ts, channel_id: m.channel, is_ephemeral: false },
    trigger_id: `trigger-${randomUUID()}`,
    team: { id: 'T1', domain: 'fake' },
    channel: { id: m.channel, name: m.channel },
    message: { type: 'message', ts: m.ts, text: m.text, blocks: m.blocks, user: m.user, bot_id: m.bot_id, ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}) },
    actions: [{ ...action, action_ts: userTs() }],
  };
}

/** The values of the choices (buttons and select options) on a message. */
export function choicesOn(m: Pick<FakeMessage, 'blocks'>): string[] {
  const values: string[] = [];
  for (const b of m.blocks as Array<{ type: string; elements?: Array<{ value?: string; options?: Array<{ value: string }> }> }>) {
    if (b.type !== 'actions') continue;
    for (const e of b.elements ?? []) {
      if (e.value !== undefined) values.push(e.value);
      for (const o of e.options ?? []) values.push(o.value);
    }
  }
  return values;
}

/** What a person sees of a message: the text of its blocks (or its fallback text), entities decoded. */
export function visibleText(m: Pick<FakeMessage, 'blocks' | 'text'>): string {
  const parts: string[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') parts.push(o.text);
    for (const [k, v] of Object.entries(o)) {
      if (k === 'text' && typeof v === 'string') continue;
      if (Array.isArray(v)) v.forEach(visit);
      else if (typeof v === 'object') visit(v);
    }
  };
  (m.blocks as unknown[]).forEach(visit);
  const raw = parts.length ? parts.join('\n') : m.text;
  return raw.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function findAction(m: FakeMessage, value: string, actionId?: string): Record<string, unknown> | undefined {
  for (const b of m.blocks as Array<{ type: string; block_id?: string; elements?: Array<Record<string, unknown>> }>) {
    if (b.type !== 'actions') continue;
    for (const e of b.elements ?? []) {
      if (e.value === value && (actionId === undefined || e.action_id === actionId)) return { action_id: e.action_id, block_id: b.block_id, type: 'button', value, text: e.text };
      const option = (e.options as Array<{ value: string; text: unknown }> | undefined)?.find((o) => o.value === value);
      if (option) return { action_id: e.action_id, block_id: b.block_id, type: 'static_select', selected_option: option };
    }
  }
  return undefined;
}

/** The fields of a `/deskbot` slash command. */
export function slashCommand(user: string, channel: string, text: string): Record<string, string> {
  return {
    token: 'verification-token',
    team_id: 'T1',
    channel_id: channel,
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/deskbot',
    text,
    api_app_id: 'A1',
    trigger_id: `trigger-${randomUUID()}`,
    response_url: 'http://127.0.0.1:9/commands/response',
  };
}

/** Sends Slack traffic to the adapter; in HTTP mode it resolves after the bot handled it (processBeforeResponse). */
export interface SlackSender {
  event(event: Record<string, unknown>, options?: { eventId?: string; retryNum?: number }): Promise<number>;
  interaction(payload: Record<string, unknown>): Promise<number>;
  command(fields: Record<string, string>): Promise<{ status: number; body: string }>;
}

/** Signs a request body as Slack does. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Posts to the adapter's HTTP endpoint, signed with `secret`. */
export async function signedPost(url: string, secret: string, body: string, contentType: string, headers: Record<string, string> = {}): Promise<Response> {
  const ts = Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(secret, ts, body), ...headers },
    body,
  });
}

/** Sends through HTTP mode (Events API and interactivity on /slack/events). */
export function httpSender(baseUrl: string, secret: string): SlackSender {
  const url = `${baseUrl}/slack/events`;
  return {
    async event(event, options = {}) {
      const headers: Record<string, string> = options.retryNum ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
      const res = await signedPost(url, secret, JSON.stringify(eventEnvelope(event, options.eventId)), 'application/json', headers);
      await res.text();
      return res.status;
    },
    async interaction(payload) {
      const res = await signedPost(url, secret, `payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
      await res.text();
      return res.status;
    },
    async command(fields) {
      const res = await signedPost(url, secret, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
      return { status: res.status, body: await res.text() };
    },
  };
}

/** Sends through the fake's Socket Mode connection; resolves once the client acknowledged the envelope. */
export function socketSender(fake: FakeSlack): SlackSender {
  return {
    async event(event, options = {}) {
      await fake.sendEnvelope('events_api', eventEnvelope(event, options.eventId), options.retryNum ?? 0);
      return 200;
    },
    async interaction(payload) {
      await fake.sendEnvelope('interactive', payload);
      return 200;
    },
    async command(fields) {
      const ack = await fake.sendEnvelope('slash_commands', fields);
      return { status: 200, body: JSON.stringify(ack.payload ?? {}) };
    },
  };
}
