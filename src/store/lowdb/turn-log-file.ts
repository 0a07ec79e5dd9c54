/**
 * The lowdb store's turn log: `deskbot-turns.jsonl`, one checksummed line per entry (header `{"id", "at"}`),
 * appended by the turn's commit before deskbot.json records the file's new length (`turnLogBytes`).
 *
 * Nothing of it is kept in memory: a query scans the headers of the file as it was when the query began
 * (its own read handle, so a rewrite meanwhile does not disturb it), orders the window's entries by time and
 * reads them one by one. An id met again later in the file (a turn committed twice) is skipped. Deleting
 * and forgetting rewrite the file to `deskbot-turns.<n>.jsonl`, as archive compaction does; deskbot.json is
 * pointed at the new file before the old one is removed.
 */
import { randomUUID } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ChannelName } from '../../cases/types.js';
import type { StatsCacheSlot } from '../../insight/stats-cache.js';
import type { StatsWindow } from '../../insight/stats-window.js';
import type { TurnLogEntry } from '../../insight/turn-log-entry.js';
import { TurnTallier, type GroupBy, type TurnTally } from '../../insight/turn-tally.js';
import { toStorableJson } from '../plain-json.js';
import type { TurnLog } from '../port.js';
import { TURN_LOG } from '../ordering.js';
import { recordProblem, turnSchema } from '../records.js';
import type { DamagedRecord } from './archive-format.js';
import { statsCacheFile } from './stats-cache-file.js';
import { CHUNK_BYTES, createLineFile, encodeLine, intactBody, lineAfter, nextVersionName, readBody, scanLines, type EncodedLine, type LineRef } from './line-file.js';

/** File names of the turn log: `deskbot-turns.jsonl`, then one number higher at each rewrite. */
export const TURN_LOG_NAME = /^deskbot-turns(?:\.(\d+))?\.jsonl$/;

/** What the header of an entry not kept for the review inbox holds (as JSON.stringify writes it). */
const NOT_FOR_REVIEW = '"review":0';

/** How far out of time order entries can be appended: a turn is committed within this long of its time. */
const ORDER_SLACK_MS = 86_400_000;
/** Below this many bytes the halving stops and the rest is read through. */
const SEARCH_STOP_BYTES = 1024 * 1024;

/** Entries at most this far apart in the file are read with one read (what lies between is read and skipped). */
const NEARBY_BYTES = 64 * 1024;

/** The header of a turn log line. */
interface TurnHeader {
  id: string;
  at: string;
  /** 1 when the entry is kept for the review inbox, else 0 (absent in lines written before headers said so). */
  review?: 0 | 1;
}

/** Where the turn log is and how much of it is committed. */
export interface TurnLogState {
  name: string;
  bytes: number;
}

/** What the turn log needs from its store. */
export interface TurnLogHost {
  /** Runs work in the store's write queue (no commit or other rewrite runs meanwhile). */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Writes deskbot.json naming this turn log file and length. */
  saveDataFile(turnLog: TurnLogState): Promise<void>;
  /** Reports a damaged line (its content is never logged). */
  report(damage: DamagedRecord): void;
}

/** An entry's line, ready to append. */
export function turnLine(entry: TurnLogEntry): EncodedLine<TurnHeader> {
  return encodeLine<TurnHeader>({ id: entry.id, at: entry.at, review: entry.review === undefined ? 0 : 1 }, entry);
}

function parseTurnHeader(text: string): TurnHeader & { sum?: number } {
  try {
    const value = JSON.parse(text) as Partial<TurnHeader & { sum: number }> | null;
    if (typeof value?.id === 'string' && typeof value.at === 'string' && (value.sum === undefined || Number.isSafeInteger(value.sum))) {
      return value as TurnHeader & { sum?: number };
    }
  } catch {
    // Reported by the caller like any other damaged line.
  }
  return { id: '?', at: '' };
}

/** A line of the turn log, found by a scan. */
interface TurnRef extends LineRef {
  id: string;
  at: string;
}

/** The turn log of a lowdb store, on its file. */
export class TurnLogFile implements TurnLog {
  private path: string;
  private readonly cache: ReturnType<typeof statsCacheFile>;

  constructor(
    private state: TurnLogState & { handle: FileHandle },
    dir: string,
    private readonly host: TurnLogHost,
  ) {
    this.path = join(dir, state.name);
    this.cache = statsCacheFile(dir, () => this.state.name);
  }

  /** The statistics' cache of this turn log (dropped when the file is rewritten). */
  get statsCache(): StatsCacheSlot {
    return this.cache;
  }

