/**
 * Connections of the PostgreSQL store: telling a lost connection from a wrong query, and the one
 * connect-and-retry loop every query and lock goes through. A query that fails because its connection died
 * (pg_terminate_backend, server restart, network reset) is retried once on a fresh connection; when that
 * fails too, StoreUnavailableError is thrown.
 */
import type pg from 'pg';
import { StoreUnavailableError } from '../errors.js';

const CONNECTION_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: pg_terminate_backend or a fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // too_many_connections
]);

const CONNECTION_ERROR_TEXT = /connection terminated|connection error|not queryable|timeout exceeded when trying to connect|client was closed|terminating connection/i;

/** True when err means the connection (or the server) is gone, rather than that the query was wrong. */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) || CONNECTION_ERROR_TEXT.test(err.message);
}

/** Listens to 'error' on a checked-out connection: one that dies between queries emits it, and the next query reports it instead. */
const ignoreError = () => undefined;

/** A connection kept checked out after withConnection (a held lock), and how to give it back. */
export interface KeptConnection {
  client: pg.PoolClient;
  /** Returns the connection to its pool; with an error, destroys it instead (which releases its locks on the server). */
  release(err?: Error): void;
}

/**
 * Runs use on a connection of pool and releases it after; a connection lost on connecting or during use is
 * retried once on a fresh one, then reported as StoreUnavailableError naming `what`. Any other error is thrown as it is.
 */
export function withConnection<T>(pool: pg.Pool, what: string, use: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return attempt(pool, what, async (client) => {
    const result = await use(client);
    giveBack(client);
    return result;
  });
}

/** As withConnection, but a successful use keeps the connection checked out for the caller, who must release it. */
export function keepConnection(pool: pg.Pool, what: string, use: (client: pg.PoolClient) => Promise<void>): Promise<KeptConnection> {
  return attempt(pool, what, async (client) => {
    await use(client);
    return { client, release: (err) => giveBack(client, err) };
  });
}

async function attempt<T>(pool: pg.Pool, what: string, run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (let tries = 0; tries < 2; tries++) {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      if (!isConnectionError(err)) throw err;
      lastError = err;
      continue;
    }
    client.on('error', ignoreError);
    try {
      return await run(client);
    } catch (err) {
      const lost = isConnectionError(err);
      giveBack(client, lost ? (err as Error) : undefined);
      if (!lost) throw err;
      lastError = err;
    }
  }
  throw new StoreUnavailableError(`the database cannot be reached (${what}): ${(lastError as Error)?.message ?? lastError}`, { cause: lastError });
}

function giveBack(client: pg.PoolClient, err?: Error): void {
  client.off('error', ignoreError);
  client.release(err);
}
