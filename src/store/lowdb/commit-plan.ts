/** How a commit changes the lowdb store: which records stay in deskbot.json and which lines the archive gets. */
import type { CaseEvent, SupportCase } from '../../cases/types.js';
import type { TurnCommit } from '../port.js';
import { archiveLine, eventsLine, type CaseLine } from './archive-format.js';
import type { CommitPlan, StoreIndex } from './store-index.js';
import { turnLine } from './turn-log-file.js';

/** Reads of archived records a plan needs. */
export interface ArchiveReader {
  /** The archived line of a closed case. */
  archivedCase(id: string): Promise<CaseLine | undefined>;
  /** The events of a case that is not closed, in commit order. */
  liveEvents(id: string): Promise<CaseEvent[]>;
}

/**
 * Works out a commit before anything is written: a case that is (or becomes) closed goes to the archive with
 * its whole event log, other cases stay live and their new events become one events line, and the least
 * recently written conversations past `liveConversations` make room for new ones. Turn log entries are
 * appended to the turn log as they are.
 */
export async function planCommit(change: TurnCommit, index: StoreIndex, read: ArchiveReader, liveConversations: number): Promise<CommitPlan> {
  const plan: CommitPlan = { conversations: new Map(), live: new Map(), archived: [], turns: (change.turns ?? []).map(turnLine) };
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
    const archived = await read.archivedCase(id);
    const current = upserts.get(id) ?? index.live.get(id) ?? archived?.case;
    const added = newEvents.get(id) ?? [];
    if (current?.status === 'closed') {
      // Closing gathers the whole event log into the case's one archive line.
      const events = [...(archived ? archived.events : await read.liveEvents(id)), ...added];
      plan.archived.push(archiveLine({ case: current, events }));
      continue;
    }
    plan.live.set(id, current);
    if (added.length > 0) plan.archived.push(eventsLine(id, added));
  }
  let excess = index.conversations.size - liveConversations;
  for (const id of plan.conversations.keys()) if (!index.conversations.has(id)) excess++;
  for (const [id, record] of index.conversations) {
    if (excess <= 0) break;
    if (plan.conversations.has(id)) continue;
    plan.archived.push(archiveLine({ conversation: record }));
    excess--;
  }
  return plan;
}
