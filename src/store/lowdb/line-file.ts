/**
 * Append-only files of checksummed lines, the format of the lowdb store's archive: each line is a small JSON
 * header (with `sum`, the CRC-32 of the record's bytes), a tab, the JSON record and a newline. JSON text never
 * holds a raw tab or newline, so a reader parses the headers alone and reads a record only when asked for it.
 *
 * The data file (deskbot.json) records how many bytes of such a file belong to committed turns; bytes past
 * that can only come from a commit that never completed, and are set aside when the file is opened.
 */
import { open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { StoreCorruptError } from '../errors.js';
import { toStorableJson } from '../plain-json.js';

/** Where a record's JSON (the part after the tab) is in its file. */
export interface LineRef {
  offset: number;
  length: number;
  /** CRC-32 of the record's bytes (absent in lines written before records carried one). */
  sum?: number;
}

/** A line ready to append; the record's JSON starts bodyStart bytes into it. */
export interface EncodedLine<H> {
  header: H & { sum: number };
  bytes: Buffer;
  bodyStart: number;
}

const TAB = 9;
const NEWLINE = 10;
/** How much of a file is read (or buffered for writing) at a time. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/** Tails of cut-short commits kept beside a file, newest first. */
const KEPT_INCOMPLETE = 3;

/** Encodes a record under its header as one line; the header gets the record's checksum. */
export function encodeLine<H extends object>(header: H, record: unknown): EncodedLine<H> {
  return encodeBody(header, Buffer.from(toStorableJson(record), 'utf8'));
}

/** Encodes a record's bytes (as read from another line) under a header that gets their checksum. */
export function encodeBody<H extends object>(header: H, body: Buffer): EncodedLine<H> {
  const summed = { ...header, sum: crc32(body) };
  const head = Buffer.from(`${toStorableJson(summed)}\t`, 'utf8');
  return { header: summed, bytes: Buffer.concat([head, body, Buffer.from('\n')]), bodyStart: head.length };
}

/** The record in body, or undefined when its bytes are damaged (checksum mismatch, or not JSON). */
export function intactBody(body: Buffer, ref: Pick<LineRef, 'sum'>): unknown {
  if (ref.sum !== undefined && crc32(body) !== ref.sum) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** True when body's checksum is the one its header gave (or the header gave none). */
export function sumMatches(body: Buffer, sum: number | undefined): boolean {
  return sum === undefined || crc32(body) === sum;
}

/** One line met by scanLines; `body` is valid only during the callback. */
export interface ScannedLine {
  lineNumber: number;
  header: string;
  body: Buffer;
  /** Where body starts in the file. */
  offset: number;
}

/**
 * Calls onLine for each of the first `bytes` bytes' lines, in file order, from the line that starts at `from`
 * (line numbers then count from there); throws StoreCorruptError on a line without header or end.
 */
export async function scanLines(path: string, handle: FileHandle, bytes: number, onLine: (line: ScannedLine) => void, from = 0): Promise<void> {
  const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(bytes - from, 1)));
  let carry = Buffer.alloc(0);
  let carryStart = from;
  let position = from;
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
      onLine({ lineNumber, header: buffer.toString('utf8', start, tab), body: buffer.subarray(tab + 1, nl), offset: carryStart + tab + 1 });
      start = nl + 1;
    }
    carryStart += start;
    // Copied, because chunk is reused by the next read.
    carry = Buffer.from(buffer.subarray(start));
  }
  if (carry.length > 0) throw new StoreCorruptError(path, `its last line (line ${lineNumber + 1}) has no end`);
}

/** The start and header of the first line that starts after `position` (within the first `bytes` bytes), or undefined when none does. */
export async function lineAfter(handle: FileHandle, position: number, bytes: number): Promise<{ start: number; header: string } | undefined> {
  const chunk = Buffer.alloc(64 * 1024);
  let start: number | undefined;
  let header = '';
  for (let at = position; at < bytes; at += chunk.length) {
    const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, bytes - at), at);
    const read = chunk.subarray(0, bytesRead);
    let from = 0;
    if (start === undefined) {
      const newline = read.indexOf(NEWLINE);
      if (newline === -1) continue;
      start = at + newline + 1;
      from = newline + 1;
    }
    const tab = read.indexOf(TAB, from);
    header += read.toString('utf8', from, tab === -1 ? read.length : tab);
    if (tab !== -1) return start < bytes ? { start, header } : undefined;
  }
  return undefined;
}

