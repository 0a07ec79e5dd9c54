/** The archive rewriters of retention and `user forget` for the lowdb store (the records' rewrites are in ../erase-records.ts). */
import type { ForgetCounts } from '../port.js';
import { caseWithoutTranscript, closedBefore, conversationOf, eventWithoutText, forgottenCase, forgottenEvent, requestedBy } from '../erase-records.js';
import { requesterKey } from './archive-format.js';
import type { LineRewriter } from './compaction.js';

/** Empties the transcripts of cases closed before `before` (ISO), counting the cases it changed. */
export function retentionRewriter(before: string, counts: { cases: number }): LineRewriter {
  return (line) => {
    if (!('case' in line) || !closedBefore(line.case, before)) return line;
    const c = caseWithoutTranscript(line.case);
    const events = line.events.map(eventWithoutText);
    if (c === line.case && events.every((e, i) => e === line.events[i])) return line;
    counts.cases++;
    return { case: c, events };
  };
}

/**
 * Drops the person's conversation lines and rewrites their cases and those cases' events (`live`: ids of their
 * cases kept in deskbot.json, whose events are in events lines); the new requester of each rewritten case goes
 * into `requesters`.
 */
export function forgetRewriter(channel: string, userId: string, live: ReadonlySet<string>, counts: ForgetCounts, requesters: Map<string, string>): LineRewriter {
  return (line) => {
    if ('conversation' in line) {
      if (!conversationOf(line.conversation.state, channel, userId)) return line;
      counts.conversations++;
      return null;
    }
    if ('case' in line && requestedBy(line.case, channel, userId)) {
      const c = forgottenCase(line.case);
      // A reopened case's old line (its earlier events) is rewritten too, but the case itself is counted once.
      if (!live.has(c.id)) counts.cases++;
      requesters.set(c.id, requesterKey(c));
      counts.events += line.events.length;
      return { case: c, events: line.events.map(forgottenEvent) };
    }
    if ('case' in line || !line.events.some((e) => live.has(e.caseId))) return line;
    counts.events += line.events.filter((e) => live.has(e.caseId)).length;
    return { events: line.events.map((e) => (live.has(e.caseId) ? forgottenEvent(e) : e)) };
  };
}
