/** PostgreSQL advisory locks as conversations.lock holds them: each on a connection kept for it, or on the connection of a lock already held. */
import type pg from 'pg';
import { keepConnection, type KeptConnection } from './connection.js';

/** An advisory lock held on a connection. */
export interface HeldLock {
  client: pg.PoolClient;
  release: () => Promise<void>;
}

/** Takes the advisory lock of lockKey on a connection of the lock pool, kept until release. */
export async function takeLock(lockPool: pg.Pool, lockKey: string): Promise<HeldLock> {
  // The connection sits idle while the holder runs; if it dies then, the server drops the lock and nothing must crash.
  const kept: KeptConnection = await keepConnection(lockPool, 'lock', async (client) => {
    await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
  });
  let released = false;
  const release = async () => {
    // Called once more by withLock after a retry has already let a dead lock connection go.
    if (released) return;
    released = true;
    try {
      await kept.client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
      kept.release();
    } catch (err) {
      // A connection that failed to unlock is destroyed, which releases its locks on the server.
      kept.release(err as Error);
    }
  };
  return { client: kept.client, release };
}

/** Takes the advisory lock of lockKey on a connection that already holds another lock; release leaves the connection to its holder. */
export async function takeLockOn(client: pg.PoolClient, lockKey: string): Promise<HeldLock> {
  await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    // A dead connection has dropped the lock with it; the outer holder finds out on its own.
    await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]).catch(() => undefined);
  };
  return { client, release };
}
