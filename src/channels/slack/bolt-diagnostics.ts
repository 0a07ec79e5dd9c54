/** What the adapter logs of Bolt and the Slack SDK: event types and error facts, never payloads, tokens or user text. */
import { HTTPModuleFunctions, LogLevel, type BufferedIncomingMessage, type Logger as BoltLogger, type SocketModeReceiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { scrubSecrets } from '../../log.js';

/**
 * Socket Mode's client decodes each frame in an async handler whose failure nothing catches, so one envelope that
 * breaks the protocol (events_api without its event) would end the process as an unhandled rejection. The handler
 * is re-registered under a guard that logs the envelope's type (never its payload) and goes on with the next frame.
 */
export function guardSocketFrames(receiver: SocketModeReceiver, logger: Logger): SocketModeReceiver {
  // 'ws_message' and onWebSocketMessage are @slack/socket-mode's (3.x) frame entry, outside its typings.
  const client = receiver.client as unknown as {
    onWebSocketMessage(data: unknown, isBinary: boolean): Promise<void>;
    removeAllListeners(event: string): void;
    on(event: string, listener: (data: unknown, isBinary: boolean) => void): void;
  };
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data, isBinary) => {
    client.onWebSocketMessage(data, isBinary).catch((err: unknown) => {
      logger.error({ envelope: envelopeTypeOf(data), ...errorFacts(err) }, 'Slack Socket Mode envelope could not be decoded; skipped');
    });
  });
  return receiver;
}

/** A Socket Mode frame's envelope type (events_api, interactive, ...), or 'unknown'. */
function envelopeTypeOf(data: unknown): string {
  try {
    const type = (JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer)) as { type?: unknown } | null)?.type;
    return typeof type === 'string' ? type : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The parsed body of a request Bolt has read (undefined when it cannot be parsed). */
export function requestBodyOf(request: unknown): unknown {
  try {
    return HTTPModuleFunctions.parseHTTPRequestBody(request as BufferedIncomingMessage);
  } catch {
    return undefined;
  }
}

/** What kind of Slack event a body carries (message, block_actions, /deskbot, ...), for the logs. */
export function eventTypeOf(body: unknown): string {
  const b = body as { event?: { type?: unknown }; type?: unknown; command?: unknown } | undefined;
  const type = b?.event?.type ?? b?.command ?? b?.type;
  return typeof type === 'string' ? type : 'unknown';
}

/** Facts about a failed call that are safe to log (no request, no headers, no token). */
export function errorFacts(err: unknown): Record<string, unknown> {
  const e = err as { code?: string; message?: string; data?: { error?: string }; statusCode?: number; retryAfter?: number; original?: { message?: string } };
  return {
    code: e?.code,
    error: e?.data?.error,
    status: e?.statusCode,
    retryAfter: e?.retryAfter,
    message: e?.original?.message ?? e?.message ?? String(err),
  };
}

/** Bolt's logger interface on top of pino (pino's hooks scrub tokens from every message). */
export function toBoltLogger(log: Logger): BoltLogger {
  const text = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : safeJson(p))).join(' ');
  return {
    debug: (...m: unknown[]) => log.debug(withoutPayload(text(m))),
    info: (...m: unknown[]) => log.info(text(m)),
    warn: (...m: unknown[]) => log.warn(text(m)),
    error: (...m: unknown[]) => log.error(text(m)),
    setLevel: () => undefined,
    getLevel: () => (log.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => undefined,
  };
}

/**
 * An SDK debug line without what follows its first colon: the Web API client logs every request body and
 * result ("http request body: {...}") and Socket Mode every event it receives, and those hold user text.
 */
function withoutPayload(line: string): string {
  const colon = line.indexOf(':');
  return colon === -1 ? line.slice(0, 200) : `${line.slice(0, Math.min(colon, 200))}: (not logged)`;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** A start-up failure that says which step failed (and so which setting is at fault), keeping the SDK's error as its cause. */
export function startFailure(step: string, err: unknown): Error {
  return new Error(`Slack start-up failed at ${step}: ${scrubSecrets(err instanceof Error ? err.message : String(err))}`, { cause: err });
}

/** True when a Web API call failed by timing out (or being aborted). */
export function timedOut(error: Error): boolean {
  const name = (error as { original?: { name?: string } }).original?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}