  /** The file's name and committed length, as deskbot.json records them. */
  get committed(): TurnLogState {
    return { name: this.state.name, bytes: this.state.bytes };
  }

  /** Appends encoded lines at the committed end (not yet committed: see commitAppended); returns the new length. */
  async append(lines: Array<{ bytes: Buffer }>): Promise<number> {
    let bytes = this.state.bytes;
    for (const line of lines) {
      await this.state.handle.write(line.bytes, 0, line.bytes.length, bytes);
      bytes += line.bytes.length;
    }
    if (lines.length > 0) await this.state.handle.sync();
    return bytes;
  }

  /** Takes bytes as the committed length, once deskbot.json says so. */
  commitAppended(bytes: number): void {
    this.state.bytes = bytes;
  }

  /** Cuts off what append() wrote past the committed length (a commit that failed). */
  async dropAppended(): Promise<void> {
    await this.state.handle.truncate(this.state.bytes).catch(() => undefined);
  }

  async *between(since: Date, until: Date, only?: 'review'): AsyncIterable<TurnLogEntry> {
    const from = since.getTime();
    const to = until.getTime();
    const { handle, bytes, path } = await this.snapshot();
    try {
      const window: TurnRef[] = [];
      const start = await recentStart(handle, bytes, from - ORDER_SLACK_MS);
      // A header that says the entry is not for the review inbox spares reading it, and parsing the header.
      const skip = only === 'review' ? (header: string) => header.includes(NOT_FOR_REVIEW) : undefined;
      await this.scan(path, handle, bytes, (ref) => {
        // Compared as instants: the bounds may be any Date (an ISO string of year 275760 starts with '+').
        const at = Date.parse(ref.at);
        if (at >= from && at < to) window.push(ref);
      }, start, skip);
      window.sort(TURN_LOG.compare);
      for (let i = 0; i < window.length; ) {
        // Entries that follow each other in the file (the usual case: the log is appended in time order) are read
        // with one read instead of one each.
        const start = window[i].offset;
        let end = start + window[i].length;
        let j = i + 1;
        for (; j < window.length; j++) {
          const next = window[j];
          if (next.offset < end || next.offset - end > NEARBY_BYTES || next.offset + next.length - start > CHUNK_BYTES) break;
          end = next.offset + next.length;
        }
        const chunk = await readBody(handle, { offset: start, length: end - start });
        for (const ref of window.slice(i, j)) {
          const entry = intactBody(chunk.subarray(ref.offset - start, ref.offset - start + ref.length), ref);
          const problem = entry === undefined ? undefined : recordProblem(turnSchema, entry);
          if (entry !== undefined && problem === undefined) {
            if (only !== 'review' || (entry as TurnLogEntry).review !== undefined) yield entry as TurnLogEntry;
          } else this.host.report({ file: path, offset: ref.offset, id: ref.id, ...(problem === undefined ? {} : { problem }) });
        }
        i = j;
      }
    } finally {
      await handle.close();
    }
  }

  /** How many entries the turn log holds (each id once). */
  async count(): Promise<number> {
    const { handle, bytes, path } = await this.snapshot();
    let n = 0;
    try {
      await this.scan(path, handle, bytes, () => n++);
    } finally {
      await handle.close();
    }
    return n;
  }

  /** Counts the entries from the window's start on, in one sequential pass over the file (each id once, the first). */
  async tally(window: StatsWindow, by?: GroupBy): Promise<TurnTally> {
    const from = window.since.toISOString();
    const tallier = new TurnTallier(window, by);
    const { handle, bytes, path } = await this.snapshot();
    try {
      const seen = new Set<string>();
      await scanLines(path, handle, bytes, (line) => {
        const header = parseTurnHeader(line.header);
        if (header.id === '?' || seen.has(header.id)) return;
        seen.add(header.id);
        if (header.at < from) return;
        const entry = intactBody(line.body, header) as TurnLogEntry | undefined;
        if (entry) tallier.add(entry);
        else this.host.report({ file: path, offset: line.offset, id: header.id });
      });
    } finally {
      await handle.close();
    }
    return tallier.result();
  }

  deleteBefore(before: Date): Promise<number> {
    const limit = before.getTime();
    return this.rewrite((entry) => (Date.parse(entry.at) < limit ? null : entry));
  }

