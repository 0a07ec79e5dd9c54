/**
 * What the lowdb store keeps in memory: deskbot.json's live records, where each archived record is, and the
 * lookups by requester and by card. It changes only once a commit (or compaction) is on disk.
 */
import type { SupportCase } from '../../cases/types.js';
import { identityOf, type CaseIdentity } from '../case-identity.js';
import type { ConversationRecord } from '../port.js';
import type { ArchiveEntry, ArchiveIndex, ArchiveWrite, EventsRef, LineHeader } from './archive-format.js';
import { requesterKey } from './archive-format.js';
import { ArchiveRecency } from './archive-recency.js';
import { LOWDB_FORMAT_VERSION, type DataFile } from './data-file.js';
import type { EncodedLine, LineRef } from './line-file.js';

/** How one commit changes the store, worked out before anything is written. */
export interface CommitPlan {
  conversations: Map<string, ConversationRecord>;
  /** Cases that live in deskbot.json after the commit (undefined: events of a case id not seen yet). */
  live: Map<string, SupportCase | undefined>;
  /** Closed cases, pushed-out conversations and open cases' new events appended to the archive. */
  archived: ArchiveWrite[];
  /** Lines appended to the turn log. */
  turns: EncodedLine<unknown>[];
}

/** A plan that changes nothing (writes deskbot.json as it is in memory). */
export function emptyPlan(): CommitPlan {
  return { conversations: new Map(), live: new Map(), archived: [], turns: [] };
}

/** A current archive record, as a compaction copies it: where it is, whose it is, and the header it gets. */
export interface MovedLine {
  ref: LineRef;
  id: string;
  header: LineHeader;
}

/** The in-memory state of a lowdb store. */
export class StoreIndex {
  /** Live conversations, least recently written first. */
  readonly conversations = new Map<string, ConversationRecord>();
  readonly archivedConversations: Map<string, LineRef>;
  readonly live = new Map<string, SupportCase>();
  /** Where the events of live cases (and of case ids not seen yet) are in the archive, in commit order. */
  readonly liveEvents: Map<string, EventsRef[]>;
  readonly archive: Map<string, ArchiveEntry>;
  /** The archived cases in the order their lines were written, to find the recently changed ones. */
  readonly recency: ArchiveRecency;
  archivedEvents = 0;
  /** The archive's committed length. */
  archiveBytes: number;
  /** Bytes of archive records still current; the rest of archiveBytes is superseded lines (and headers). */
  liveArchiveBytes = 0;
  private readonly byRequester = new Map<string, Set<string>>();
  private readonly byCardRef = new Map<string, string>();

  constructor(data: DataFile, scanned: ArchiveIndex) {
    this.archive = scanned.cases;
    this.archivedConversations = scanned.conversations;
    this.liveEvents = scanned.events;
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
    this.recency = new ArchiveRecency(this.archive);
  }

  /** The case id whose card has this reference. */
  caseIdByCardRef(ref: string): string | undefined {
    return this.byCardRef.get(ref);
  }

  /** The identity of the stored case with this id (live or archived), if there is one. */
  identity(id: string): CaseIdentity | undefined {
    const live = this.live.get(id);
    if (live) return identityOf(live);
    const archived = this.archive.get(id);
    return archived && { requester: archived.requester, createdAt: archived.createdAt };
  }

  /** The ids and creation times of one requester's cases (`{channel}:{userId}`), in no order. */
  requesterCases(requester: string): Array<{ id: string; createdAt: string }> {
    return [...(this.byRequester.get(requester) ?? [])].map((id) => ({ id, createdAt: this.live.get(id)?.createdAt ?? this.archive.get(id)?.createdAt ?? '' }));
  }

  /** How many records of each kind the store holds. */
  counts(): { conversations: number; cases: number; events: number } {
    let liveEvents = 0;
    for (const refs of this.liveEvents.values()) for (const ref of refs) liveEvents += ref.count;
    return {
      conversations: this.conversations.size + this.archivedConversations.size,
      cases: this.live.size + this.archive.size,
      events: liveEvents + this.archivedEvents,
    };
  }

