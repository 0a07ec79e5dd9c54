/**
 * Keys of conversations.once (the lowdb store) in a JSON Lines file of their own: one `["key", expiresAtMs|null]` line per claim.
 *
 * A busy bot claims a key per inbound message and keeps it for days; in the main data file those keys would
 * be rewritten on every commit. Here a claim is one small append. Appends are not fsynced: a claim is written
 * before its turn's commit, whose fsync covers it on most filesystems, and a claim lost in a power cut only
 * means a redelivered message is handled again. Expired keys are dropped by rewriting the file now and then.
 */
import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { createKeyedLock } from './keyed-lock.js';

/** A set of keys with expiry, persisted as an append-only log. */
export interface KeyLog {
  /** Claims key: true if it was free (never seen, or expired), false if it is taken. */
  claim(key: string, ttlSeconds?: number): Promise<boolean>;
  close(): Promise<void>;
}

// After this many appends the expired keys are pruned, and the file rewritten if it is mostly dead lines.
const PRUNE_EVERY = 1000;

/** Opens (or creates) the key log at path; unreadable lines (e.g. a write cut short by a crash) are skipped. */
export async function openKeyLog(path: string, now: () => number = Date.now): Promise<KeyLog> {
  const keys = new Map<string, number | null>();
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  let lines = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    lines++;
    try {
      const [key, expires] = JSON.parse(line) as [unknown, unknown];
      if (typeof key === 'string' && (expires === null || typeof expires === 'number')) keys.set(key, expires);
    } catch {
      // Only the last line can be cut short; the claim it held never returned true to anyone.
    }
  }
  let handle: FileHandle = await open(path, 'a');
  // Starts a fresh line if the file ends in the middle of one.
  if (text.length > 0 && !text.endsWith('\n')) await handle.write('\n');
  const writes = createKeyedLock();
  let appends = 0;

  const prune = () => {
    const t = now();
    for (const [key, expires] of keys) if (expires !== null && expires <= t) keys.delete(key);
  };

  const compact = async () => {
    const temp = `${path}.tmp`;
    const out = await open(temp, 'w');
    try {
      await out.writeFile([...keys].map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      await out.sync();
    } finally {
      await out.close();
    }
    await rename(temp, path);
    await handle.close();
    handle = await open(path, 'a');
    lines = keys.size;
  };

  prune();
  return {
    async claim(key, ttlSeconds) {
      const t = now();
      const expires = keys.get(key);
      if (expires !== undefined && (expires === null || expires > t)) return false;
      const entry: [string, number | null] = [key, ttlSeconds === undefined ? null : t + ttlSeconds * 1000];
      // Taken in memory at once, so concurrent claims of one key cannot both win.
      keys.set(key, entry[1]);
      try {
        await writes.run('', async () => {
          await handle.write(`${JSON.stringify(entry)}\n`);
          lines++;
          if (++appends % PRUNE_EVERY !== 0) return;
          prune();
          // Best effort: a failed rewrite leaves the longer file, which still reads back the same keys.
          if (lines >= 2 * keys.size + PRUNE_EVERY) await compact().catch(() => undefined);
        });
      } catch (err) {
        keys.delete(key);
        throw err;
      }
      return true;
    },
    async close() {
      await writes.run('', async () => {
        await handle.close();
      });
    },
  };
}