/** Reads the record bytes at ref. */
export async function readBody(handle: FileHandle, ref: LineRef): Promise<Buffer> {
  const buffer = Buffer.alloc(ref.length);
  await handle.read(buffer, 0, ref.length, ref.offset);
  return buffer;
}

/** Lines closer than this are read together: one read of what lies between costs less than another read. */
const SPAN_GAP_BYTES = 64 * 1024;

/**
 * Reads many records, in file order, with one read per run of records close together (recent records sit near the
 * end of their file); calls onBody for each with its bytes, valid only during the call.
 */
export async function readBodies<R extends LineRef>(handle: FileHandle, refs: readonly R[], onBody: (body: Buffer, ref: R) => void): Promise<void> {
  const sorted = [...refs].sort((a, b) => a.offset - b.offset);
  for (let first = 0; first < sorted.length; ) {
    let last = first;
    while (
      last + 1 < sorted.length &&
      sorted[last + 1].offset - (sorted[last].offset + sorted[last].length) <= SPAN_GAP_BYTES &&
      sorted[last + 1].offset + sorted[last + 1].length - sorted[first].offset <= CHUNK_BYTES
    ) {
      last++;
    }
    const start = sorted[first].offset;
    let end = start;
    for (let i = first; i <= last; i++) end = Math.max(end, sorted[i].offset + sorted[i].length);
    const span = Buffer.alloc(end - start);
    await handle.read(span, 0, span.length, start);
    for (let i = first; i <= last; i++) onBody(span.subarray(sorted[i].offset - start, sorted[i].offset - start + sorted[i].length), sorted[i]);
    first = last + 1;
  }
}

/** How to open a line file whose committed length the data file records. */
export interface LineFileOpening {
  path: string;
  /** Bytes that belong to committed turns. */
  committedBytes: number;
  /** Whether the data file existed (bytes in a line file without one cannot be trusted). */
  dataFileExisted: boolean;
  /** The data file's name, for messages. */
  dataFileName: string;
  /** What the file holds, for messages ("closed cases"). */
  holds: string;
  /** File names of this file's family (it and its compacted successors), to prune set-aside tails. */
  family: RegExp;
}

/**
 * Opens (creating it when the data file expects nothing) a line file for reading and appending; a tail past
 * the committed length is copied to `<file>.incomplete-<ms>` and cut off. Throws StoreCorruptError when the
 * file is shorter than committed, missing, or holds records without a data file.
 */
