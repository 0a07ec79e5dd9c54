/**
 * The embedded default store: one lowdb JSON file for live data, plus an append-only archive of the rest.
 *
 * Files in the data directory:
 * - `deskbot.json`: format version, the most recently written conversations, cases that are not closed,
 *   and `archiveBytes`, the length of the archive that belongs to committed turns. It is rewritten whole on
 *   each commit (temp file, fsync, rename, fsync of the directory), so it must stay small: no event log and
 *   no history lives in it (format 1 kept open cases' events here; they move to the archive at open).
 * - `deskbot-archive.jsonl`: one line per closed case, appended when a case closes (or a closed case
 *   changes), and one per conversation pushed out of `deskbot.json` by newer ones. A line is a small JSON
 *   header (what the in-memory index needs, and `sum`, the record's CRC-32), a tab, and the JSON record
 *   (`{"case": …, "events": […]}` or `{"conversation": …}`), and one line per commit that adds events to a
 *   case that is not closed (`{"events": […]}`), so that a case relaying thousands of messages costs each
 *   commit one small append; JSON text never holds a raw tab, so opening parses only the headers (and checks
 *   each record's sum: a damaged record is reported and skipped, never fatal). The last
 *   line of an id wins; a record in `deskbot.json` wins over the archive. History piles up for ever, so
 *   keeping it out of `deskbot.json` keeps a commit's cost independent of it; a record is read at the
 *   offset kept in memory when it is asked for. Once superseded lines outweigh live ones (and pass a size
 *   limit), the live lines are copied to `deskbot-archive.<n>.jsonl`, `deskbot.json` is pointed at it
 *   (field `archiveFile`), and the old file is deleted: a crash at any step leaves a consistent pair.
 * - `deskbot-keys.jsonl`: delivery keys of claimOnce (see key-log.ts).
 * The directory itself is locked while a store has it open (see directory-lock.ts).
 *
 * A commit appends its archive lines (fsync) before it writes `deskbot.json`, so bytes past `archiveBytes`
 * can only come from a commit that never completed: on open they are moved to a side file and cut off
 * (`<archive>.incomplete-<ms>`; the newest three are kept).
 */
import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { Low, type Adapter } from 'lowdb';
import type { Logger } from 'pino';
import type { CaseEvent, SupportCase } from '../cases/types.js';
import { createLogger } from '../log.js';
import { explainDataDirError } from './data-dir-errors.js';
import { lockDirectory } from './directory-lock.js';
import { StoreCorruptError, StoreUnavailableError } from './errors.js';
import { openKeyLog, type KeyLog } from './key-log.js';
import { createKeyedLock } from './keyed-lock.js';
import { toStorableJson, toStoredCopy } from './plain-json.js';
import type { ConversationRecord, RecordRewriter, RewriteCounts, Store, TurnCommit } from './port.js';

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

/** The format version of `deskbot.json` this code reads and writes. */
export const LOWDB_FORMAT_VERSION = 2;

/** The oldest format version this code still reads (and upgrades at open). */
const OLDEST_FORMAT_VERSION = 1;

/** File names inside the data directory. */
export const LOWDB_FILES = { data: 'deskbot.json', archive: 'deskbot-archive.jsonl', keys: 'deskbot-keys.jsonl' } as const;

interface DataFile {
  version: number;
  /** The archive's file name (absent: deskbot-archive.jsonl). */
  archiveFile?: string;
  archiveBytes: number;
  conversations: ConversationRecord[];
  cases: SupportCase[];
  /** Events of open cases: written by format 1 only, moved to the archive at open. */
  events: CaseEvent[];
}

interface CaseLine {
  case: SupportCase;
  events: CaseEvent[];
}

interface ConversationLine {
  conversation: ConversationRecord;
}

/** Events one commit added to a case that is not closed. */
interface EventsLine {
  events: CaseEvent[];
}

type ArchiveLine = CaseLine | ConversationLine | EventsLine;

/** Where an archived record's JSON (the part after the tab) is in the archive. */
interface LineRef {
  offset: number;
  length: number;
  /** CRC-32 of the record's bytes (absent in lines written before records carried one). */
  sum?: number;
}

/** What the in-memory index keeps of an archived case; the case itself stays on disk. */
interface ArchiveEntry extends LineRef {
  requester: string;
  createdAt: string;
  cardRefs: string[];
  events: number;
}

/** A line whose record holds events of a case that is not closed (an events line, or the line of a reopened case). */
interface EventsRef extends LineRef {
  count: number;
}

/** The header of an archive line: an archived case's index entry (without its place), a conversation's id, or a case's events. */
type LineHeader =
  | ({ kind: 'case'; id: string } & Omit<ArchiveEntry, 'offset' | 'length'>)
  | { kind: 'conversation'; id: string; sum?: number }
  | { kind: 'events'; id: string; count: number; sum?: number };

/** An archive record whose bytes are not what was written: reported, skipped, and left in the file as it is. */
interface DamagedRecord {
  file: string;
  /** Where the record's JSON starts (after its header). */
  offset: number;
  id: string;
}

const TAB = 9;
const NEWLINE = 10;

const READ_CHUNK_BYTES = 4 * 1024 * 1024;
/** Conversations kept in deskbot.json by default; older ones move to the archive (a conversation can hold 40 lines of text). */
const DEFAULT_LIVE_CONVERSATIONS = 500;
const DEFAULT_ARCHIVE_GARBAGE_LIMIT = 64 * 1024 * 1024;
const ARCHIVE_NAME = /^deskbot-archive(?:\.(\d+))?\.jsonl$/;
/** A cut-short commit's tail set aside at open, and how many of the newest are kept. */
const INCOMPLETE_NAME = /^deskbot-archive(?:\.\d+)?\.jsonl\.incomplete-(\d+)$/;
const KEPT_INCOMPLETE = 3;

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

