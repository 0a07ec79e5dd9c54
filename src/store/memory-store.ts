/**
 * A store in memory, for fast tests and scripted runs: it passes the same contract as lowdb and PostgreSQL
 * (test/store/contract.ts), so a test on it sees the behaviour the bot has on disk, minus persistence across
 * processes. Its records live in a MemoryData object; opening a store on the same object again is a restart.
 */
import { randomUUID } from 'node:crypto';
import type { CaseEvent, SupportCase } from '../cases/types.js';
import { caseHistoryOf } from '../insight/case-history.js';
import type { TurnLogEntry } from '../insight/turn-log-entry.js';
import { TurnTallier } from '../insight/turn-tally.js';
import { takenIds, identityOf } from './case-identity.js';
import { caseWithoutTranscript, closedBefore, conversationOf, eventWithoutText, forgottenCase, forgottenEvent, requestedBy } from './erase-records.js';
import { CaseIdTakenError } from './errors.js';
import { createKeyedLock } from './keyed-lock.js';
import { ACTIVE_CASES, CLOSED_CASES, CASE_EVENTS, REQUESTER_CASES, TURN_LOG } from './ordering.js';
import { toStoredCopy } from './plain-json.js';
import type { ConversationRecord, ForgetCounts, RecordRewriter, RewriteCounts, Store, StoreCounts, TurnCommit } from './port.js';

/** What a memory store holds; keep it to open the same data again. */
export interface MemoryData {
  conversations: Map<string, ConversationRecord>;
  cases: Map<string, SupportCase>;
  /** Each case's events in commit order. */
  events: Map<string, CaseEvent[]>;
  turns: Map<string, TurnLogEntry>;
  /** Keys of `once`, and when each expires (ms; null: never). */
  keys: Map<string, number | null>;
  /** The statistics' cache, and its generation (bumped when the turn log is rewritten). */
  statsCache: { text?: string; generation: number; writes: number };
}

/** Empty data for a new memory store. */
export function createMemoryData(): MemoryData {
  return { conversations: new Map(), cases: new Map(), events: new Map(), turns: new Map(), keys: new Map(), statsCache: { generation: 0, writes: 0 } };
}

