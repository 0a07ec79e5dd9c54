/**
 * A fake Slack on 127.0.0.1: the Web API (POST /api/<method>, form-encoded, every call recorded) with a message
 * store that chat.postMessage/chat.update keep current, and a Socket Mode WebSocket endpoint that sends envelopes.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One recorded Web API call. */
export interface FakeCall {
  method: string;
  /** Form fields; JSON-looking fields (blocks, view, metadata) are parsed. */
  args: Record<string, unknown>;
  /** The bearer token the call carried. */
  token: string | undefined;
  /** HTTP status the fake answered with. */
  status: number;
}

/** A message as it currently looks in the fake workspace. */
export interface FakeMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks: unknown[];
  user: string;
  bot_id?: string;
  /** True after a chat.update. */
  edited: boolean;
}

/** A failure the fake gives the next matching call(s). */
export type FakeFailure =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 }
  | { error: string }
  | { drop: true }
  /** Never answers (the request times out on the client's side). */
  | { hang: true };

/** Workspace facts the fake answers with. */
export interface FakeSlackOptions {
  botUserId?: string;
  botId?: string;
  /** Members per channel (conversations.members). */
  members?: Record<string, string[]>;
  /** Members per user group (usergroups.users.list). */
  usergroups?: Record<string, string[]>;
  /** Display names per user (users.info). */
  names?: Record<string, string>;
}

/** The running fake. */
export interface FakeSlack {
  /** Base URL of the Web API, e.g. `http://127.0.0.1:PORT/api/`. */
  apiUrl: string;
  botUserId: string;
  botId: string;
  calls: FakeCall[];
  /** Calls of one method, oldest first. */
  callsOf(method: string): FakeCall[];
  /** Messages of a channel (top level and threads) in posting order, as they look now. */
  messagesIn(channel: string): FakeMessage[];
  message(channel: string, ts: string): FakeMessage | undefined;
  /** Makes the next `times` calls of `method` fail this way. */
  failNext(method: string, failure: FakeFailure, times?: number): void;
  /** Resolves when a call matching `test` has been recorded (rejects after `ms`). */
  waitForCall(test: (c: FakeCall) => boolean, ms?: number): Promise<FakeCall>;
  /** Sends a Socket Mode envelope to the connected client; resolves with its ack. */
  sendEnvelope(type: 'events_api' | 'interactive' | 'slash_commands', payload: object, retryAttempt?: number): Promise<{ envelope_id: string; payload?: unknown }>;
  /** Sends one raw text frame to the connected Socket Mode client (for frames that break the protocol). */
  sendFrame(text: string): void;
  /** Resolves once a Socket Mode client is connected. */
  socketConnected(ms?: number): Promise<void>;
  /** Sets channel members (agents' channel) after start. */
  setMembers(channel: string, users: string[]): void;
  close(): Promise<void>;
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botUserId = options.botUserId ?? 'UBOT';
  const botId = options.botId ?? 'BBOT';
  const members: Record<string, string[]> = { ...(options.members ?? {}) };
  const usergroups = options.usergroups ?? {};
  const names = options.names ?? {};
  const calls: FakeCall[] = [];
  const messages: FakeMessage[] = [];
  const failures = new Map<string, FakeFailure[]>();
  const waiters: Array<{ test: (c: FakeCall) => boolean; resolve: (c: FakeCall) => void }> = [];
  const sockets = new Set<Socket>();
  let tsCounter = 0;
  let socket: WebSocket | undefined;
  const socketWaiters: Array<() => void> = [];
  const acks = new Map<string, (ack: { envelope_id: string; payload?: unknown }) => void>();

  const record = (call: FakeCall) => {
    calls.push(call);
    for (const w of [...waiters]) {
      if (w.test(call)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(call);
      }
    }
  };