async function openInDirectory(options: LowdbStoreOptions): Promise<Store> {
  await makeDirectory(options.dir);
  const unlock = await lockDirectory(options.dir);
  try {
    // The pid lock file of earlier versions: the directory lock replaced it, and an operator might think it matters.
    await rm(join(options.dir, 'deskbot.lock'), { force: true });
    const dataPath = join(options.dir, LOWDB_FILES.data);
    const db = new Low<DataFile>(new DurableJsonFile<DataFile>(dataPath), emptyDataFile());
    const existed = await readDataFile(db, dataPath);
    const archiveName = db.data.archiveFile ?? LOWDB_FILES.archive;
    // Left by a compaction that was cut short, or superseded by one that completed.
    if (existed) await removeOtherArchives(options.dir, archiveName);
    const report = damageReporter(options.logger ?? createLogger('store'));
    const archive = await openArchive(options.dir, archiveName, db.data.archiveBytes, existed, report);
    const keys = await openKeyLog(join(options.dir, LOWDB_FILES.keys)).catch(async (err: unknown) => {
      await archive.handle.close();
      throw err;
    });
    const store = new LowdbStore(db, archive, keys, db.data, unlock, report, {
      liveConversations: options.liveConversations ?? DEFAULT_LIVE_CONVERSATIONS,
      archiveGarbageLimit: options.archiveGarbageLimit ?? DEFAULT_ARCHIVE_GARBAGE_LIMIT,
    });
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

// ---------------------------------------------------------------------------------------------------------
// Files

async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    // Node's recursive mkdir says ENOENT where it could not create the last folder (e.g. EROFS); a plain one says why.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await mkdir(dir);
  }
}

/** A lowdb adapter that writes atomically and durably: lowdb's steno renames a temp file but never fsyncs. */
class DurableJsonFile<T> implements Adapter<T> {
  constructor(private readonly path: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      // A read error (EISDIR) names no path, and the operator needs it.
      (err as NodeJS.ErrnoException).path ??= this.path;
      throw err;
    }
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      const problem = text.length === 0 ? 'it is empty' : `it is not valid JSON (${(err as Error).message})`;
      throw new StoreCorruptError(this.path, problem, { cause: err });
    }
  }

  async write(data: T): Promise<void> {
    const temp = join(dirname(this.path), `.${basename(this.path)}.tmp`);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(JSON.stringify(data));
      await handle.sync();
    } catch (err) {
      // A write error (ENOSPC) names no path, and the operator needs it.
      (err as NodeJS.ErrnoException).path ??= temp;
      throw err;
    } finally {
      await handle.close();
    }
    await rename(temp, this.path);
    await syncDirectory(dirname(this.path));
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Without this the rename itself may not survive a power cut.
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function emptyDataFile(): DataFile {
  return { version: LOWDB_FORMAT_VERSION, archiveBytes: 0, conversations: [], cases: [], events: [] };
}

async function readDataFile(db: Low<DataFile>, path: string): Promise<boolean> {
  const raw = await db.adapter.read();
  if (raw === null) return false;
  db.data = checkDataFile(path, raw);
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isConversation(value: unknown): value is ConversationRecord {
  return isObject(value) && typeof value.id === 'string' && 'state' in value && typeof value.updatedAt === 'string';
}

function caseProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not an object';
  if (typeof value.id !== 'string') return 'no string "id"';
  if (typeof value.status !== 'string') return 'no string "status"';
  if (typeof value.createdAt !== 'string') return 'no string "createdAt"';
  if (!isObject(value.requester) || typeof value.requester.channel !== 'string' || typeof value.requester.userId !== 'string') {
    return 'no "requester" with channel and userId';
  }
  if (!isObject(value.cardRefs)) return 'no "cardRefs" object';
  return undefined;
}

function eventProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not an object';
  if (typeof value.caseId !== 'string' || typeof value.at !== 'string' || typeof value.type !== 'string') {
    return 'needs string "caseId", "at" and "type"';
  }
  return undefined;
}

function checkDataFile(path: string, raw: unknown): DataFile {
  const fail = (problem: string) => new StoreCorruptError(path, problem);
  if (!isObject(raw)) throw fail('its top level is not a JSON object');
  if (typeof raw.version !== 'number' || raw.version < OLDEST_FORMAT_VERSION || raw.version > LOWDB_FORMAT_VERSION) {
    if (typeof raw.version === 'number' && raw.version > LOWDB_FORMAT_VERSION) {
      throw fail(`it was written by a newer deskbot (format version ${raw.version}; this one reads ${LOWDB_FORMAT_VERSION})`);
    }
    throw fail(`its "version" is ${JSON.stringify(raw.version) ?? 'missing'}, expected ${LOWDB_FORMAT_VERSION}`);
  }
  if (!Number.isSafeInteger(raw.archiveBytes) || (raw.archiveBytes as number) < 0) throw fail('"archiveBytes" is not a byte count');
  if (raw.archiveFile !== undefined && !(typeof raw.archiveFile === 'string' && ARCHIVE_NAME.test(raw.archiveFile))) {
    throw fail('"archiveFile" is not the name of a deskbot archive');
  }
  for (const field of ['conversations', 'cases', 'events'] as const) {
    if (!Array.isArray(raw[field])) throw fail(`"${field}" is not an array`);
  }
  (raw.conversations as unknown[]).forEach((c, i) => {
    if (!isConversation(c)) throw fail(`conversations[${i}] is not a conversation (needs "id", "state" and "updatedAt")`);
  });
  (raw.cases as unknown[]).forEach((c, i) => {
    const problem = caseProblem(c);
    if (problem) throw fail(`cases[${i}] is not a case: ${problem}`);
  });
  (raw.events as unknown[]).forEach((e, i) => {
    const problem = eventProblem(e);
    if (problem) throw fail(`events[${i}] is not a case event: ${problem}`);
  });
  return raw as unknown as DataFile;
}

