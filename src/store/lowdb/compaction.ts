/**
 * Archive compaction: the current records are copied to the next archive file (rewritten on the way when a
 * rescan asks), so that superseded lines, which still hold what was typed before, go with the old file.
 */
import type { FileHandle } from 'node:fs/promises';
import { toStorableJson } from '../plain-json.js';
import type { RecordRewriter, RewriteCounts } from '../port.js';
import { intactRecord, requesterKey, type ArchiveLine } from './archive-format.js';
import { createLineFile, readBody, type LineRef } from './line-file.js';
import type { MovedLine } from './store-index.js';

/** Changes an archive record on its way to the new file; returns the line itself to leave it as it is, null to drop it. */
export type LineRewriter = (line: ArchiveLine) => ArchiveLine | null;

/**
 * Writes the moved lines, read from source, to a new file at path (fsynced); returns where each record was
 * placed (undefined: dropped by the rewriter), the file's length and how many records the rewriter changed or
 * dropped. A damaged record is copied as it is, with its old checksum, so it stays detectably damaged; the file
 * is removed if anything fails.
 */
export async function copyLines(
  source: FileHandle,
  moved: MovedLine[],
  path: string,
  rewrite?: LineRewriter,
): Promise<{ placed: Array<LineRef | undefined>; bytes: number; changed: number }> {
  const out = await createLineFile(path);
  const placed: Array<LineRef | undefined> = [];
  let changed = 0;
  try {
    for (const m of moved) {
      const body = await readBody(source, m.ref);
      const line = rewrite && intactRecord(body, m.ref);
      const next = line && rewrite(line);
      if (next === null) {
        changed++;
        placed.push(undefined);
      } else if (next && next !== line) {
        changed++;
        // A new record gets a new checksum, and a case's header names its requester as the record now does.
        const { sum: _sum, ...header } = m.header;
        if (header.kind === 'case' && 'case' in next) header.requester = requesterKey(next.case);
        placed.push(await out.add(header, Buffer.from(toStorableJson(next), 'utf8')));
      } else {
        placed.push(await out.add(m.header, body));
      }
    }
    return { placed, bytes: await out.finish(), changed };
  } catch (err) {
    await out.abort();
    throw err;
  }
}

/** The archive side of a rescan: each current record rewritten, tallied in counts. */
export function archiveRewriter(rewrite: RecordRewriter, counts: RewriteCounts): LineRewriter {
  return (line) => {
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
    // An open case's events are in lines of their own; its record is in deskbot.json, rewritten in memory.
    if (!('case' in line)) return eventsChanged ? { events } : line;
    const c = rewrite.case(line.case);
    if (c !== line.case) counts.cases++;
    return c === line.case && !eventsChanged ? line : { case: c, events };
  };
}