export async function openLineFile(o: LineFileOpening): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(o.path, 'r+');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    if (o.committedBytes > 0) {
      throw new StoreCorruptError(o.path, `it is missing, but ${o.dataFileName} says it holds ${o.committedBytes} bytes of ${o.holds}`);
    }
    await (await open(o.path, 'a')).close();
    handle = await open(o.path, 'r+');
  }
  try {
    const size = (await handle.stat()).size;
    if (size < o.committedBytes) {
      throw new StoreCorruptError(o.path, `it has ${size} bytes, but ${o.dataFileName} says it holds ${o.committedBytes}`);
    }
    if (size > o.committedBytes) {
      if (!o.dataFileExisted) {
        throw new StoreCorruptError(o.path, `it holds records but ${o.dataFileName} is missing; restore that file or move both aside`);
      }
      // The tail of a commit that was cut short; kept aside rather than destroyed, then cut off.
      await setAsideTail(o.path, handle, o.committedBytes, size, o.family);
      await handle.truncate(o.committedBytes);
      await handle.sync();
    }
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/**
 * Opens a line file to read what deskbot.json says is committed, beside the process that writes it: nothing is
 * changed, and a tail past the committed length (a commit under way) is not read. A file that is gone was replaced
 * by a rewrite since deskbot.json was read (ENOENT is thrown, to read deskbot.json again).
 */
export async function openLineFileForReading(path: string, committedBytes: number, dataFileName: string, holds: string): Promise<FileHandle> {
  const handle = await open(path, 'r');
  const size = (await handle.stat()).size;
  if (size < committedBytes) {
    await handle.close();
    throw new StoreCorruptError(path, `it has ${size} bytes, but ${dataFileName} says it holds ${committedBytes} of ${holds}`);
  }
  return handle;
}

/**
 * Copies bytes from..to of a file (a commit's tail) to `<file>.incomplete-<ms>`, then removes all but the
 * newest KEPT_INCOMPLETE such files of its family: each crash would otherwise leave one more for ever.
 */
async function setAsideTail(path: string, handle: FileHandle, from: number, to: number, family: RegExp): Promise<void> {
  let out: FileHandle | undefined;
  // Two crashes in one millisecond must not overwrite each other, and the name must still sort by time.
  for (let stamp = Date.now(); !out; stamp++) {
    out = await open(`${path}.incomplete-${stamp}`, 'wx').catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
      return undefined;
    });
  }
  try {
    const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, to - from));
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
    .map((name) => ({ name, stamp: Number(/\.incomplete-(\d+)$/.exec(name)?.[1]) }))
    .filter((f) => Number.isSafeInteger(f.stamp) && family.test(f.name.replace(/\.incomplete-\d+$/, '')))
    .sort((a, b) => b.stamp - a.stamp);
  for (const old of aside.slice(KEPT_INCOMPLETE)) await rm(join(dir, old.name), { force: true });
}

/** Removes the files of a family other than `current` (left by a compaction that was cut short, or superseded by one that completed). */
export async function removeOtherVersions(dir: string, family: RegExp, current: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name !== basename(current) && family.test(name)) await rm(join(dir, name), { force: true });
  }
}

/** The next file name of a family named `{stem}.jsonl`, `{stem}.1.jsonl`, `{stem}.2.jsonl`, … */
export function nextVersionName(current: string, family: RegExp, stem: string): string {
  return `${stem}.${Number(family.exec(current)?.[1] ?? 0) + 1}.jsonl`;
}

/** A new line file being written whole (by a compaction): lines are buffered, then written and fsynced. */
export interface LineFileWriter {
  /**
   * Adds a record (its bytes) under header; returns where the record will be. A header that has a `sum` key
   * keeps it as it is (a copied record stays detectably damaged); otherwise the record's checksum is added.
   */
  add(header: object, body: Buffer): Promise<LineRef>;
  /** Writes what is buffered, fsyncs and closes the file; returns its length. */
  finish(): Promise<number>;
  /** Closes and removes the unfinished file. */
  abort(): Promise<void>;
}

/** Creates (or truncates) the file at path for writing lines. */
export async function createLineFile(path: string): Promise<LineFileWriter> {
  const out = await open(path, 'w');
  let batch: Buffer[] = [];
  let batchBytes = 0;
  let bytes = 0;
  const flush = async () => {
    if (batch.length > 0) await out.writeFile(Buffer.concat(batch));
    batch = [];
    batchBytes = 0;
  };
  return {
    async add(header, body) {
      const summed = ('sum' in header ? header : { ...header, sum: crc32(body) }) as { sum?: number };
      const head = Buffer.from(`${toStorableJson(summed)}\t`, 'utf8');
      const ref = { offset: bytes + head.length, length: body.length, sum: summed.sum };
      batch.push(head, body, Buffer.from('\n'));
      const lineBytes = head.length + body.length + 1;
      bytes += lineBytes;
      batchBytes += lineBytes;
      if (batchBytes >= CHUNK_BYTES) await flush();
      return ref;
    },
    async finish() {
      try {
        await flush();
        await out.sync();
      } finally {
        await out.close();
      }
      return bytes;
    },
    async abort() {
      await out.close().catch(() => undefined);
      await rm(path, { force: true });
    },
  };
}
