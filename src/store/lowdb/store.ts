/** The lowdb store itself: its reads, its commits (group commit of plans) and its rewrites (compaction). */
import { open, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Low } from 'lowdb';
import type { CaseEvent, ChannelName, SupportCase } from '../../cases/types.js';
import { identityOf, takenIds, type CaseIdentity } from '../case-identity.js';
import { CaseIdTakenError, StoreUnavailableError } from '../errors.js';
import type { KeyLog } from '../key-log.js';
import { createKeyedLock } from '../keyed-lock.js';
import { copyOfStored, toStoredCopy } from '../plain-json.js';
import { caseHistoryOf, type CaseHistory } from '../../insight/case-history.js';
import type { StatsCacheSlot } from '../../insight/stats-cache.js';
import { ACTIVE_CASES, CASE_EVENTS, REQUESTER_CASES } from '../ordering.js';
import type { CaseRepository, ConversationRecord, ConversationStore, ForgetCounts, RecordRewriter, RewriteCounts, Store, StoreCounts, TurnCommit } from '../port.js';
import { conversationOf, forgottenCase, requestedBy } from '../erase-records.js';
import { recordProblem } from '../records.js';
import { ARCHIVE_NAME, intactRecord, LINE_SCHEMAS, type ArchiveLine, type CaseLine, type ConversationLine, type DamagedRecord, type EventsLine } from './archive-format.js';
import { readChangedCases, readClosedPage, type ChangedCasesHost } from './changed-cases.js';
import { planCommit } from './commit-plan.js';
import { archiveRewriter, copyLines, type LineRewriter } from './compaction.js';
import type { DataFile } from './data-file.js';
import { createGroupCommit, type GroupCommit } from './group-commit.js';
import { nextVersionName, readBody, type LineRef } from './line-file.js';
import { forgetRewriter, retentionRewriter } from './record-erasure.js';
import { emptyPlan, type CommitPlan, type StoreIndex } from './store-index.js';
import { TurnLogFile, type TurnLogState } from './turn-log-file.js';

/** The archive file a store appends to. */
export interface ArchiveFile {
  name: string;
  path: string;
  handle: FileHandle;
}

/** A lowdb store opened on its files (see ../lowdb-store.ts for the files and how they are opened). */
export class LowdbStore implements Store {
  private readonly locks = createKeyedLock();
  // All writes go through one queue: one file write at a time, in call order.
  private readonly writes = createKeyedLock();
  private readonly commits: GroupCommit<TurnCommit>;
  private closed = false;
  /** The turn log, in a file of its own, and the statistics' cache beside it. */
  readonly turns: TurnLogFile;
  readonly statsCache: StatsCacheSlot;

  constructor(
    private readonly db: Low<DataFile>,
    private archiveFile: ArchiveFile,
    private readonly index: StoreIndex,
    private readonly keys: KeyLog,
    private readonly unlock: () => Promise<void>,
    private readonly report: (damage: DamagedRecord) => void,
    private readonly limits: { liveConversations: number; archiveGarbageLimit: number },
    turnLog: TurnLogState & { handle: FileHandle },
  ) {
    this.commits = createGroupCommit((work) => this.writes.run('', work), (batch) => this.writeBatch(batch));
    this.turns = new TurnLogFile(turnLog, dirname(archiveFile.path), {
      exclusive: (work) => this.writes.run('', work),
      saveDataFile: (turns) => this.saveDataFile(emptyPlan(), this.index.archiveBytes, turns),
      report: (damage) => this.report(damage),
    });
    this.statsCache = this.turns.statsCache;
  }

  /** Conversations: deskbot.json's in memory, older ones read from the archive. */
  readonly conversations: ConversationStore = {
    get: async (id) => {
      this.assertOpen();
      const record = this.index.conversations.get(id);
      if (record) return copyOfStored(record);
      const ref = this.index.archivedConversations.get(id);
      return ref && (await this.readLine<ConversationLine>(ref, id, 'conversation'))?.conversation;
    },
    updatedSince: async (since) => {
      this.assertOpen();
      // Archived conversations are the least recently written ones: only deskbot.json's can be that recent.
      return [...this.index.conversations.values()].filter((c) => c.updatedAt >= since).map(copyOfStored);
    },
    lock: (key, fn) => {
      this.assertOpen();
      return this.locks.run(key, fn);
    },
    once: async (key, ttlSeconds) => {
      this.assertOpen();
      try {
        return await this.keys.claim(key, ttlSeconds);
      } catch (err) {
        throw new StoreUnavailableError(`cannot save a delivery key in ${dirname(this.archiveFile.path)}: ${(err as Error).message}`, { cause: err });
      }
    },
  };