interface OpenedArchive {
  name: string;
  path: string;
  handle: FileHandle;
  cases: Map<string, ArchiveEntry>;
  conversations: Map<string, LineRef>;
  /** Events lines per case, in file order, written after the case's last case line. */
  events: Map<string, EventsRef[]>;
}

async function removeOtherArchives(dir: string, current: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name !== current && ARCHIVE_NAME.test(name)) await rm(join(dir, name), { force: true });
  }
}

async function openArchive(
  dir: string,
  name: string,
  committedBytes: number,
  dataFileExisted: boolean,
  report: (damage: DamagedRecord) => void,
): Promise<OpenedArchive> {
  const path = join(dir, name);
  let handle: FileHandle;
  try {
    handle = await open(path, 'r+');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    if (committedBytes > 0) {
      throw new StoreCorruptError(path, `it is missing, but ${LOWDB_FILES.data} says it holds ${committedBytes} bytes of closed cases`);
    }
    await (await open(path, 'a')).close();
    handle = await open(path, 'r+');
  }
  try {
    const size = (await handle.stat()).size;
    if (size < committedBytes) {
      throw new StoreCorruptError(path, `it has ${size} bytes, but ${LOWDB_FILES.data} says it holds ${committedBytes}`);
    }
    if (size > committedBytes) {
      if (!dataFileExisted) {
        throw new StoreCorruptError(path, `it holds records but ${LOWDB_FILES.data} is missing; restore that file or move both aside`);
      }
      // The tail of a commit that was cut short; kept aside rather than destroyed, then cut off.
      await setAsideTail(path, handle, committedBytes, size);
      await handle.truncate(committedBytes);
      await handle.sync();
    }
    return { name, path, handle, ...(await scanArchive(path, handle, committedBytes, report)) };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/**
 * Copies bytes from..to of the archive (a commit's tail) to `<archive>.incomplete-<ms>`, then removes all but
 * the newest KEPT_INCOMPLETE such files: each crash would otherwise leave one more for ever.
 */
async function setAsideTail(path: string, handle: FileHandle, from: number, to: number): Promise<void> {
  let out: FileHandle | undefined;
  // Two crashes in one millisecond must not overwrite each other, and the name must still sort by time.
  for (let stamp = Date.now(); !out; stamp++) {
    out = await open(`${path}.incomplete-${stamp}`, 'wx').catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
      return undefined;
    });
  }
  try {
    const chunk = Buffer.alloc(Math.min(READ_CHUNK_BYTES, to - from));
    for (let position = from; position < to; ) {
      const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, to - position), position);
      if (bytesRead === 0) break;
      await out.write(chunk, 0, bytesRead);
      position += bytesRead;
    }
    await out.sync();
  } finally {
    await out.close();
  }
  const dir = dirname(path);
  const aside = (await readdir(dir))
    .map((name) => ({ name, stamp: Number(INCOMPLETE_NAME.exec(name)?.[1]) }))
    .filter((f) => Number.isSafeInteger(f.stamp))
    .sort((a, b) => b.stamp - a.stamp);
  for (const old of aside.slice(KEPT_INCOMPLETE)) await rm(join(dir, old.name), { force: true });
}

/**
 * Indexes the archive from its headers; a record whose checksum does not match is reported and still indexed
 * (reads skip it), so that its bytes stay in the file for whoever repairs it.
 */
async function scanArchive(
  path: string,
  handle: FileHandle,
  bytes: number,
  report: (damage: DamagedRecord) => void,
): Promise<Pick<OpenedArchive, 'cases' | 'conversations' | 'events'>> {
  const cases = new Map<string, ArchiveEntry>();
  const conversations = new Map<string, LineRef>();
  const events = new Map<string, EventsRef[]>();
  const chunk = Buffer.alloc(READ_CHUNK_BYTES);
  let carry = Buffer.alloc(0);
  let carryStart = 0;
  let position = 0;
  let lineNumber = 0;
  while (position < bytes) {
    const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, bytes - position), position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const buffer = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
    let start = 0;
    for (let nl = buffer.indexOf(NEWLINE, start); nl !== -1; nl = buffer.indexOf(NEWLINE, start)) {
      lineNumber++;
      const tab = buffer.indexOf(TAB, start);
      if (tab === -1 || tab > nl) throw new StoreCorruptError(path, `line ${lineNumber} has no header`);
      const header = parseHeader(path, lineNumber, buffer.toString('utf8', start, tab));
      const ref = { offset: carryStart + tab + 1, length: nl - tab - 1, sum: header.sum };
      if (header.sum !== undefined && crc32(buffer.subarray(tab + 1, nl)) !== header.sum) report({ file: path, offset: ref.offset, id: header.id });
      if (header.kind === 'conversation') conversations.set(header.id, ref);
      else if (header.kind === 'events') events.set(header.id, [...(events.get(header.id) ?? []), { ...ref, count: header.count }]);
      else {
        cases.set(header.id, { ...ref, requester: header.requester, createdAt: header.createdAt, cardRefs: header.cardRefs, events: header.events });
        // A case line holds every event before it.
        events.delete(header.id);
      }
      start = nl + 1;
    }
    carryStart += start;
    // Copied, because chunk is reused by the next read.
    carry = Buffer.from(buffer.subarray(start));
  }
  if (carry.length > 0) throw new StoreCorruptError(path, `its last line (line ${lineNumber + 1}) has no end`);
  return { cases, conversations, events };
}