  forgetUser(channel: ChannelName, userId: string): Promise<number> {
    // Each conversation gets an anonymous name of its own, so conversations are still counted apart.
    const anonymous = new Map<string, string>();
    return this.rewrite((entry) => {
      if (entry.channel !== channel || entry.userId !== userId) return entry;
      const { text: _text, ...rest } = entry;
      let conversation = anonymous.get(entry.conversation);
      if (!conversation) anonymous.set(entry.conversation, (conversation = `forgotten:${randomUUID()}`));
      return { ...rest, userId: '', conversation };
    });
  }

  /**
   * Rewrites the file (in the store's write queue) with change applied to each entry: null drops it, the same
   * object keeps its bytes as they are. Returns how many entries were dropped or changed.
   */
  rewrite(change: (entry: TurnLogEntry) => TurnLogEntry | null): Promise<number> {
    return this.host.exclusive(() => this.rewriteNow(change));
  }

  /** As rewrite, for a caller already in the store's write queue. */
  async rewriteNow(change: (entry: TurnLogEntry) => TurnLogEntry | null): Promise<number> {
    const refs: TurnRef[] = [];
    await this.scan(this.path, this.state.handle, this.state.bytes, (ref) => refs.push(ref));
    let changed = 0;
    const name = nextVersionName(this.state.name, TURN_LOG_NAME, 'deskbot-turns');
    const path = join(dirname(this.path), name);
    const out = await createLineFile(path);
    let bytes: number;
    try {
      for (const ref of refs) {
        const body = await readBody(this.state.handle, ref);
        const entry = intactBody(body, ref) as TurnLogEntry | undefined;
        // A damaged line is copied as it is, with its old checksum, so it stays detectably damaged.
        const next = entry ? change(entry) : undefined;
        if (next === null) {
          changed++;
          continue;
        }
        if (next && next !== entry) {
          changed++;
          await out.add({ id: next.id, at: next.at }, Buffer.from(toStorableJson(next), 'utf8'));
        } else {
          await out.add({ id: ref.id, at: ref.at, sum: ref.sum }, body);
        }
      }
      bytes = await out.finish();
    } catch (err) {
      await out.abort();
      throw err;
    }
    if (changed === 0) {
      await rm(path, { force: true });
      return 0;
    }
    // Until deskbot.json names the new file the old one is current; after it, the new one is.
    await this.host.saveDataFile({ name, bytes });
    const previous = { handle: this.state.handle, path: this.path };
    this.state = { name, bytes, handle: await open(path, 'r+') };
    this.path = path;
    await previous.handle.close();
    await rm(previous.path, { force: true });
    await this.cache.drop();
    return changed;
  }

  /** Closes the file. */
  close(): Promise<void> {
    return this.state.handle.close();
  }

  /** A read handle on the file as it is now committed: a rewrite may replace the file, never change it under the handle. */
  private snapshot(): Promise<{ handle: FileHandle; bytes: number; path: string }> {
    return this.host.exclusive(async () => ({ handle: await open(this.path, 'r'), bytes: this.state.bytes, path: this.path }));
  }

  /**
   * Calls onLine for the first line of each id (from the line at `from` on, leaving out lines whose header text
   * `skip` rejects), in file order; damaged headers are reported and skipped.
   */
  private async scan(path: string, handle: FileHandle, bytes: number, onLine: (ref: TurnRef) => void, from = 0, skip?: (header: string) => boolean): Promise<void> {
    const seen = new Set<string>();
    await scanLines(path, handle, bytes, (line) => {
      if (skip?.(line.header)) return;
      const header = parseTurnHeader(line.header);
      if (header.id === '?') return this.host.report({ file: path, offset: line.offset, id: '?' });
      if (seen.has(header.id)) return;
      seen.add(header.id);
      onLine({ id: header.id, at: header.at, offset: line.offset, length: line.body.length, sum: header.sum });
    }, from);
  }
}

/**
 * A line start before which every entry is older than `instant`, found by halving the file: entries are appended
 * as their turns are committed, in time order give or take ORDER_SLACK_MS (the caller subtracts it). Reading the
 * last days of a year's log starts there instead of at the top. 0 when the file is small or begins later.
 */
async function recentStart(handle: FileHandle, bytes: number, instant: number): Promise<number> {
  let low = 0;
  let high = bytes;
  while (high - low > SEARCH_STOP_BYTES) {
    const middle = low + Math.floor((high - low) / 2);
    const line = await lineAfter(handle, middle, high);
    if (!line) break;
    const at = Date.parse(parseTurnHeader(line.header).at);
    // A damaged header tells nothing: read from the lower bound.
    if (Number.isNaN(at)) break;
    if (at < instant) low = line.start;
    else high = middle;
  }
  return low;
}