  /** Cases: live ones in memory, closed ones read from the archive at the place the index keeps. */
  readonly cases: CaseRepository = {
    get: (id) => {
      this.assertOpen();
      return this.getCase(id);
    },
    byRequester: async (channel, userId, limit) => {
      this.assertOpen();
      const newestFirst = this.index
        .requesterCases(`${channel}:${userId}`)
        .sort(REQUESTER_CASES.compare)
        .slice(0, limit === undefined ? undefined : Math.max(0, limit));
      const cases = await Promise.all(newestFirst.map(({ id }) => this.getCase(id)));
      return cases.filter((c): c is SupportCase => c !== undefined);
    },
    active: async () => {
      this.assertOpen();
      return [...this.index.live.values()].filter((c) => c.status !== 'closed').sort(ACTIVE_CASES.compare).map(copyOfStored);
    },
    events: async (caseId) => {
      this.assertOpen();
      const archived = await this.readArchived(caseId);
      return (archived ? archived.events : await this.readLiveEvents(caseId)).sort(CASE_EVENTS.compare);
    },
    idByCardRef: async (ref) => {
      this.assertOpen();
      return this.index.caseIdByCardRef(ref);
    },
    histories: (since) => this.histories(since),
    changedSince: (since, only) => this.changedSince(since, only),
    closedPage: (limit, route) => (this.assertOpen(), this.writes.run('', () => readClosedPage(this.caseReads(), limit, route))),
  };

  private async *histories(since: Date): AsyncIterable<CaseHistory> {
    for (const { c, events } of await this.changedCases(since, true)) yield caseHistoryOf(c, events);
  }

  private async *changedSince(since: Date, only?: 'suggested'): AsyncIterable<SupportCase> {
    for (const { c } of await this.changedCases(since, false, only === 'suggested')) yield c;
  }

  commit(change: TurnCommit): Promise<void> {
    this.assertOpen();
    // Copied now, so later changes to the caller's objects cannot leak into what is written.
    return this.commits.submit(toStoredCopy(change));
  }

  /**
   * Writes a group of commits as one: merging is exact, because upserts are last-wins and events keep their
   * order. A commit giving a case another case's id is refused alone (cases earlier in the group count as stored).
   */
  private async writeBatch(batch: TurnCommit[]): Promise<unknown[]> {
    const refusals: unknown[] = [];
    const accepted: TurnCommit[] = [];
    const inBatch = new Map<string, CaseIdentity>();
    for (const change of batch) {
      const taken = takenIds(change.cases ?? [], (id) => inBatch.get(id) ?? this.index.identity(id));
      refusals.push(taken.length > 0 ? new CaseIdTakenError(taken) : undefined);
      if (taken.length > 0) continue;
      for (const c of change.cases ?? []) inBatch.set(c.id, identityOf(c));
      accepted.push(change);
    }
    const merged: TurnCommit = {
      conversations: accepted.flatMap((b) => b.conversations ?? []),
      cases: accepted.flatMap((b) => b.cases ?? []),
      events: accepted.flatMap((b) => b.events ?? []),
      turns: accepted.flatMap((b) => b.turns ?? []),
    };
    try {
      await this.write(await planCommit(merged, this.index, this.reader(), this.limits.liveConversations));
    } catch (err) {
      // Disk full, read-only or vanished directory: nothing of these turns was saved, and the core says so.
      const unavailable = new StoreUnavailableError(`cannot save to ${dirname(this.archiveFile.path)}: ${(err as Error).message}`, { cause: err });
      return refusals.map((refusal) => refusal ?? unavailable);
    }
    return refusals;
  }

  private async getCase(id: string): Promise<SupportCase | undefined> {
    const live = this.index.live.get(id);
    if (live) return copyOfStored(live);
    return (await this.readArchived(id))?.case;
  }

  async counts(): Promise<StoreCounts> {
    this.assertOpen();
    return { ...this.index.counts(), turns: await this.turns.count() };
  }

  async exportAll(): Promise<{ conversations: ConversationRecord[]; cases: SupportCase[]; events: CaseEvent[] }> {
    this.assertOpen();
    // In the write queue, so that no compaction moves records while they are read.
    return this.writes.run('', async () => {
      const whole = Buffer.alloc(this.index.archiveBytes);
      if (whole.length > 0) await this.archiveFile.handle.read(whole, 0, whole.length, 0);
      const cases = [...this.index.live.values()].map(copyOfStored);
      // A damaged record is reported and left out, as reads do.
      const lineAt = <L extends ArchiveLine>(ref: LineRef, id: string, kind: keyof typeof LINE_SCHEMAS) => this.lineFrom<L>(whole.subarray(ref.offset, ref.offset + ref.length), ref, id, kind);
      const events: CaseEvent[] = [];
      for (const [id, refs] of this.index.liveEvents) events.push(...refs.flatMap((ref) => lineAt<EventsLine>(ref, id, 'events')?.events ?? []).sort(CASE_EVENTS.compare));
      for (const [id, entry] of this.index.archive) {
        const line = lineAt<CaseLine>(entry, id, 'case');
        if (!line) continue;
        cases.push(line.case);
        events.push(...line.events.sort(CASE_EVENTS.compare));
      }
      const conversations = [...this.index.conversations.values()].map(copyOfStored);
      for (const [id, ref] of this.index.archivedConversations) {
        const line = lineAt<ConversationLine>(ref, id, 'conversation');
        if (line) conversations.push(line.conversation);
      }
      return { conversations, cases, events };
    });
  }

