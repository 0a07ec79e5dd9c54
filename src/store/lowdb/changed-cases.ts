/**
 * The lowdb store's reads of many cases: every case changed since a time (statistics, `deskbot cases`), live cases
 * from memory, archived ones from the archive; and the closed cases at the end of the queue. An archived case's
 * header says when it last changed and its route, so only the lines wanted are read (lines written before headers
 * said so are read to learn it).
 */
import type { CaseEvent, SupportCase } from '../../cases/types.js';
import { CLOSED_CASES } from '../ordering.js';
import { copyOfStored } from '../plain-json.js';
import type { ArchiveEntry, CaseLine } from './archive-format.js';
import { readBodies, readBody, scanLines, type LineRef } from './line-file.js';
import type { ArchiveFile } from './store.js';
import type { StoreIndex } from './store-index.js';

/** What the read needs from its store. */
export interface ChangedCasesHost {
  index: StoreIndex;
  archiveFile: ArchiveFile;
  /** The events of a live case. */
  liveEvents(caseId: string): Promise<CaseEvent[]>;
  /** The case line in body, or undefined (reported) when it is damaged. */
  caseLine(body: Buffer, ref: LineRef, id: string): CaseLine | undefined;
}

/** Cases whose updatedAt is at or after `from` (ISO), with their events when asked; only those with suggested answers when `onlySuggested`. */
export async function readChangedCases(host: ChangedCasesHost, from: string, withEvents: boolean, onlySuggested = false): Promise<Array<{ c: SupportCase; events: CaseEvent[] }>> {
  const out: Array<{ c: SupportCase; events: CaseEvent[] }> = [];
  const suggested = (c: SupportCase) => !onlySuggested || (c.suggestions?.length ?? 0) > 0;
  for (const c of host.index.live.values()) if (c.updatedAt >= from && suggested(c)) out.push({ c: copyOfStored(c), events: withEvents ? await host.liveEvents(c.id) : [] });
  const take = (line: CaseLine | undefined) => {
    if (line && line.case.updatedAt >= from && suggested(line.case)) out.push({ c: line.case, events: line.events });
  };
  const wanted: Array<[string, ArchiveEntry]> = [];
  for (const [id, entry] of host.index.recency.changedSince(from, host.index.archive)) if (!(onlySuggested && entry.suggested === 0)) wanted.push([id, entry]);
  if (wanted.length * 4 < host.index.archive.size) {
    await readCaseLines(host, wanted, take);
    return out;
  }
  const current = new Map<number, string>();
  for (const [id, entry] of wanted) current.set(entry.offset, id);
  await scanLines(host.archiveFile.path, host.archiveFile.handle, host.index.archiveBytes, (line) => {
    const id = current.get(line.offset);
    const entry = id === undefined ? undefined : host.index.archive.get(id);
    if (entry && id !== undefined) take(host.caseLine(line.body, entry, id));
  });
  return out;
}

/** Closed cases (of one route, when given), most recently changed first, at most `limit`, and how many there are. */
export async function readClosedPage(host: ChangedCasesHost, limit: number, route: string | undefined): Promise<{ cases: SupportCase[]; total: number }> {
  const read = (id: string, entry: ArchiveEntry) => readBody(host.archiveFile.handle, entry).then((body) => host.caseLine(body, entry, id));
  // Every closed case is in the archive (a reopened one is live again).
  const closed: Array<{ id: string; updatedAt: string; entry: ArchiveEntry }> = [];
  for (const [id, entry] of host.index.archive) {
    if (host.index.live.has(id)) continue;
    const known = entry.updatedAt !== undefined && entry.route !== undefined ? { updatedAt: entry.updatedAt, route: entry.route } : (await read(id, entry))?.case;
    if (known && (route === undefined || known.route === route)) closed.push({ id, updatedAt: known.updatedAt, entry });
  }
  closed.sort(CLOSED_CASES.compare);
  const page = closed.slice(0, Math.max(0, limit));
  const lines = new Map<ArchiveEntry, CaseLine | undefined>();
  await readCaseLines(host, page.map(({ id, entry }) => [id, entry]), (line, entry) => lines.set(entry, line));
  return { cases: page.flatMap(({ entry }) => lines.get(entry)?.case ?? []), total: closed.length };
}

/** The case lines of archived cases, read together (nearby ones in one read), each handed on in file order. */
async function readCaseLines(host: ChangedCasesHost, cases: ReadonlyArray<readonly [string, ArchiveEntry]>, onLine: (line: CaseLine | undefined, entry: ArchiveEntry) => void): Promise<void> {
  const ids = new Map(cases.map(([id, entry]) => [entry, id]));
  await readBodies(host.archiveFile.handle, [...ids.keys()], (body, entry) => onLine(host.caseLine(body, entry, ids.get(entry) as string), entry));
}