  /** deskbot.json as it will be once plan is applied, with the archive's name and committed length. */
  snapshot(plan: CommitPlan, archiveFile: string, archiveBytes: number): DataFile {
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
    return { version: LOWDB_FORMAT_VERSION, archiveFile, archiveBytes, conversations, cases, events: [] };
  }

  /** Applies a plan whose archive lines were appended at offsets, leaving the archive archiveBytes long. */
  apply(plan: CommitPlan, offsets: number[], archiveBytes: number): void {
    for (const c of plan.conversations.values()) {
      this.conversations.delete(c.id);
      this.conversations.set(c.id, c);
      this.liveArchiveBytes -= this.archivedConversations.get(c.id)?.length ?? 0;
      this.archivedConversations.delete(c.id);
    }
    for (const [id, c] of plan.live) {
      this.forget(id, true);
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
      this.forget(header.id, false);
      const { kind: _kind, id: _id, ...index } = header;
      const entry = { ...ref, ...index };
      this.archive.set(header.id, entry);
      this.recency.push(header.id, entry);
      this.archivedEvents += header.events;
      this.indexCase(header.id, header.requester, header.cardRefs);
    });
    this.archiveBytes = archiveBytes;
  }

  /** True when superseded archive bytes outweigh live ones and pass limit. */
  compactionWorthIt(limit: number): boolean {
    const garbage = this.archiveBytes - this.liveArchiveBytes;
    return garbage > limit && garbage > this.liveArchiveBytes;
  }

  /** Every current archive record, as a compaction copies it. */
  currentLines(): MovedLine[] {
    const moved: MovedLine[] = [];
    for (const [id, entry] of this.archive) {
      const { offset: _offset, length: _length, ...index } = entry;
      moved.push({ ref: entry, id, header: { kind: 'case', id, ...index } });
    }
    for (const [id, ref] of this.archivedConversations) moved.push({ ref, id, header: { kind: 'conversation', id, sum: ref.sum } });
    // A reopened case's old case line is copied as an events line: only its events are still current.
    for (const [id, refs] of this.liveEvents) for (const ref of refs) moved.push({ ref, id, header: { kind: 'events', id, count: ref.count, sum: ref.sum } });
    return moved;
  }

  /**
   * Points the index at a new archive of `bytes` bytes, where the moved lines were placed; a conversation line
   * placed nowhere was dropped (`user forget`). `requesters` gives the new requester of cases rewritten with one.
   */
  placeCompacted(moved: MovedLine[], placed: Array<LineRef | undefined>, bytes: number, requesters: ReadonlyMap<string, string> = new Map()): void {
    const placedEvents = new Map<string, EventsRef[]>();
    moved.forEach((m, i) => {
      const ref = placed[i];
      if (m.header.kind === 'conversation') {
        if (ref) this.archivedConversations.set(m.id, ref);
        else this.archivedConversations.delete(m.id);
      } else if (m.header.kind === 'case') {
        const entry = this.archive.get(m.id) as ArchiveEntry;
        const requester = requesters.get(m.id) ?? entry.requester;
        if (requester !== entry.requester) {
          this.unindexCase(m.id, entry.requester, entry.cardRefs);
          this.indexCase(m.id, requester, entry.cardRefs);
        }
        this.archive.set(m.id, { ...entry, ...(ref as LineRef), requester });
      } else if (ref) placedEvents.set(m.id, [...(placedEvents.get(m.id) ?? []), { ...ref, count: m.header.count }]);
    });
    for (const [id, refs] of placedEvents) this.liveEvents.set(id, refs);
    this.recency.rebuild(this.archive);
    this.archiveBytes = bytes;
    this.liveArchiveBytes = placed.reduce((sum, ref) => sum + (ref?.length ?? 0), 0);
  }

  /** Replaces a live case (rewritten in memory by `user forget`), re-indexing its requester. */
  replaceLive(c: SupportCase): void {
    const before = this.live.get(c.id);
    if (before) this.unindexCase(c.id, requesterKey(before), Object.values(before.cardRefs));
    this.live.set(c.id, c);
    this.indexCase(c.id, requesterKey(c), Object.values(c.cardRefs));
  }

  /** Drops a case from the indexes; `keepArchivedEvents`: its archived line stays current as the source of its earlier events. */
  private forget(id: string, keepArchivedEvents: boolean): void {
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
}