/** Opens a store on data (new, empty data by default). */
export function openMemoryStore(data: MemoryData = createMemoryData()): Store {
  const locks = createKeyedLock();
  let closed = false;
  const open = () => {
    if (closed) throw new Error('the store is closed');
  };
  const copy = <T>(value: T): T => (value === undefined ? value : toStoredCopy(value));

  const dropStatsCache = () => (data.statsCache = { generation: data.statsCache.generation + 1, writes: data.statsCache.writes + 1 });
  const turnsIn = (since: Date, until: Date) =>
    [...data.turns.values()].filter((t) => Date.parse(t.at) >= since.getTime() && Date.parse(t.at) < until.getTime()).sort(TURN_LOG.compare);

  return {
    conversations: {
      get: async (id) => (open(), copy(data.conversations.get(id))),
      updatedSince: async (since) => (open(), [...data.conversations.values()].filter((c) => c.updatedAt >= since).map(copy)),
      lock: (key, fn) => (open(), locks.run(key, fn)),
      once: async (key, ttlSeconds) => {
        open();
        const expires = data.keys.get(key);
        if (expires !== undefined && (expires === null || expires > Date.now())) return false;
        data.keys.set(key, ttlSeconds === undefined ? null : Date.now() + ttlSeconds * 1000);
        return true;
      },
    },
    cases: {
      get: async (id) => (open(), copy(data.cases.get(id))),
      byRequester: async (channel, userId, limit) => {
        open();
        const mine = [...data.cases.values()].filter((c) => c.requester.channel === channel && c.requester.userId === userId).sort(REQUESTER_CASES.compare);
        return mine.slice(0, limit === undefined ? undefined : Math.max(0, limit)).map(copy);
      },
      active: async () => (open(), [...data.cases.values()].filter((c) => c.status !== 'closed').sort(ACTIVE_CASES.compare).map(copy)),
      events: async (caseId) => (open(), [...(data.events.get(caseId) ?? [])].sort(CASE_EVENTS.compare).map(copy)),
      idByCardRef: async (ref) => {
        open();
        for (const c of data.cases.values()) if (Object.values(c.cardRefs).includes(ref)) return c.id;
        return undefined;
      },
      async *changedSince(since, only) {
        open();
        const from = since.toISOString();
        for (const c of [...data.cases.values()]) if (c.updatedAt >= from && (only !== 'suggested' || (c.suggestions?.length ?? 0) > 0)) yield copy(c);
      },
      closedPage: async (limit, route) => {
        open();
        const closed = [...data.cases.values()].filter((c) => c.status === 'closed' && (route === undefined || c.route === route)).sort(CLOSED_CASES.compare);
        return { cases: closed.slice(0, Math.max(0, limit)).map(copy), total: closed.length };
      },
      async *histories(since) {
        open();
        const from = since.toISOString();
        for (const c of [...data.cases.values()]) if (c.updatedAt >= from) yield caseHistoryOf(copy(c), (data.events.get(c.id) ?? []).map(copy));
      },
    },
    turns: {
      async *between(since, until, only) {
        open();
        for (const t of turnsIn(since, until)) if (only !== 'review' || t.review !== undefined) yield copy(t);
      },
      deleteBefore: async (before) => {
        open();
        const old = [...data.turns.values()].filter((t) => Date.parse(t.at) < before.getTime());
        for (const t of old) data.turns.delete(t.id);
        if (old.length > 0) dropStatsCache();
        return old.length;
      },
      forgetUser: async (channel, userId) => {
        open();
        let changed = 0;
        const anonymous = new Map<string, string>();
        for (const t of data.turns.values()) {
          if (t.channel !== channel || t.userId !== userId) continue;
          const { text: _text, ...rest } = t;
          let conversation = anonymous.get(t.conversation);
          if (!conversation) anonymous.set(t.conversation, (conversation = `forgotten:${randomUUID()}`));
          data.turns.set(t.id, { ...rest, userId: '', conversation });
          changed++;
        }
        if (changed > 0) dropStatsCache();
        return changed;
      },
      tally: async (window, by) => {
        open();
        const tallier = new TurnTallier(window, by);
        for (const t of data.turns.values()) if (Date.parse(t.at) >= window.since.getTime()) tallier.add(t);
        return tallier.result();
      },
    },
    statsCache: {
      stamp: async () => `${data.statsCache.generation}:${data.statsCache.writes}`,
      read: async () => ({ text: data.statsCache.text, generation: String(data.statsCache.generation) }),
      write: async (text, generation) => {
        if (generation !== String(data.statsCache.generation)) return;
        data.statsCache.text = text;
        data.statsCache.writes++;
      },
    },
    async eraseTranscripts(before) {
      open();
      let changed = 0;
      for (const c of data.cases.values()) {
        if (!closedBefore(c, before.toISOString())) continue;
        const events = data.events.get(c.id) ?? [];
        const erased = events.map(eventWithoutText);
        const next = caseWithoutTranscript(c);
        if (next === c && erased.every((e, i) => e === events[i])) continue;
        data.cases.set(c.id, next);
        data.events.set(c.id, erased);
        changed++;
      }
      return changed;
    },
    async forgetUser(channel, userId): Promise<ForgetCounts> {
      open();
      const counts: ForgetCounts = { conversations: 0, cases: 0, events: 0 };
      for (const [id, c] of data.conversations) if (conversationOf(c.state, channel, userId) && data.conversations.delete(id)) counts.conversations++;
      for (const c of data.cases.values()) {
        if (!requestedBy(c, channel, userId)) continue;
        data.cases.set(c.id, forgottenCase(c));
        const events = data.events.get(c.id) ?? [];
        data.events.set(c.id, events.map(forgottenEvent));
        counts.cases++;
        counts.events += events.length;
      }
      return counts;
    },
    async commit(change: TurnCommit) {
      open();
      const stored = toStoredCopy(change);
      const taken = takenIds(stored.cases ?? [], (id) => {
        const c = data.cases.get(id);
        return c && identityOf(c);
      });
      if (taken.length > 0) throw new CaseIdTakenError(taken);
      for (const c of stored.conversations ?? []) data.conversations.set(c.id, c);
      for (const c of stored.cases ?? []) data.cases.set(c.id, c);
      for (const e of stored.events ?? []) data.events.set(e.caseId, [...(data.events.get(e.caseId) ?? []), e]);
      for (const t of stored.turns ?? []) if (!data.turns.has(t.id)) data.turns.set(t.id, t);
    },
    async counts(): Promise<StoreCounts> {
      open();
      let events = 0;
      for (const list of data.events.values()) events += list.length;
      return { conversations: data.conversations.size, cases: data.cases.size, events, turns: data.turns.size };
    },
    async exportAll() {
      open();
      return {
        conversations: [...data.conversations.values()].map(copy),
        cases: [...data.cases.values()].sort(ACTIVE_CASES.compare).map(copy),
        events: [...data.events.values()].flatMap((list) => [...list].sort(CASE_EVENTS.compare)).map(copy),
      };
    },
    async rewriteAll(rewrite: RecordRewriter): Promise<RewriteCounts> {
      open();
      const counts: RewriteCounts = { conversations: 0, cases: 0, events: 0, turns: 0 };
      const each = <T>(map: Map<string, T>, fn: (value: T) => T, kind: keyof RewriteCounts) => {
        for (const [key, value] of map) {
          const next = fn(value);
          if (next === value) continue;
          map.set(key, next);
          counts[kind]++;
        }
      };
      each(data.conversations, (c) => rewrite.conversation(c), 'conversations');
      each(data.cases, (c) => rewrite.case(c), 'cases');
      for (const list of data.events.values()) {
        list.forEach((e, i) => {
          const next = rewrite.event(e);
          if (next === e) return;
          list[i] = next;
          counts.events++;
        });
      }
      each(data.turns, (t) => (t.text === undefined ? t : rewrite.turn(t)), 'turns');
      return counts;
    },
    async close() {
      closed = true;
    },
  };
}
