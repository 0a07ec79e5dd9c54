/**
 * The embedded default store: one lowdb JSON file for live data, plus an append-only archive of the rest.
 *
 * Files in the data directory:
 * - `deskbot.json` (lowdb/data-file.ts): format version, the most recently written conversations, cases that
 *   are not closed, and `archiveBytes`, the length of the archive that belongs to committed turns. It is
 *   rewritten whole on each commit (lowdb/durable-json-file.ts: temp file, fsync, rename, fsync of the
 *   directory), so it must stay small: no event log and no history lives in it.
 * - `deskbot-archive.jsonl` (lowdb/archive-format.ts, in the checksummed line format of lowdb/line-file.ts):
 *   closed cases with their events, conversations pushed out of deskbot.json, and each commit's new events of
 *   open cases, so that a commit's cost does not grow with history. Opening parses only the headers; a record
 *   is read at the offset kept in memory (lowdb/store-index.ts) when it is asked for. A damaged record is
 *   reported and skipped, never fatal. Once superseded lines outweigh live ones, lowdb/compaction.ts copies
 *   the live lines to `deskbot-archive.<n>.jsonl` and deskbot.json is pointed at it (`archiveFile`).
 * - `deskbot-turns.jsonl` (lowdb/turn-log-file.ts): the turn log, one checksummed line per entry, its
 *   committed length in deskbot.json (`turnLogBytes`); rewritten to `deskbot-turns.<n>.jsonl` on deletion.
 * - `deskbot-keys.jsonl`: keys of conversations.once (see key-log.ts).
 * The directory itself is locked while a store has it open (see directory-lock.ts).
 *
 * A commit appends its archive and turn log lines (fsync) before it writes `deskbot.json`, so bytes past
 * `archiveBytes` (or `turnLogBytes`) can only come from a commit that never completed: on open they are moved
 * to a side file and cut off.
 * Commits waiting while one is written are written together (lowdb/group-commit.ts).
 */
import { rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { Logger } from 'pino';
import { createLogger } from '../log.js';
import { explainDataDirError } from './data-dir-errors.js';
import { lockDirectory } from './directory-lock.js';
import { StoreReadOnlyError } from './errors.js';
import { openKeyLog, type KeyLog } from './key-log.js';
import type { Store } from './port.js';
import { readOnlyStore } from './read-only-store.js';
import { ARCHIVE_NAME, damageReporter, scanArchive } from './lowdb/archive-format.js';
import { checkDataFile, emptyDataFile, type DataFile } from './lowdb/data-file.js';
import { DurableJsonFile, makeDirectory } from './lowdb/durable-json-file.js';
import { openLineFile, openLineFileForReading, removeOtherVersions } from './lowdb/line-file.js';
import { StoreIndex } from './lowdb/store-index.js';
import { TURN_LOG_NAME } from './lowdb/turn-log-file.js';
import { LowdbStore } from './lowdb/store.js';

export { LOWDB_FORMAT_VERSION } from './lowdb/data-file.js';

/** Where the lowdb store keeps its files. */
export interface LowdbStoreOptions {
  /** Data directory, created if missing. */
  dir: string;
  /** How many recently written conversations deskbot.json keeps (default 500); the others are archived. */
  liveConversations?: number;
  /** Superseded archive bytes tolerated before the archive is compacted (default 64 MiB). */
  archiveGarbageLimit?: number;
  /** Where damaged records are reported (default: the "store" logger). */
  logger?: Pick<Logger, 'error'>;
}

/** File names inside the data directory. */
export const LOWDB_FILES = { data: 'deskbot.json', archive: 'deskbot-archive.jsonl', keys: 'deskbot-keys.jsonl', turns: 'deskbot-turns.jsonl' } as const;

/** Conversations kept in deskbot.json by default; older ones move to the archive (a conversation can hold 40 lines of text). */
const DEFAULT_LIVE_CONVERSATIONS = 500;
const DEFAULT_ARCHIVE_GARBAGE_LIMIT = 64 * 1024 * 1024;


/**
 * Opens (or creates) the lowdb store in options.dir; throws StoreCorruptError when its files cannot be trusted,
 * StoreInUseError when another process has the directory, and StoreUnavailableError when it cannot be used.
 */
export async function openLowdbStore(options: LowdbStoreOptions): Promise<Store> {
  try {
    return await openInDirectory(options);
  } catch (err) {
    throw explainDataDirError(err, options.dir);
  }
}

/** How many times a snapshot is read again when a rewrite replaced a file between reading deskbot.json and opening it. */
const SNAPSHOT_TRIES = 3;

/** Deliveries are never recorded through a read-only snapshot. */
const NO_KEYS: KeyLog = { claim: () => Promise.reject(new StoreReadOnlyError('recording a delivery')), close: async () => undefined };

/**
 * Opens the lowdb store in options.dir read-only, beside the bot that has it (`deskbot stats`, `cases`, `review`):
 * no lock is taken and no file is written, repaired or removed. It reads what deskbot.json said was committed when
 * it opened; every write is refused with StoreReadOnlyError.
 */
export async function openLowdbSnapshot(options: LowdbStoreOptions): Promise<Store> {
  for (let tries = 1; ; tries++) {
    try {
      return readOnlyStore(await openSnapshot(options));
    } catch (err) {
      // A compaction or retention replaced a file after deskbot.json was read: read the new deskbot.json.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && tries < SNAPSHOT_TRIES) continue;
      throw explainDataDirError(err, options.dir);
    }
  }
}

async function openSnapshot(options: LowdbStoreOptions): Promise<LowdbStore> {
  const dataPath = join(options.dir, LOWDB_FILES.data);
  const db = new Low<DataFile>(new DurableJsonFile<DataFile>(dataPath), emptyDataFile());
  const raw = await db.adapter.read();
  if (raw === null) throw Object.assign(new Error(`${dataPath} does not exist`), { code: 'ENOENT' });
  db.data = checkDataFile(dataPath, raw);
  const report = damageReporter(options.logger ?? createLogger('store'));
  const name = db.data.archiveFile ?? LOWDB_FILES.archive;
  const path = join(options.dir, name);
  const turnLog = { name: db.data.turnLogFile ?? LOWDB_FILES.turns, bytes: db.data.turnLogBytes ?? 0 };
  const handle = await openLineFileForReading(path, db.data.archiveBytes, LOWDB_FILES.data, 'closed cases');
  try {
    const index = new StoreIndex(db.data, await scanArchive(path, handle, db.data.archiveBytes, report));
    const turnHandle = await openLineFileForReading(join(options.dir, turnLog.name), turnLog.bytes, LOWDB_FILES.data, 'turn log entries');
    const limits = { liveConversations: Number.MAX_SAFE_INTEGER, archiveGarbageLimit: Number.MAX_SAFE_INTEGER };
    return new LowdbStore(db, { name, path, handle }, index, NO_KEYS, async () => undefined, report, limits, { ...turnLog, handle: turnHandle });
  } catch (err) {
    await handle.close();
    throw err;
  }
}

async function openInDirectory(options: LowdbStoreOptions): Promise<Store> {
  await makeDirectory(options.dir);
  const unlock = await lockDirectory(options.dir);
  try {
    // The pid lock file of earlier versions: the directory lock replaced it, and an operator might think it matters.
    await rm(join(options.dir, 'deskbot.lock'), { force: true });
    const dataPath = join(options.dir, LOWDB_FILES.data);
    const db = new Low<DataFile>(new DurableJsonFile<DataFile>(dataPath), emptyDataFile());
    const raw = await db.adapter.read();
    const existed = raw !== null;
    if (existed) db.data = checkDataFile(dataPath, raw);
    const name = db.data.archiveFile ?? LOWDB_FILES.archive;
    // Left by a compaction that was cut short, or superseded by one that completed.
    if (existed) await removeOtherVersions(options.dir, ARCHIVE_NAME, name);
    const report = damageReporter(options.logger ?? createLogger('store'));
    const path = join(options.dir, name);
    const handle = await openLineFile({
      path,
      committedBytes: db.data.archiveBytes,
      dataFileExisted: existed,
      dataFileName: LOWDB_FILES.data,
      holds: 'closed cases',
      family: ARCHIVE_NAME,
    });
    let index: StoreIndex;
    let keys: KeyLog;
    const turnLog = { name: db.data.turnLogFile ?? LOWDB_FILES.turns, bytes: db.data.turnLogBytes ?? 0 };
    let turnHandle: FileHandle | undefined;
    try {
      index = new StoreIndex(db.data, await scanArchive(path, handle, db.data.archiveBytes, report));
      if (existed) await removeOtherVersions(options.dir, TURN_LOG_NAME, turnLog.name);
      turnHandle = await openLineFile({
        path: join(options.dir, turnLog.name),
        committedBytes: turnLog.bytes,
        dataFileExisted: existed,
        dataFileName: LOWDB_FILES.data,
        holds: 'turn log entries',
        family: TURN_LOG_NAME,
      });
      keys = await openKeyLog(join(options.dir, LOWDB_FILES.keys));
    } catch (err) {
      await handle.close();
      await turnHandle?.close();
      throw err;
    }
    const limits = {
      liveConversations: options.liveConversations ?? DEFAULT_LIVE_CONVERSATIONS,
      archiveGarbageLimit: options.archiveGarbageLimit ?? DEFAULT_ARCHIVE_GARBAGE_LIMIT,
    };
    const store = new LowdbStore(db, { name, path, handle }, index, keys, unlock, report, limits, { ...turnLog, handle: turnHandle });
    // Writes the empty data file now, so a directory that cannot be written to fails at start, not mid-turn.
    // A format 1 file's open-case events move into the archive by an ordinary commit (the file is intact if it fails).
    const inlineEvents = db.data.events;
    const ready = !existed ? store.flush() : inlineEvents.length > 0 ? store.commit({ events: inlineEvents }) : store.compactIfWorthIt();
    await ready.catch(async (err: unknown) => {
      await store.close().catch(() => undefined);
      throw err;
    });
    return store;
  } catch (err) {
    await unlock();
    throw err;
  }
}