  async rewriteAll(rewrite: RecordRewriter): Promise<RewriteCounts> {
    this.assertOpen();
    return this.writes.run('', async () => {
      const counts: RewriteCounts = { conversations: 0, cases: 0, events: 0, turns: 0 };
      for (const [id, record] of this.index.conversations) {
        const next = rewrite.conversation(record);
        if (next === record) continue;
        this.index.conversations.set(id, next);
        counts.conversations++;
      }
      for (const [id, c] of this.index.live) {
        const next = rewrite.case(c);
        if (next === c) continue;
        this.index.live.set(id, next);
        counts.cases++;
      }
      // Compaction writes deskbot.json from memory and copies only current archive lines, rewritten, to a new
      // archive: superseded lines, which still hold what was typed before, go with the old file.
      await this.compact(archiveRewriter(rewrite, counts));
      counts.turns = await this.turns.rewriteNow((entry) => (entry.text === undefined ? entry : rewrite.turn(entry)));
      return counts;
    });
  }

  /** What the reads of many cases need (changed-cases.ts). */
  private caseReads(): ChangedCasesHost {
    return { index: this.index, archiveFile: this.archiveFile, liveEvents: (id) => this.readLiveEvents(id), caseLine: (body, ref, id) => this.lineFrom<CaseLine>(body, ref, id, 'case') };
  }

  /**
   * Live cases changed since `since`, then archived ones (live events only when asked), read in the write queue so
   * that no compaction moves archive lines meanwhile.
   */
  private changedCases(since: Date, withEvents: boolean, onlySuggested = false): Promise<Array<{ c: SupportCase; events: CaseEvent[] }>> {
    this.assertOpen();
    return this.writes.run('', () => readChangedCases(this.caseReads(), since.toISOString(), withEvents, onlySuggested));
  }

  async eraseTranscripts(closedBefore: Date): Promise<number> {
    this.assertOpen();
    const before = closedBefore.toISOString();
    return this.writes.run('', async () => {
      // Closed cases are archived; only one opened before the date can have been closed before it.
      if (![...this.index.archive.values()].some((e) => e.createdAt < before)) return 0;
      const counts = { cases: 0 };
      await this.compact(retentionRewriter(before, counts), { onlyIfChanged: true });
      return counts.cases;
    });
  }

