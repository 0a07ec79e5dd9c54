/**
 * A fake Discord gateway (plain JSON, one shard per client): HELLO, IDENTIFY → READY + GUILD_CREATE,
 * heartbeat ACKs, RESUME → replay + RESUMED, and dispatches with increasing sequence numbers per session.
 * Every identified client (e.g. a restarted adapter next to a running one) gets every dispatch.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Json } from './payloads.js';

/** What the gateway needs from the rest of the fake. */
export interface FakeGatewayOptions {
  token: string;
  url: () => string;
  ready: () => Json;
  guildCreate: () => Json;
  heartbeatInterval: number;
}

/** Counts of what clients did, for assertions. */
export interface GatewayStats {
  identifies: number;
  resumes: number;
  heartbeats: number;
  /** Intents bitfield of the last IDENTIFY. */
  intents: number | null;
}

/** The fake gateway. */
export interface FakeGateway {
  stats: GatewayStats;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends a dispatch to every session (queued for RESUME while a client is away). */
  dispatch(t: string, d: Json): void;
  /** Closes every connection with `code`; after a client resumes, the last `replayLast` dispatches it already had are sent again. */
  disconnect(code: number, options?: { replayLast?: number }): void;
  /** Resolves when every session has a ready connection (after IDENTIFY or RESUME). */
  connected(): Promise<void>;
  close(): Promise<void>;
}

interface Sent {
  s: number;
  t: string;
  d: Json;
}

interface Session {
  id: string;
  seq: number;
  log: Sent[];
  ws: WebSocket | undefined;
  replayLast: number;
}

/** Creates the gateway; attach it to an HTTP server's `upgrade` event. */
export function createFakeGateway(options: FakeGatewayOptions): FakeGateway {
  const wss = new WebSocketServer({ noServer: true });
  const stats: GatewayStats = { identifies: 0, resumes: 0, heartbeats: 0, intents: null };
  const sessions = new Map<string, Session>();
  let waiters: Array<() => void> = [];

  const send = (ws: WebSocket, payload: Json) => ws.send(JSON.stringify(payload));
  const sendDispatch = (ws: WebSocket, e: Sent) => send(ws, { op: 0, t: e.t, s: e.s, d: e.d });
  const allLive = () => [...sessions.values()].every((s) => s.ws?.readyState === WebSocket.OPEN);
  const settle = () => {
    if (!allLive()) return;
    for (const w of waiters) w();
    waiters = [];
  };

  function record(session: Session, t: string, d: Json): Sent {
    const e = { s: ++session.seq, t, d };
    session.log.push(e);
    return e;
  }

  wss.on('connection', (ws) => {
    send(ws, { op: 10, d: { heartbeat_interval: options.heartbeatInterval } });
    ws.on('message', (raw) => {
      const p = JSON.parse(String(raw)) as { op: number; d: Json & { token?: string; session_id?: string; seq?: number; intents?: number } };
      if (p.op === 1) {
        stats.heartbeats++;
        send(ws, { op: 11 });
      } else if (p.op === 2) {
        if (p.d.token !== options.token) return ws.close(4004, 'Authentication failed');
        stats.identifies++;
        stats.intents = p.d.intents ?? null;
        const session: Session = { id: randomUUID(), seq: 0, log: [], ws, replayLast: 0 };
        sessions.set(session.id, session);
        sendDispatch(ws, record(session, 'READY', { ...options.ready(), session_id: session.id, resume_gateway_url: options.url() }));
        sendDispatch(ws, record(session, 'GUILD_CREATE', options.guildCreate()));
        settle();
      } else if (p.op === 6) {
        const session = sessions.get(p.d.session_id ?? '');
        if (p.d.token !== options.token || !session) return send(ws, { op: 9, d: false });
        stats.resumes++;
        const from = p.d.seq ?? 0;
        const already = session.replayLast > 0 ? session.log.filter((e) => e.s <= from).slice(-session.replayLast) : [];
        session.replayLast = 0;
        for (const e of [...already, ...session.log.filter((x) => x.s > from)]) sendDispatch(ws, e);
        send(ws, { op: 0, t: 'RESUMED', s: session.seq, d: {} });
        session.ws = ws;
        settle();
      }
    });
    ws.on('close', () => {
      // A client that closes its own connection (destroy) is gone; a fake disconnect detached the socket first and keeps the session.
      for (const s of sessions.values()) if (s.ws === ws) sessions.delete(s.id);
    });
  });

  return {
    stats,
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    dispatch(t, d) {
      for (const s of sessions.values()) {
        const e = record(s, t, d);
        if (s.ws?.readyState === WebSocket.OPEN) sendDispatch(s.ws, e);
      }
    },
    disconnect(code, opts = {}) {
      for (const s of sessions.values()) {
        const ws = s.ws;
        s.ws = undefined;
        s.replayLast = opts.replayLast ?? 0;
        ws?.close(code, 'fake disconnect');
      }
    },
    connected() {
      return sessions.size > 0 && allLive() ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