  const nextTs = () => `${1_700_000_000 + ++tsCounter}.${String(tsCounter * 100).padStart(6, '0')}`;

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: botUserId, bot_id: botId, team_id: 'T1', user: 'deskbot', team: 'Fake' };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=${randomUUID()}` };
      case 'chat.postMessage': {
        const channel = String(args.channel);
        const m: FakeMessage = {
          channel,
          ts: nextTs(),
          thread_ts: args.thread_ts ? String(args.thread_ts) : undefined,
          text: String(args.text ?? ''),
          blocks: (args.blocks as unknown[]) ?? [],
          user: botUserId,
          bot_id: botId,
          edited: false,
        };
        messages.push(m);
        return { ok: true, channel, ts: m.ts, message: { ...m, type: 'message' } };
      }
      case 'chat.update': {
        const m = messages.find((x) => x.channel === args.channel && x.ts === args.ts);
        if (!m) return { ok: false, error: 'message_not_found' };
        if (args.text !== undefined) m.text = String(args.text);
        if (args.blocks !== undefined) m.blocks = args.blocks as unknown[];
        m.edited = true;
        return { ok: true, channel: m.channel, ts: m.ts, text: m.text };
      }
      case 'chat.getPermalink': {
        // Slack's documented shape: the workspace's domain, the channel, and the ts without its dot.
        const m = messages.find((x) => x.channel === args.channel && x.ts === args.message_ts);
        if (!m) return { ok: false, error: 'message_not_found' };
        return { ok: true, channel: m.channel, permalink: `https://fake-workspace.slack.com/archives/${m.channel}/p${m.ts.replace('.', '')}` };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).replace(/^U/, '')}` } };
      case 'conversations.members':
        return { ok: true, members: members[String(args.channel)] ?? [], response_metadata: { next_cursor: '' } };
      case 'conversations.replies': {
        const parent = messages.find((x) => x.channel === args.channel && x.ts === args.ts);
        if (!parent) return { ok: true, messages: [] };
        const replies = messages.filter((x) => x.channel === args.channel && x.thread_ts === parent.ts);
        return { ok: true, messages: [{ ...parent, reply_users: [...new Set(replies.map((r) => r.user))] }], has_more: false };
      }
      case 'usergroups.users.list':
        return { ok: true, users: usergroups[String(args.usergroup)] ?? [] };
      case 'users.info': {
        const id = String(args.user);
        return { ok: true, user: { id, name: id.toLowerCase(), real_name: names[id] ?? id, profile: { display_name: names[id] ?? '' } } };
      }
      case 'views.publish':
        return { ok: true, view: { id: `V${++tsCounter}`, ...(args.view as object) } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const method = decodeURIComponent((req.url ?? '').replace(/^\/api\//, '').split('?')[0]);
    const args = parseArgs(body, req.headers['content-type']);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const queue = failures.get(method);
    const failure = queue?.shift();
    if (failure && 'hang' in failure) {
      record({ method, args, token, status: 0 });
      return;
    }
    if (failure && 'drop' in failure) {
      record({ method, args, token, status: 0 });
      req.socket.destroy();
      return;
    }
    if (failure && 'status' in failure) {
      record({ method, args, token, status: failure.status });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.status === 429) headers['retry-after'] = String(failure.retryAfter);
      res.writeHead(failure.status, headers).end(JSON.stringify({ ok: false, error: failure.status === 429 ? 'ratelimited' : 'internal_error' }));
      return;
    }
    const reply = failure && 'error' in failure ? { ok: false, error: failure.error } : answer(method, args);
    record({ method, args, token, status: 200 });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, sock, head) => {
    if (!req.url?.startsWith('/link')) return sock.destroy();
    wss.handleUpgrade(req, sock, head, (ws) => {
      socket = ws;
      ws.on('message', (data) => {
        const ack = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (ack.envelope_id) acks.get(ack.envelope_id)?.(ack as { envelope_id: string });
      });
      ws.on('close', () => {
        if (socket === ws) socket = undefined;
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A1' } }));
      for (const w of socketWaiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    botUserId,
    botId,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    messagesIn: (channel) => messages.filter((m) => m.channel === channel),
    message: (channel, ts) => messages.find((m) => m.channel === channel && m.ts === ts),
    failNext(method, failure, times = 1) {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push(failure);
      failures.set(method, queue);
    },
    waitForCall(test, ms = 5000) {
      const found = calls.find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { test, resolve: (c: FakeCall) => (clearTimeout(timer), resolve(c)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error('fake Slack: the expected call did not arrive'));
        }, ms);
        waiters.push(w);
      });
    },
    sendEnvelope(type, payload, retryAttempt = 0) {
      if (!socket) return Promise.reject(new Error('fake Slack: no Socket Mode client is connected'));
      const envelope_id = randomUUID();
      const acked = new Promise<{ envelope_id: string; payload?: unknown }>((resolve) => acks.set(envelope_id, resolve));
      socket.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: retryAttempt, retry_reason: retryAttempt ? 'timeout' : '' }));
      return acked;
    },
    sendFrame(text) {
      if (!socket) throw new Error('fake Slack: no Socket Mode client is connected');
      socket.send(text);
    },
    socketConnected(ms = 5000) {
      if (socket) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('fake Slack: no Socket Mode client connected')), ms);
        socketWaiters.push(() => (clearTimeout(timer), resolve()));
      });
    },
    setMembers(channel, users) {
      members[channel] = users;
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (!body) return {};
  if (contentType?.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    args[k] = /^[[{]/.test(v) ? tryJson(v) : v;
  }
  return args;
}

function tryJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