  async forgetUser(channel: ChannelName, userId: string): Promise<ForgetCounts> {
    this.assertOpen();
    return this.writes.run('', async () => {
      const counts: ForgetCounts = { conversations: 0, cases: 0, events: 0 };
      for (const [id, record] of this.index.conversations) {
        if (!conversationOf(record.state, channel, userId)) continue;
        this.index.conversations.delete(id);
        counts.conversations++;
      }
      const live = new Set<string>();
      for (const c of [...this.index.live.values()]) {
        if (!requestedBy(c, channel, userId)) continue;
        this.index.replaceLive(forgottenCase(c));
        live.add(c.id);
        counts.cases++;
      }
      // The archive is copied without the person's conversation lines, with their cases and events rewritten:
      // older copies go with the old file. deskbot.json is written from memory on the way.
      const requesters = new Map<string, string>();
      await this.compact(forgetRewriter(channel, userId, live, counts, requesters), { requesters });
      return counts;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Refuses new work at once; commits already queued still complete before the files are closed.
    this.closed = true;
    await this.writes.run('', async () => undefined);
    await Promise.all([this.keys.close(), this.turns.close()]);
    await this.archiveFile.handle.close();
    await this.unlock();
  }

  /** Writes deskbot.json as it is in memory. */
  flush(): Promise<void> {
    return this.writes.run('', () => this.write(emptyPlan()));
  }

  /** Compacts the archive (in the write queue) if superseded lines outweigh live ones and pass the limit. */
  compactIfWorthIt(): Promise<void> {
    return this.writes.run('', async () => {
      if (this.index.compactionWorthIt(this.limits.archiveGarbageLimit)) await this.compact();
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the store is closed');
  }

  private reader() {
    return { archivedCase: (id: string) => this.readArchived(id), liveEvents: (id: string) => this.readLiveEvents(id) };
  }

  private async readArchived(id: string): Promise<CaseLine | undefined> {
    const entry = this.index.archive.get(id);
    return entry && this.readLine<CaseLine>(entry, id, 'case');
  }

  /** The events of a case that is not closed, read from its lines in the archive, in commit order. */
  private async readLiveEvents(caseId: string): Promise<CaseEvent[]> {
    const events: CaseEvent[] = [];
    for (const ref of this.index.liveEvents.get(caseId) ?? []) events.push(...((await this.readLine<EventsLine>(ref, caseId, 'events'))?.events ?? []));
    return events;
  }

  /** The record at ref, or undefined (reported once) when its bytes are damaged: one bad record must not fail a request. */
  private async readLine<L extends ArchiveLine>(ref: LineRef, id: string, kind: keyof typeof LINE_SCHEMAS): Promise<L | undefined> {
    return this.lineFrom<L>(await readBody(this.archiveFile.handle, ref), ref, id, kind);
  }

  /** The record of `kind` in body, or undefined (reported) when its bytes are damaged or it is not in its kind's shape. */
  private lineFrom<L extends ArchiveLine>(body: Buffer, ref: LineRef, id: string, kind: keyof typeof LINE_SCHEMAS): L | undefined {
    const line = intactRecord(body, ref);
    if (!line) return this.damaged(ref, id);
    const problem = recordProblem(LINE_SCHEMAS[kind], line);
    return problem === undefined ? (line as L) : this.damaged(ref, id, problem);
  }

  /** Reports a damaged record; undefined stands for the record. */
  private damaged(ref: LineRef, id: string, problem?: string): undefined {
    this.report({ file: this.archiveFile.path, offset: ref.offset, id, ...(problem === undefined ? {} : { problem }) });
    return undefined;
  }

  /** Appends the plan's archive and turn log lines, then rewrites deskbot.json; memory changes only once all are on disk. */
  private async write(plan: CommitPlan): Promise<void> {
    const start = this.index.archiveBytes;
    let archiveBytes = start;
    const offsets: number[] = [];
    try {
      for (const { bytes } of plan.archived) {
        offsets.push(archiveBytes);
        await this.archiveFile.handle.write(bytes, 0, bytes.length, archiveBytes);
        archiveBytes += bytes.length;
      }
      const [, turnBytes] = await Promise.all([plan.archived.length > 0 && this.archiveFile.handle.sync(), this.turns.append(plan.turns)]);
      await this.saveDataFile(plan, archiveBytes, { name: this.turns.committed.name, bytes: turnBytes });
      this.turns.commitAppended(turnBytes);
    } catch (err) {
      // Leaves the files as the last good deskbot.json describes them, so the next commit appends in the right place.
      await this.archiveFile.handle.truncate(start).catch(() => undefined);
      await this.turns.dropAppended();
      throw err;
    }
    this.index.apply(plan, offsets, archiveBytes);
    // Queued behind the commit that made it worthwhile, which resolves first; a failed compaction changes nothing.
    if (this.index.compactionWorthIt(this.limits.archiveGarbageLimit)) void this.compactIfWorthIt().catch(() => undefined);
  }

  /** Writes deskbot.json as it is once plan is applied, with the archive's committed length and the turn log's file. */
  private async saveDataFile(plan: CommitPlan, archiveBytes: number, turns: TurnLogState, archiveFile = this.archiveFile.name): Promise<void> {
    this.db.data = { ...this.index.snapshot(plan, archiveFile, archiveBytes), turnLogFile: turns.name, turnLogBytes: turns.bytes };
    await this.db.write();
  }

  /**
   * Copies the live archive lines to the next archive file, points deskbot.json at it, then deletes the old
   * one. Until deskbot.json is renamed into place the old pair is intact; after it, the new pair is.
   */
  private async compact(rewrite?: LineRewriter, options: { onlyIfChanged?: boolean; requesters?: ReadonlyMap<string, string> } = {}): Promise<void> {
    const name = nextVersionName(this.archiveFile.name, ARCHIVE_NAME, 'deskbot-archive');
    const path = join(dirname(this.archiveFile.path), name);
    const moved = this.index.currentLines();
    const { placed, bytes, changed } = await copyLines(this.archiveFile.handle, moved, path, rewrite);
    if (options.onlyIfChanged && changed === 0) return rm(path, { force: true });
    const previous = this.archiveFile;
    // From here a failure may leave deskbot.json pointing at either file; both stay until the next open decides.
    await this.saveDataFile(emptyPlan(), bytes, this.turns.committed, name);
    this.archiveFile = { name, path, handle: await open(path, 'r+') };
    this.index.placeCompacted(moved, placed, bytes, options.requesters);
    await previous.handle.close();
    await rm(previous.path, { force: true });
  }
}
