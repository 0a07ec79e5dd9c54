/**
 * The lowdb archive's lines: what each kind of line holds, its header, and the index built from the headers.
 *
 * - a case line: a closed case and its whole event log (`{"case": …, "events": […]}`); its header carries what
 *   the in-memory index needs (requester, creation time, card references, event count);
 * - a conversation line: a conversation pushed out of deskbot.json by newer ones (`{"conversation": …}`);
 * - an events line: the events one commit added to a case that is not closed (`{"events": […]}`).
 * The last line of an id wins; a case line holds every event of its case before it.
 */
import type { FileHandle } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { CaseEvent, SupportCase } from '../../cases/types.js';
import { z } from 'zod';
import { StoreCorruptError } from '../errors.js';
import type { ConversationRecord } from '../port.js';
import { caseSchema, conversationSchema, eventSchema, oncePerPlace } from '../records.js';
import { encodeLine, intactBody, scanLines, sumMatches, type EncodedLine, type LineRef } from './line-file.js';

/** File names of the archive: `deskbot-archive.jsonl`, then one number higher at each compaction. */
export const ARCHIVE_NAME = /^deskbot-archive(?:\.(\d+))?\.jsonl$/;

/** A closed case with its event log. */
export interface CaseLine {
  case: SupportCase;
  events: CaseEvent[];
}

/** A conversation moved out of deskbot.json. */
export interface ConversationLine {
  conversation: ConversationRecord;
}

/** Events one commit added to a case that is not closed. */
export interface EventsLine {
  events: CaseEvent[];
}

/** Any archive record. */
export type ArchiveLine = CaseLine | ConversationLine | EventsLine;

/** What the in-memory index keeps of an archived case; the case itself stays on disk. */
export interface ArchiveEntry extends LineRef {
  requester: string;
  createdAt: string;
  /** When the case last changed, its route, and how many answers agents suggested in it (absent in lines written before headers said so). */
  updatedAt?: string;
  route?: string;
  suggested?: number;
  cardRefs: string[];
  events: number;
}

/** A line whose record holds events of a case that is not closed (an events line, or the line of a reopened case). */
export interface EventsRef extends LineRef {
  count: number;
}

/** The header of an archive line: an archived case's index entry (without its place), a conversation's id, or a case's events. */
export type LineHeader =
  | ({ kind: 'case'; id: string } & Omit<ArchiveEntry, 'offset' | 'length'>)
  | { kind: 'conversation'; id: string; sum?: number }
  | { kind: 'events'; id: string; count: number; sum?: number };

/** An archive line ready to append. */
export type ArchiveWrite = EncodedLine<LineHeader>;

/** The shape each kind of archive record must have when read (an events ref may point at a reopened case's old case line: it has events too). */
export const LINE_SCHEMAS = {
  case: z.object({ case: caseSchema, events: z.array(eventSchema) }),
  conversation: z.object({ conversation: conversationSchema }),
  events: z.object({ events: z.array(eventSchema) }),
} as const;

/**
 * A stored record that cannot be served: its bytes are not what was written, or it is not in the shape of
 * its kind (records.ts). Reported, skipped, and left in the file as it is.
 */
export interface DamagedRecord {
  file: string;
  /** Where the record's JSON starts (after its header). */
  offset: number;
  id: string;
  /** What is wrong with its shape (absent: its bytes are damaged). */
  problem?: string;
}

/** The index of an archive, from its headers. */
export interface ArchiveIndex {
  cases: Map<string, ArchiveEntry>;
  conversations: Map<string, LineRef>;
  /** Events lines per case, in file order, written after the case's last case line. */
  events: Map<string, EventsRef[]>;
}

/** `{channel}:{userId}` of a case's requester, the key of the requester index. */
export function requesterKey(c: SupportCase): string {
  return `${c.requester.channel}:${c.requester.userId}`;
}

/** The line of a closed case (with its events) or of a conversation. */
export function archiveLine(line: CaseLine | ConversationLine): ArchiveWrite {
  const header: LineHeader =
    'conversation' in line
      ? { kind: 'conversation', id: line.conversation.id }
      : {
          kind: 'case',
          id: line.case.id,
          requester: requesterKey(line.case),
          createdAt: line.case.createdAt,
          updatedAt: line.case.updatedAt,
          route: line.case.route,
          suggested: line.case.suggestions?.length ?? 0,
          cardRefs: Object.values(line.case.cardRefs),
          events: line.events.length,
        };
  return encodeLine(header, line);
}

/** The line of events a commit added to a case that is not closed. */
export function eventsLine(caseId: string, events: CaseEvent[]): ArchiveWrite {
  return encodeLine<LineHeader>({ kind: 'events', id: caseId, count: events.length }, { events });
}

/** The record in body, or undefined when its bytes are damaged. */
export function intactRecord(body: Buffer, ref: LineRef): ArchiveLine | undefined {
  return intactBody(body, ref) as ArchiveLine | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
        (value.updatedAt === undefined || typeof value.updatedAt === 'string') &&
        (value.route === undefined || typeof value.route === 'string') &&
        (value.suggested === undefined || Number.isSafeInteger(value.suggested)) &&
        Array.isArray(value.cardRefs) &&
        value.cardRefs.every((r) => typeof r === 'string') &&
        Number.isSafeInteger(value.events)));
  if (!ok) throw new StoreCorruptError(path, `line ${lineNumber} has a header that is not a case's, a conversation's or events'`);
  return value as LineHeader;
}

/**
 * Indexes the archive from its headers; a record whose checksum does not match is reported and still indexed
 * (reads skip it), so that its bytes stay in the file for whoever repairs it.
 */
export async function scanArchive(path: string, handle: FileHandle, bytes: number, report: (damage: DamagedRecord) => void): Promise<ArchiveIndex> {
  const cases = new Map<string, ArchiveEntry>();
  const conversations = new Map<string, LineRef>();
  const events = new Map<string, EventsRef[]>();
  await scanLines(path, handle, bytes, (line) => {
    const header = parseHeader(path, line.lineNumber, line.header);
    const ref = { offset: line.offset, length: line.body.length, sum: header.sum };
    if (!sumMatches(line.body, header.sum)) report({ file: path, offset: ref.offset, id: header.id });
    if (header.kind === 'conversation') conversations.set(header.id, ref);
    else if (header.kind === 'events') events.set(header.id, [...(events.get(header.id) ?? []), { ...ref, count: header.count }]);
    else {
      const { kind: _kind, id: _id, sum: _sum, ...entry } = header;
      cases.set(header.id, { ...ref, ...entry });
      // A case line holds every event before it.
      events.delete(header.id);
    }
  });
  return { cases, conversations, events };
}

/** Logs each damaged record once (found at open or by a later read): which file, where, whose; never its content. */
export function damageReporter(logger: Pick<Logger, 'error'>): (damage: DamagedRecord) => void {
  return oncePerPlace((damage) => `${damage.file}:${damage.offset}`, (damage) => {
    const what = damage.problem === undefined ? 'its bytes are not what was written' : `it is not in the shape deskbot writes (${damage.problem})`;
    logger.error(
      damage,
      `damaged record in ${damage.file} at byte ${damage.offset} (id ${damage.id}): ${what}. ` +
        'deskbot skips it and serves the rest; the file keeps it as it is for repair.',
    );
  });
}