function parseHeader(path: string, lineNumber: number, text: string): LineHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new StoreCorruptError(path, `line ${lineNumber} has a header that is not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const ok =
    isObject(value) &&
    typeof value.id === 'string' &&
    (value.sum === undefined || Number.isSafeInteger(value.sum)) &&
    (value.kind === 'conversation' ||
      (value.kind === 'events' && Number.isSafeInteger(value.count)) ||
      (value.kind === 'case' &&
        typeof value.requester === 'string' &&
        typeof value.createdAt === 'string' &&
        Array.isArray(value.cardRefs) &&
        value.cardRefs.every((r) => typeof r === 'string') &&
        Number.isSafeInteger(value.events)));
  if (!ok) throw new StoreCorruptError(path, `line ${lineNumber} has a header that is not a case's, a conversation's or events'`);
  return value as LineHeader;
}

/** The record in body, or undefined when its bytes are damaged (checksum mismatch, or not JSON). */
function intactRecord(body: Buffer, ref: LineRef): ArchiveLine | undefined {
  if (ref.sum !== undefined && crc32(body) !== ref.sum) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as ArchiveLine;
  } catch {
    return undefined;
  }
}

function requesterKey(c: SupportCase): string {
  return `${c.requester.channel}:${c.requester.userId}`;
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function byTimeThenOrder(events: CaseEvent[]): CaseEvent[] {
  // Array.prototype.sort is stable, so events of the same instant keep the order they were committed in.
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------------
// The store

/** How one commit changes the store, worked out before anything is written. */
interface CommitPlan {
  conversations: Map<string, ConversationRecord>;
  /** Cases that live in deskbot.json after the commit (undefined: events of a case id not seen yet). */
  live: Map<string, SupportCase | undefined>;
  /** Closed cases, pushed-out conversations and open cases' new events appended to the archive. */
  archived: ArchiveWrite[];
}

/** An archive line ready to append; the record's JSON starts bodyStart bytes into it. */
interface ArchiveWrite {
  header: LineHeader;
  bytes: Buffer;
  bodyStart: number;
}

function archiveLine(line: CaseLine | ConversationLine): ArchiveWrite {
  const header: LineHeader =
    'conversation' in line
      ? { kind: 'conversation', id: line.conversation.id }
      : {
          kind: 'case',
          id: line.case.id,
          requester: requesterKey(line.case),
          createdAt: line.case.createdAt,
          cardRefs: Object.values(line.case.cardRefs),
          events: line.events.length,
        };
  return withHeader(header, line);
}

function eventsLine(caseId: string, events: CaseEvent[]): ArchiveWrite {
  return withHeader({ kind: 'events', id: caseId, count: events.length }, { events });
}

function withHeader(header: LineHeader, line: ArchiveLine): ArchiveWrite {
  const body = Buffer.from(toStorableJson(line), 'utf8');
  const summed = { ...header, sum: crc32(body) };
  const head = Buffer.from(`${toStorableJson(summed)}\t`, 'utf8');
  return { header: summed, bytes: Buffer.concat([head, body, Buffer.from('\n')]), bodyStart: head.length };
}

/** Logs each damaged record once (found at open or by a later read): which file, where, whose; never its content. */
function damageReporter(logger: Pick<Logger, 'error'>): (damage: DamagedRecord) => void {
  const reported = new Set<string>();
  return (damage) => {
    const where = `${damage.file}:${damage.offset}`;
    if (reported.has(where)) return;
    reported.add(where);
    logger.error(
      damage,
      `damaged record in ${damage.file} at byte ${damage.offset} (id ${damage.id}): its bytes are not what was written. ` +
        'deskbot skips it and serves the rest; the file keeps it as it is for repair.',
    );
  };
}

class LowdbStore implements Store {
  /** Live conversations, least recently written first. */
  private readonly conversations = new Map<string, ConversationRecord>();
  private readonly archivedConversations: Map<string, LineRef>;
  private readonly live = new Map<string, SupportCase>();
  /** Where the events of live cases (and of case ids not seen yet) are in the archive, in commit order. */
  private readonly liveEvents: Map<string, EventsRef[]>;
  private readonly archive: Map<string, ArchiveEntry>;
  private archivedEvents = 0;
  private archiveBytes: number;
  /** Bytes of archive records still current; the rest of archiveBytes is superseded lines (and headers). */
  private liveArchiveBytes = 0;
  private readonly byRequester = new Map<string, Set<string>>();
  private readonly byCardRef = new Map<string, string>();
  private readonly locks = createKeyedLock();
  // All writes go through one queue: one file write at a time, in call order.
  private readonly writes = createKeyedLock();
  private readonly pending: Array<{ change: TurnCommit; resolve: () => void; reject: (err: unknown) => void }> = [];
  private closed = false;

  constructor(
    private readonly db: Low<DataFile>,
    private archiveFile: OpenedArchive,
    private readonly keys: KeyLog,
    data: DataFile,
    private readonly unlock: () => Promise<void>,
    private readonly report: (damage: DamagedRecord) => void,
    private readonly limits: { liveConversations: number; archiveGarbageLimit: number },
  ) {
    this.archive = archiveFile.cases;
    this.archivedConversations = archiveFile.conversations;
    this.liveEvents = archiveFile.events;
    this.archiveBytes = data.archiveBytes;
    for (const c of data.conversations) {
      this.conversations.set(c.id, c);
      this.archivedConversations.delete(c.id);
    }
    for (const c of data.cases) {
      this.live.set(c.id, c);
      // A case in deskbot.json was reopened after it was archived: the live copy is the current one, and
      // the archived line is where its earlier events are.
      const archived = this.archive.get(c.id);
      if (archived) {
        const earlier = { offset: archived.offset, length: archived.length, sum: archived.sum, count: archived.events };
        this.liveEvents.set(c.id, [earlier, ...(this.liveEvents.get(c.id) ?? [])]);
      }
      this.archive.delete(c.id);
    }
    // Events lines of a case archived after them were superseded by its case line (scanArchive dropped them).
    for (const id of this.liveEvents.keys()) if (this.archive.has(id)) this.liveEvents.delete(id);
    for (const [id, entry] of this.archive) {
      this.archivedEvents += entry.events;
      this.indexCase(id, entry.requester, entry.cardRefs);
    }
    for (const c of this.live.values()) this.indexCase(c.id, requesterKey(c), Object.values(c.cardRefs));
    for (const ref of [...this.archive.values(), ...this.archivedConversations.values(), ...[...this.liveEvents.values()].flat()]) {
      this.liveArchiveBytes += ref.length;
    }
  }

  async getConversation(id: string): Promise<ConversationRecord | undefined> {
    this.assertOpen();
    const record = this.conversations.get(id);
    if (record) return copy(record);
    const ref = this.archivedConversations.get(id);
    return ref && ((await this.readLine(ref, id)) as ConversationLine | undefined)?.conversation;
  }

  commit(change: TurnCommit): Promise<void> {
    this.assertOpen();
    // Copied now, so later changes to the caller's objects cannot leak into what is written.
    const stored = toStoredCopy(change);
    return new Promise((resolve, reject) => {
      this.pending.push({ change: stored, resolve, reject });
      void this.writes.run('', () => this.writePending());
    });
  }

  /**
   * Writes every commit waiting at this moment as one (group commit): under load, one file write and fsync
   * serve many turns. Merging is exact, because upserts are last-wins and events keep their order.
   */
  private async writePending(): Promise<void> {
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const merged: TurnCommit = {
      conversations: batch.flatMap((b) => b.change.conversations ?? []),
      cases: batch.flatMap((b) => b.change.cases ?? []),
      events: batch.flatMap((b) => b.change.events ?? []),
    };
    try {
      await this.write(await this.plan(merged));
    } catch (err) {
      // Disk full, read-only or vanished directory: nothing of these turns was saved, and the core says so.
      const unavailable = new StoreUnavailableError(`cannot save to ${dirname(this.archiveFile.path)}: ${(err as Error).message}`, { cause: err });
      for (const b of batch) b.reject(unavailable);
      return;
    }
    for (const b of batch) b.resolve();
  }

  async listConversationsUpdatedSince(since: string): Promise<ConversationRecord[]> {
    this.assertOpen();
    // Archived conversations are the least recently written ones: only deskbot.json's can be that recent.
    return [...this.conversations.values()].filter((c) => c.updatedAt >= since).map(copy);
  }

  async getCase(id: string): Promise<SupportCase | undefined> {
    this.assertOpen();
    const live = this.live.get(id);
    if (live) return copy(live);
    return (await this.readArchived(id))?.case;
  }

  async findCaseIdByCardRef(ref: string): Promise<string | undefined> {
    this.assertOpen();
    return this.byCardRef.get(ref);
  }

  async caseIdExists(id: string): Promise<boolean> {
    this.assertOpen();
    return this.live.has(id) || this.archive.has(id);
  }

  async listCasesByRequester(channel: string, userId: string, limit?: number): Promise<SupportCase[]> {
    this.assertOpen();
    const ids = this.byRequester.get(`${channel}:${userId}`);
    if (!ids) return [];
    const newestFirst = [...ids]
      .map((id) => ({ id, createdAt: this.live.get(id)?.createdAt ?? this.archive.get(id)?.createdAt ?? '' }))
      .sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? 1 : -1))
      .slice(0, limit === undefined ? undefined : Math.max(0, limit));
    const cases = await Promise.all(newestFirst.map(({ id }) => this.getCase(id)));
    return cases.filter((c): c is SupportCase => c !== undefined);
  }

  async listActiveCases(): Promise<SupportCase[]> {
    this.assertOpen();
    return [...this.live.values()]
      .filter((c) => c.status !== 'closed')
      .sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : 1))
      .map(copy);
  }

  async listEvents(caseId: string): Promise<CaseEvent[]> {
    this.assertOpen();
    const archived = await this.readArchived(caseId);
    return byTimeThenOrder(archived ? archived.events : await this.readLiveEvents(caseId));
  }

  async claimOnce(key: string, ttlSeconds?: number): Promise<boolean> {
    this.assertOpen();
    try {
      return await this.keys.claim(key, ttlSeconds);
    } catch (err) {
      throw new StoreUnavailableError(`cannot save a delivery key in ${dirname(this.archiveFile.path)}: ${(err as Error).message}`, { cause: err });
    }
  }

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    this.assertOpen();
    return this.locks.run(key, fn);
  }

  async counts(): Promise<{ conversations: number; cases: number; events: number }> {
    this.assertOpen();
    let liveEvents = 0;
    for (const refs of this.liveEvents.values()) for (const ref of refs) liveEvents += ref.count;
    return {
      conversations: this.conversations.size + this.archivedConversations.size,
      cases: this.live.size + this.archive.size,
      events: liveEvents + this.archivedEvents,
    };
  }

  async exportAll(): Promise<{ conversations: ConversationRecord[]; cases: SupportCase[]; events: CaseEvent[] }> {
    this.assertOpen();
    // In the write queue, so that no compaction moves records while they are read.
    return this.writes.run('', () => this.exportNow());
  }

  private async exportNow(): Promise<{ conversations: ConversationRecord[]; cases: SupportCase[]; events: CaseEvent[] }> {
    const whole = Buffer.alloc(this.archiveBytes);
    if (whole.length > 0) await this.archiveFile.handle.read(whole, 0, whole.length, 0);
    const cases = [...this.live.values()].map(copy);
    // A damaged record is reported and left out, as reads do.
    const lineAt = (ref: LineRef, id: string) => intactRecord(whole.subarray(ref.offset, ref.offset + ref.length), ref) ?? this.damaged(ref, id);
    const events: CaseEvent[] = [];
    for (const [id, refs] of this.liveEvents) events.push(...byTimeThenOrder(refs.flatMap((ref) => (lineAt(ref, id) as EventsLine | undefined)?.events ?? [])));
    for (const [id, entry] of this.archive) {
      const line = lineAt(entry, id) as CaseLine | undefined;
      if (!line) continue;
      cases.push(line.case);
      events.push(...byTimeThenOrder(line.events));
    }
    const conversations = [...this.conversations.values()].map(copy);
    for (const [id, ref] of this.archivedConversations) {
      const line = lineAt(ref, id) as ConversationLine | undefined;
      if (line) conversations.push(line.conversation);
    }
    return { conversations, cases, events };
  }


  async rewriteAll(rewrite: RecordRewriter): Promise<RewriteCounts> {
    this.assertOpen();
    return this.writes.run('', async () => {
      const counts: RewriteCounts = { conversations: 0, cases: 0, events: 0 };
      for (const [id, record] of this.conversations) {
        const next = rewrite.conversation(record);
        if (next === record) continue;
        this.conversations.set(id, next);
        counts.conversations++;
      }
      for (const [id, c] of this.live) {
        const next = rewrite.case(c);
        if (next === c) continue;
        this.live.set(id, next);
        counts.cases++;
      }
      // Compaction writes deskbot.json from memory and copies only current archive lines, rewritten, to a new
      // archive: superseded lines, which still hold what was typed before, go with the old file.
      await this.compact((line) => {
        if ('conversation' in line) {
          const conversation = rewrite.conversation(line.conversation);
          if (conversation === line.conversation) return line;
          counts.conversations++;
          return { conversation };
        }
        let eventsChanged = false;
        const events = line.events.map((e) => {
          const next = rewrite.event(e);
          if (next !== e) {
            counts.events++;
            eventsChanged = true;
          }
          return next;
        });
        // An open case's events are in lines of their own; its record is in deskbot.json, rewritten above.
        if (!('case' in line)) return eventsChanged ? { events } : line;
        const c = rewrite.case(line.case);
        if (c !== line.case) counts.cases++;
        return c === line.case && !eventsChanged ? line : { case: c, events };
      });
      return counts;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Refuses new work at once; commits already queued still complete before the files are closed.
    this.closed = true;
    await this.writes.run('', async () => undefined);
    await this.keys.close();
    await this.archiveFile.handle.close();
    await this.unlock();
  }

  /** Writes deskbot.json as it is in memory. */
  flush(): Promise<void> {
    return this.writes.run('', () => this.write({ conversations: new Map(), live: new Map(), archived: [] }));
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the store is closed');
  }

  private indexCase(id: string, requester: string, cardRefs: string[]): void {
    let ids = this.byRequester.get(requester);
    if (!ids) this.byRequester.set(requester, (ids = new Set()));
    ids.add(id);
    for (const ref of cardRefs) this.byCardRef.set(ref, id);
  }

  private unindexCase(id: string, requester: string, cardRefs: string[]): void {
    const ids = this.byRequester.get(requester);
    ids?.delete(id);
    if (ids?.size === 0) this.byRequester.delete(requester);
    for (const ref of cardRefs) if (this.byCardRef.get(ref) === id) this.byCardRef.delete(ref);
  }

  private async readArchived(id: string): Promise<CaseLine | undefined> {
    const entry = this.archive.get(id);
    return entry && ((await this.readLine(entry, id)) as CaseLine | undefined);
  }

  /** The events of a case that is not closed, read from its lines in the archive, in commit order. */
  private async readLiveEvents(caseId: string): Promise<CaseEvent[]> {
    const events: CaseEvent[] = [];
    for (const ref of this.liveEvents.get(caseId) ?? []) events.push(...(((await this.readLine(ref, caseId)) as EventsLine | undefined)?.events ?? []));
    return events;
  }

  /** The record at ref, or undefined (reported once) when its bytes are damaged: one bad record must not fail a request. */
  private async readLine(ref: LineRef, id: string): Promise<ArchiveLine | undefined> {
    const buffer = Buffer.alloc(ref.length);
    await this.archiveFile.handle.read(buffer, 0, ref.length, ref.offset);
    return intactRecord(buffer, ref) ?? this.damaged(ref, id);
  }

  /** Reports a damaged record; undefined stands for the record. */
  private damaged(ref: LineRef, id: string): undefined {
    this.report({ file: this.archiveFile.path, offset: ref.offset, id });
    return undefined;
  }

  private async plan(change: TurnCommit): Promise<CommitPlan> {
    const plan: CommitPlan = { conversations: new Map(), live: new Map(), archived: [] };
    for (const c of change.conversations ?? []) plan.conversations.set(c.id, c);
    const upserts = new Map<string, SupportCase>();
    for (const c of change.cases ?? []) upserts.set(c.id, c);
    const newEvents = new Map<string, CaseEvent[]>();
    for (const e of change.events ?? []) {
      const list = newEvents.get(e.caseId);
      if (list) list.push(e);
      else newEvents.set(e.caseId, [e]);
    }
    for (const id of new Set([...upserts.keys(), ...newEvents.keys()])) {
      const archived = await this.readArchived(id);
      const current = upserts.get(id) ?? this.live.get(id) ?? archived?.case;
      const added = newEvents.get(id) ?? [];
      if (current?.status === 'closed') {
        // Closing gathers the whole event log into the case's one archive line.
        const events = [...(archived ? archived.events : await this.readLiveEvents(id)), ...added];
        plan.archived.push(archiveLine({ case: current, events }));
        continue;
      }
      plan.live.set(id, current);
      if (added.length > 0) plan.archived.push(eventsLine(id, added));
    }
    // The least recently written conversations make room for new ones.
    let excess = this.conversations.size - this.limits.liveConversations;
    for (const id of plan.conversations.keys()) if (!this.conversations.has(id)) excess++;
    for (const [id, record] of this.conversations) {
      if (excess <= 0) break;
      if (plan.conversations.has(id)) continue;
      plan.archived.push(archiveLine({ conversation: record }));
      excess--;
    }
    return plan;
  }

  /** Appends the plan's archive lines, then rewrites deskbot.json; memory changes only once both are on disk. */
  private async write(plan: CommitPlan): Promise<void> {
    let archiveBytes = this.archiveBytes;
    const offsets: number[] = [];
    try {
      for (const { bytes } of plan.archived) {
        offsets.push(archiveBytes);
        await this.archiveFile.handle.write(bytes, 0, bytes.length, archiveBytes);
        archiveBytes += bytes.length;
      }
      if (plan.archived.length > 0) await this.archiveFile.handle.sync();
      this.db.data = this.snapshot(plan, archiveBytes);
      await this.db.write();
    } catch (err) {
      // Leaves the archive as the last good deskbot.json describes it, so the next commit appends in the right place.
      await this.archiveFile.handle.truncate(this.archiveBytes).catch(() => undefined);
      throw err;
    }
    this.apply(plan, offsets, archiveBytes);
  }

  private snapshot(plan: CommitPlan, archiveBytes: number): DataFile {
    const archivedIds = new Set<string>();
    const archivedConversations = new Set<string>();
    for (const { header } of plan.archived) {
      if (header.kind === 'conversation') archivedConversations.add(header.id);
      else if (header.kind === 'case') archivedIds.add(header.id);
    }
    // Same order as memory after apply(): untouched ones first, then this commit's, most recent last.
    const conversations = [...this.conversations.values()].filter((c) => !plan.conversations.has(c.id) && !archivedConversations.has(c.id));
    conversations.push(...plan.conversations.values());
    const cases: SupportCase[] = [];
    for (const c of this.live.values()) {
      if (archivedIds.has(c.id) || plan.live.has(c.id)) continue;
      cases.push(c);
    }
    for (const c of plan.live.values()) if (c) cases.push(c);
    return { version: LOWDB_FORMAT_VERSION, archiveFile: this.archiveFile.name, archiveBytes, conversations, cases, events: [] };
  }

  private apply(plan: CommitPlan, offsets: number[], archiveBytes: number): void {
    for (const c of plan.conversations.values()) {
      this.conversations.delete(c.id);
      this.conversations.set(c.id, c);
      this.liveArchiveBytes -= this.archivedConversations.get(c.id)?.length ?? 0;
      this.archivedConversations.delete(c.id);
    }
    /** Drops a case from the indexes; `keepArchivedEvents`: its archived line stays current as the source of its earlier events. */
    const forget = (id: string, keepArchivedEvents: boolean) => {
      const live = this.live.get(id);
      if (live) this.unindexCase(id, requesterKey(live), Object.values(live.cardRefs));
      this.live.delete(id);
      const entry = this.archive.get(id);
      if (entry) {
        this.unindexCase(id, entry.requester, entry.cardRefs);
        this.archivedEvents -= entry.events;
        this.archive.delete(id);
        if (keepArchivedEvents) this.liveEvents.set(id, [{ offset: entry.offset, length: entry.length, sum: entry.sum, count: entry.events }]);
        else this.liveArchiveBytes -= entry.length;
      }
      if (!keepArchivedEvents) {
        for (const ref of this.liveEvents.get(id) ?? []) this.liveArchiveBytes -= ref.length;
        this.liveEvents.delete(id);
      }
    };
    for (const [id, c] of plan.live) {
      forget(id, true);
      if (c) {
        this.live.set(id, c);
        this.indexCase(id, requesterKey(c), Object.values(c.cardRefs));
      }
    }
    plan.archived.forEach(({ header, bytes, bodyStart }, i) => {
      // The record's JSON, without the header before it and the newline after it.
      const ref = { offset: offsets[i] + bodyStart, length: bytes.length - bodyStart - 1, sum: header.sum };
      this.liveArchiveBytes += ref.length;
      if (header.kind === 'conversation') {
        this.conversations.delete(header.id);
        this.liveArchiveBytes -= this.archivedConversations.get(header.id)?.length ?? 0;
        this.archivedConversations.set(header.id, ref);
        return;
      }
      if (header.kind === 'events') {
        this.liveEvents.set(header.id, [...(this.liveEvents.get(header.id) ?? []), { ...ref, count: header.count }]);
        return;
      }
      forget(header.id, false);
      const { kind: _kind, id: _id, ...index } = header;
      this.archive.set(header.id, { ...ref, ...index });
      this.archivedEvents += header.events;
      this.indexCase(header.id, header.requester, header.cardRefs);
    });
    this.archiveBytes = archiveBytes;
    // Queued behind the commit that made it worthwhile, which resolves first; a failed compaction changes nothing.
    if (this.compactionWorthIt()) void this.compactIfWorthIt().catch(() => undefined);
  }

  private compactionWorthIt(): boolean {
    const garbage = this.archiveBytes - this.liveArchiveBytes;
    return garbage > this.limits.archiveGarbageLimit && garbage > this.liveArchiveBytes;
  }

  /** Compacts the archive (in the write queue) if superseded lines outweigh live ones and pass the limit. */
  compactIfWorthIt(): Promise<void> {
    return this.writes.run('', async () => {
      if (this.compactionWorthIt()) await this.compact();
    });
  }

  /**
   * Copies the live archive lines to the next archive file, points deskbot.json at it, then deletes the old
   * one. Until deskbot.json is renamed into place the old pair is intact; after it, the new pair is.
   */
  private async compact(rewrite?: (line: ArchiveLine) => ArchiveLine): Promise<void> {
    const dir = dirname(this.archiveFile.path);
    const name = `deskbot-archive.${Number(ARCHIVE_NAME.exec(this.archiveFile.name)?.[1] ?? 0) + 1}.jsonl`;
    const path = join(dir, name);
    const moved: Array<{ ref: LineRef; id: string; header: LineHeader }> = [];
    for (const [id, entry] of this.archive) {
      const { offset: _offset, length: _length, ...index } = entry;
      moved.push({ ref: entry, id, header: { kind: 'case', id, ...index } });
    }
    for (const [id, ref] of this.archivedConversations) moved.push({ ref, id, header: { kind: 'conversation', id, sum: ref.sum } });
    // A reopened case's old case line is copied as an events line: only its events are still current.
    for (const [id, refs] of this.liveEvents) for (const ref of refs) moved.push({ ref, id, header: { kind: 'events', id, count: ref.count, sum: ref.sum } });
    const out = await open(path, 'w');
    const placed: LineRef[] = [];
    let bytes = 0;
    try {
      let batch: Buffer[] = [];
      let batchBytes = 0;
      for (const m of moved) {
        let body = Buffer.alloc(m.ref.length);
        await this.archiveFile.handle.read(body, 0, m.ref.length, m.ref.offset);
        let header = m.header;
        // A damaged record is copied as it is, with its old checksum, so it stays detectably damaged.
        const line = rewrite && intactRecord(body, m.ref);
        if (rewrite && line) {
          const next = rewrite(line);
          if (next !== line) {
            body = Buffer.from(toStorableJson(next), 'utf8');
            header = { ...header, sum: crc32(body) };
          }
        }
        const head = Buffer.from(`${toStorableJson(header)}\t`, 'utf8');
        placed.push({ offset: bytes + head.length, length: body.length, sum: header.sum });
        batch.push(head, body, Buffer.from('\n'));
        bytes += head.length + body.length + 1;
        batchBytes += head.length + body.length + 1;
        if (batchBytes >= READ_CHUNK_BYTES) {
          await out.writeFile(Buffer.concat(batch));
          batch = [];
          batchBytes = 0;
        }
      }
      await out.writeFile(Buffer.concat(batch));
      await out.sync();
    } catch (err) {
      await out.close();
      await rm(path, { force: true });
      throw err;
    }
    await out.close();
    const previous = this.archiveFile;
    this.db.data = { ...this.snapshot({ conversations: new Map(), live: new Map(), archived: [] }, bytes), archiveFile: name };
    // From here a failure may leave deskbot.json pointing at either file; both stay until the next open decides.
    await this.db.write();
    const handle = await open(path, 'r+');
    this.archiveFile = { name, path, handle, cases: this.archive, conversations: this.archivedConversations, events: this.liveEvents };
    const placedEvents = new Map<string, EventsRef[]>();
    moved.forEach((m, i) => {
      if (m.header.kind === 'conversation') this.archivedConversations.set(m.id, placed[i]);
      else if (m.header.kind === 'case') this.archive.set(m.id, { ...(this.archive.get(m.id) as ArchiveEntry), ...placed[i] });
      else placedEvents.set(m.id, [...(placedEvents.get(m.id) ?? []), { ...placed[i], count: m.header.count }]);
    });
    for (const [id, refs] of placedEvents) this.liveEvents.set(id, refs);
    this.archiveBytes = bytes;
    this.liveArchiveBytes = placed.reduce((sum, ref) => sum + ref.length, 0);
    await previous.handle.close();
    await rm(previous.path, { force: true });
  }
}
