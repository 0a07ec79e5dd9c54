/** The store contract: one vitest suite that every Store (lowdb, PostgreSQL, …) must pass. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SupportCase } from '../../src/cases/types.js';
import { CaseIdTakenError } from '../../src/store/errors.js';
import type { ConversationRecord, Store } from '../../src/store/port.js';
import type { TurnLogEntry } from '../../src/insight/turn-log-entry.js';
import { makeCase, makeEvent, makeTurn } from './builders.js';

/** A store opened on a fresh location for one test. */
export interface StoreFixture {
  store: Store;
  /** Opens the same location again (after the test closed `store`), for persistence checks. */
  reopen(): Promise<Store>;
  /** Closes whatever is still open and removes the location. */
  cleanup(): Promise<void>;
}

function conversation(id: string, state: unknown, updatedAt = '2026-11-23T01:00:00.000Z'): ConversationRecord {
  return { id, state, updatedAt };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Rejects when the promise does not settle in time: a lock that wrongly waits must fail the test, not hang it. */
function settlesWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not finish`)), ms).unref())]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every entry of a turn log window, in the order the store gives them. */
async function entries(store: Store, since = '2026-01-01T00:00:00.000Z', until = '2027-01-01T00:00:00.000Z'): Promise<TurnLogEntry[]> {
  const out: TurnLogEntry[] = [];
  for await (const entry of store.turns.between(new Date(since), new Date(until))) out.push(entry);
  return out;
}

/** An ISO time n seconds after 2026-11-23T01:00:00Z. */
const second = (n: number) => new Date(Date.UTC(2026, 10, 23, 1, 0, n)).toISOString();

/** Registers the contract suite for one kind of store; makeStore opens a store on a fresh, empty location. */
export function runStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('conversations', () => {
      it('returns undefined for a conversation never saved', async () => {
        expect(await store.conversations.get('slack:C1:1.0')).toBeUndefined();
      });

      it('creates and then replaces a conversation', async () => {
        await store.commit({ conversations: [conversation('slack:C1:1.0', { v: 1, step: 'collecting', slots: { os: 'iOS 17' } })] });
        expect(await store.conversations.get('slack:C1:1.0')).toEqual(conversation('slack:C1:1.0', { v: 1, step: 'collecting', slots: { os: 'iOS 17' } }));
        await store.commit({ conversations: [conversation('slack:C1:1.0', { v: 1, step: 'idle' }, '2026-11-23T02:00:00.000Z')] });
        expect(await store.conversations.get('slack:C1:1.0')).toEqual(conversation('slack:C1:1.0', { v: 1, step: 'idle' }, '2026-11-23T02:00:00.000Z'));
        expect((await store.counts()).conversations).toBe(1);
      });

      it('keeps state as plain JSON that survives a round trip', async () => {
        const state = {
          version: 3,
          flags: [true, false, null],
          numbers: { int: 42, negative: -7, fraction: 0.125, big: 9007199254740991 },
          nested: { list: [{ a: [] }, { b: {} }], empty: '' },
          history: ['안녕하세요', 'hello'],
        };
        await store.commit({ conversations: [conversation('discord:G1:T1', state)] });
        const read = await store.conversations.get('discord:G1:T1');
        expect(read?.state).toEqual(state);
        expect(structuredClone(read?.state)).toEqual(state);
      });

      it('is not changed by later edits to the objects the caller committed or read', async () => {
        const state = { step: 'a', list: [1] };
        await store.commit({ conversations: [conversation('console:x', state)] });
        state.step = 'changed';
        state.list.push(2);
        const read = await store.conversations.get('console:x');
        (read!.state as { step: string }).step = 'edited';
        expect((await store.conversations.get('console:x'))?.state).toEqual({ step: 'a', list: [1] });
      });
    });

    describe('cases and events', () => {
      it('commits a conversation, a case and its events together', async () => {
        const c = makeCase('A1B2C3', { cardRefs: { slack: 'C900:1700000000.000100' } });
        await store.commit({
          conversations: [conversation('slack:D100', { caseId: c.id })],
          cases: [c],
          events: [makeEvent(c.id, 'opened', c.createdAt), makeEvent(c.id, 'card_posted', '2026-11-23T01:00:01.000Z', { channel: 'C900' })],
        });
        expect(await store.cases.get('A1B2C3')).toEqual(c);
        expect((await store.conversations.get('slack:D100'))?.state).toEqual({ caseId: 'A1B2C3' });
        expect((await store.cases.events('A1B2C3')).map((e) => e.type)).toEqual(['opened', 'card_posted']);
        expect(await store.counts()).toEqual({ conversations: 1, cases: 1, events: 2, turns: 0 });
      });

      it('upserts a case by id and appends events across commits', async () => {
        const c = makeCase('CASE01');
        await store.commit({ cases: [c], events: [makeEvent(c.id, 'opened', '2026-11-23T01:00:00.000Z')] });
        const claimed = { ...c, status: 'claimed' as const, assignee: 'agent-7', updatedAt: '2026-11-23T01:05:00.000Z' };
        await store.commit({ cases: [claimed], events: [makeEvent(c.id, 'claimed', '2026-11-23T01:05:00.000Z', { by: 'agent-7' })] });
        expect(await store.cases.get('CASE01')).toEqual(claimed);
        expect(await store.counts()).toEqual({ conversations: 0, cases: 1, events: 2, turns: 0 });
        const events = await store.cases.events('CASE01');
        expect(events).toEqual([makeEvent(c.id, 'opened', '2026-11-23T01:00:00.000Z'), makeEvent(c.id, 'claimed', '2026-11-23T01:05:00.000Z', { by: 'agent-7' })]);
      });

      it('lists events oldest first and only those of the case asked for', async () => {
        await store.commit({ cases: [makeCase('AAA111'), makeCase('BBB222')] });
        await store.commit({ events: [makeEvent('AAA111', 'second', '2026-11-23T01:00:02.000Z'), makeEvent('BBB222', 'other', '2026-11-23T01:00:01.000Z')] });
        await store.commit({ events: [makeEvent('AAA111', 'first', '2026-11-23T01:00:01.000Z'), makeEvent('AAA111', 'third', '2026-11-23T01:00:03.000Z')] });
        expect((await store.cases.events('AAA111')).map((e) => e.type)).toEqual(['first', 'second', 'third']);
        expect((await store.cases.events('BBB222')).map((e) => e.type)).toEqual(['other']);
        expect(await store.cases.events('NOPE00')).toEqual([]);
      });

      it('returns undefined for an unknown case', async () => {
        await store.commit({ cases: [makeCase('TAKEN1')] });
        expect(await store.cases.get('FREE01')).toBeUndefined();
      });

      it('finds a case by any of its card references, and forgets references that were replaced', async () => {
        await store.commit({ cases: [makeCase('CARD01', { cardRefs: { slack: 'C900:1.1', discord: '123456789012345678' } }), makeCase('CARD02', { cardRefs: { slack: 'C900:2.2' } })] });
        expect(await store.cases.idByCardRef('C900:1.1')).toBe('CARD01');
        expect(await store.cases.idByCardRef('123456789012345678')).toBe('CARD01');
        expect(await store.cases.idByCardRef('C900:2.2')).toBe('CARD02');
        expect(await store.cases.idByCardRef('C900:9.9')).toBeUndefined();
        await store.commit({ cases: [makeCase('CARD01', { cardRefs: { slack: 'C900:3.3' } })] });
        expect(await store.cases.idByCardRef('C900:3.3')).toBe('CARD01');
        expect(await store.cases.idByCardRef('C900:1.1')).toBeUndefined();
      });

      it('lists only one requester’s cases, newest first, closed ones included, up to the limit', async () => {
        const mine = (id: string, createdAt: string, status: SupportCase['status'] = 'open') =>
          makeCase(id, { createdAt, status, closedAt: status === 'closed' ? createdAt : null });
        await store.commit({
          cases: [
            mine('MINE01', '2026-11-20T00:00:00.000Z', 'closed'),
            mine('MINE03', '2026-11-22T00:00:00.000Z'),
            mine('MINE02', '2026-11-21T00:00:00.000Z', 'resolved'),
            makeCase('OTHER1', { requester: { channel: 'slack', conversationId: 'D200', userId: 'U200' }, createdAt: '2026-11-23T00:00:00.000Z' }),
            // Same user id on another platform is another person.
            makeCase('OTHER2', { requester: { channel: 'discord', conversationId: 'D100', userId: 'U100' }, createdAt: '2026-11-23T00:00:00.000Z' }),
          ],
        });
        expect((await store.cases.byRequester('slack', 'U100')).map((c) => c.id)).toEqual(['MINE03', 'MINE02', 'MINE01']);
        expect((await store.cases.byRequester('slack', 'U100', 2)).map((c) => c.id)).toEqual(['MINE03', 'MINE02']);
        expect((await store.cases.byRequester('slack', 'U100'))[2]).toEqual(mine('MINE01', '2026-11-20T00:00:00.000Z', 'closed'));
        expect((await store.cases.byRequester('discord', 'U100')).map((c) => c.id)).toEqual(['OTHER2']);
        expect(await store.cases.byRequester('slack', 'U999')).toEqual([]);
      });

      it('lists active cases: every case that is not closed', async () => {
        await store.commit({
          cases: [
            makeCase('ACT001', { status: 'open' }),
            makeCase('ACT002', { status: 'claimed', assignee: 'a1' }),
            makeCase('ACT003', { status: 'resolved' }),
            makeCase('ACT004', { status: 'closed' }),
          ],
        });
        expect((await store.cases.active()).map((c) => c.id).sort()).toEqual(['ACT001', 'ACT002', 'ACT003']);
        await store.commit({ cases: [makeCase('ACT001', { status: 'closed', closedAt: '2026-11-23T03:00:00.000Z' })] });
        expect((await store.cases.active()).map((c) => c.id).sort()).toEqual(['ACT002', 'ACT003']);
      });

      it('pages the closed cases, most recently changed first, with their count, of one route or all', async () => {
        const closed = (id: string, at: string, route: string) => makeCase(id, { status: 'closed', route, closedAt: at, updatedAt: at });
        await store.commit({
          cases: [
            closed('CLS001', '2026-11-21T00:00:00.000Z', 'billing'),
            closed('CLS002', '2026-11-23T00:00:00.000Z', 'default'),
            closed('CLS003', '2026-11-22T00:00:00.000Z', 'billing'),
            makeCase('CLS004', { status: 'resolved', updatedAt: '2026-11-24T00:00:00.000Z' }),
          ],
        });
        // A closed case reopened is no longer among them; one closed again comes back with its new time.
        await store.commit({ cases: [makeCase('CLS002', { status: 'open', updatedAt: '2026-11-24T01:00:00.000Z' })] });
        await store.commit({ cases: [closed('CLS001', '2026-11-24T02:00:00.000Z', 'billing')] });
        const page = await store.cases.closedPage(1);
        expect({ ids: page.cases.map((c) => c.id), total: page.total }).toEqual({ ids: ['CLS001'], total: 2 });
        expect(page.cases[0]).toEqual(closed('CLS001', '2026-11-24T02:00:00.000Z', 'billing'));
        expect((await store.cases.closedPage(10, 'billing')).cases.map((c) => c.id)).toEqual(['CLS001', 'CLS003']);
        expect(await store.cases.closedPage(10, 'default')).toEqual({ cases: [], total: 0 });
      });

      it('lists only the changed cases with answers agents suggested, when asked, open and closed', async () => {
        const suggestions = [{ at: '2026-11-23T02:00:00.000Z', by: 'a1', text: '설정 > 알림에서 다시 켜 주세요' }];
        await store.commit({
          cases: [
            makeCase('SUG001', { status: 'claimed', assignee: 'a1', suggestions, updatedAt: '2026-11-23T02:00:00.000Z' }),
            makeCase('SUG002', { status: 'closed', closedAt: '2026-11-23T03:00:00.000Z', suggestions, updatedAt: '2026-11-23T03:00:00.000Z' }),
            makeCase('SUG003', { status: 'closed', closedAt: '2026-11-23T03:00:00.000Z', updatedAt: '2026-11-23T03:00:00.000Z' }),
            makeCase('SUG004', { status: 'open', updatedAt: '2026-11-23T02:00:00.000Z' }),
          ],
        });
        const found: SupportCase[] = [];
        for await (const c of store.cases.changedSince(new Date('2026-11-23T00:00:00.000Z'), 'suggested')) found.push(c);
        expect(found.map((c) => c.id).sort()).toEqual(['SUG001', 'SUG002']);
        expect(found.find((c) => c.id === 'SUG002')?.suggestions).toEqual(suggestions);
      });

      it('lists every case changed since a time, open and closed, each once', async () => {
        await store.commit({
          cases: [
            makeCase('CHG001', { status: 'open', updatedAt: '2026-11-20T00:00:00.000Z' }),
            makeCase('CHG002', { status: 'claimed', assignee: 'a1', updatedAt: '2026-11-23T01:00:00.000Z' }),
            makeCase('CHG003', { status: 'closed', closedAt: '2026-11-23T02:00:00.000Z', updatedAt: '2026-11-23T02:00:00.000Z' }),
          ],
        });
        // The closed one is read back from where closed cases are kept; an update moves a case into the window.
        await store.commit({ cases: [makeCase('CHG001', { status: 'resolved', updatedAt: '2026-11-23T03:00:00.000Z' })] });
        const changed: SupportCase[] = [];
        for await (const c of store.cases.changedSince(new Date('2026-11-23T00:00:00.000Z'))) changed.push(c);
        expect(changed.map((c) => `${c.id}:${c.status}`).sort()).toEqual(['CHG001:resolved', 'CHG002:claimed', 'CHG003:closed']);
        const later: string[] = [];
        for await (const c of store.cases.changedSince(new Date('2026-11-23T02:30:00.000Z'))) later.push(c.id);
        expect(later).toEqual(['CHG001']);
      });

      it('keeps a closed case, its events and its card, and brings it back when it is reopened', async () => {
        const open = makeCase('REOPEN', { cardRefs: { slack: 'C900:5.5' }, cardLinks: { slack: 'https://acme.slack.com/archives/C900/p50000005' } });
        await store.commit({ cases: [open], events: [makeEvent('REOPEN', 'opened', '2026-11-23T01:00:00.000Z')] });
        const closed = { ...open, status: 'closed' as const, closedAt: '2026-11-23T02:00:00.000Z' };
        await store.commit({ cases: [closed], events: [makeEvent('REOPEN', 'closed', '2026-11-23T02:00:00.000Z')] });
        await store.commit({ events: [makeEvent('REOPEN', 'rated', '2026-11-23T02:01:00.000Z', { rating: 5 })] });
        expect(await store.cases.get('REOPEN')).toEqual(closed);
        expect(await store.cases.idByCardRef('C900:5.5')).toBe('REOPEN');
        expect(await store.cases.active()).toEqual([]);
        const reopened = { ...open, status: 'open' as const, updatedAt: '2026-11-23T03:00:00.000Z' };
        await store.commit({ cases: [reopened], events: [makeEvent('REOPEN', 'reopened', '2026-11-23T03:00:00.000Z')] });
        expect((await store.cases.active()).map((c) => c.id)).toEqual(['REOPEN']);
        expect((await store.cases.events('REOPEN')).map((e) => e.type)).toEqual(['opened', 'closed', 'rated', 'reopened']);
        expect(await store.counts()).toEqual({ conversations: 0, cases: 1, events: 4, turns: 0 });
      });

      it('applies many commits made at the same time', async () => {
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.commit({
              conversations: [conversation(`console:u${i}`, { n: i })],
              cases: [makeCase(`PAR${String(i).padStart(3, '0')}`)],
              events: [makeEvent(`PAR${String(i).padStart(3, '0')}`, 'opened', '2026-11-23T01:00:00.000Z')],
            }),
          ),
        );
        expect(await store.counts()).toEqual({ conversations: 20, cases: 20, events: 20, turns: 0 });
        expect((await store.conversations.get('console:u13'))?.state).toEqual({ n: 13 });
      });

      it('accepts an empty commit', async () => {
        await store.commit({});
        await store.commit({ conversations: [], cases: [], events: [] });
        expect(await store.counts()).toEqual({ conversations: 0, cases: 0, events: 0, turns: 0 });
      });
    });

    describe('case ids', () => {
      const intruder = (id: string, overrides: Partial<SupportCase> = {}) =>
        makeCase(id, { requester: { channel: 'discord', conversationId: 'D9', userId: 'U9' }, createdAt: '2026-11-23T05:00:00.000Z', ...overrides });

      it('refuses a new case whose id is another case\'s, with CaseIdTakenError, and saves nothing of that commit', async () => {
        const existing = makeCase('DUP001');
        await store.commit({ cases: [existing], events: [makeEvent('DUP001', 'opened', existing.createdAt)] });
        const refused = await store
          .commit({
            conversations: [conversation('discord:D9', { caseId: 'DUP001' })],
            cases: [intruder('DUP001')],
            events: [makeEvent('DUP001', 'opened', '2026-11-23T05:00:00.000Z')],
            turns: [makeTurn('discord:m9', '2026-11-23T05:00:00.000Z', { channel: 'discord', action: 'case_opened', caseId: 'DUP001' })],
          })
          .catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(CaseIdTakenError);
        expect((refused as CaseIdTakenError).caseIds).toEqual(['DUP001']);
        expect(await store.cases.get('DUP001')).toEqual(existing);
        expect(await store.conversations.get('discord:D9')).toBeUndefined();
        expect((await store.cases.events('DUP001')).map((e) => e.type)).toEqual(['opened']);
        expect(await entries(store)).toEqual([]);
        // Same requester, another moment: another case too.
        await expect(store.commit({ cases: [makeCase('DUP001', { createdAt: '2026-11-24T01:00:00.000Z' })] })).rejects.toBeInstanceOf(CaseIdTakenError);
        // The same case again (a retried commit, a later change) is an update.
        await store.commit({ cases: [{ ...existing, status: 'claimed', assignee: 'a1' }] });
        expect((await store.cases.get('DUP001'))?.status).toBe('claimed');
      });

      it('refuses the id of a closed case, also after the store is opened again', async () => {
        const closed = makeCase('OLD001', { status: 'closed', closedAt: '2026-11-23T02:00:00.000Z' });
        await store.commit({ cases: [closed] });
        await expect(store.commit({ cases: [intruder('OLD001')] })).rejects.toBeInstanceOf(CaseIdTakenError);
        await store.close();
        const again = await fixture.reopen();
        await expect(again.commit({ cases: [intruder('OLD001')] })).rejects.toBeInstanceOf(CaseIdTakenError);
        expect(await again.cases.get('OLD001')).toEqual(closed);
      });

      it('lets exactly one of two commits giving one new id to two requesters at once win, and refuses the other', async () => {
        const a = makeCase('RACE01', { requester: { channel: 'slack', conversationId: 'D1', userId: 'U1' } });
        const b = makeCase('RACE01', { requester: { channel: 'slack', conversationId: 'D2', userId: 'U2' } });
        const results = await Promise.allSettled([
          store.commit({ conversations: [conversation('slack:D1', { n: 1 })], cases: [a] }),
          store.commit({ conversations: [conversation('slack:D2', { n: 2 })], cases: [b] }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
        const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(lost.reason).toBeInstanceOf(CaseIdTakenError);
        const winner = results[0].status === 'fulfilled' ? a : b;
        expect(await store.cases.get('RACE01')).toEqual(winner);
        expect(await store.conversations.get(winner === a ? 'slack:D2' : 'slack:D1')).toBeUndefined();
      });
    });

    describe('turn log', () => {
      it('reads only the entries kept for the review inbox when asked, in order', async () => {
        const kept = (id: string, n: number) => makeTurn(id, second(n), { action: 'out_of_scope', intent: null, review: 'out_of_scope', text: `질문 ${n}` });
        await store.commit({ turns: [kept('slack:r1', 1), makeTurn('slack:r2', second(2)), kept('slack:r3', 3), makeTurn('slack:r4', second(4))] });
        const forReview: string[] = [];
        for await (const e of store.turns.between(new Date(second(0)), new Date(second(10)), 'review')) forReview.push(e.id);
        expect(forReview).toEqual(['slack:r1', 'slack:r3']);
        expect((await entries(store)).map((e) => e.id)).toEqual(['slack:r1', 'slack:r2', 'slack:r3', 'slack:r4']);
      });

      it('keeps a turn\'s entries with the rest of its commit, and reads them back as they were', async () => {
        const reviewed = makeTurn('slack:m1', second(0), {
          action: 'out_of_scope',
          intent: null,
          confidence: null,
          review: 'out_of_scope',
          text: '환불은 어디서 하나요? 🙏',
          closest: [{ intent: 'billing.refund', score: 0.41 }],
        });
        const c = makeCase('TURN01');
        await store.commit({
          conversations: [conversation('slack:D100', { n: 1 })],
          cases: [c],
          events: [makeEvent(c.id, 'opened', c.createdAt)],
          turns: [reviewed, makeTurn('slack:m2', second(1), { action: 'case_opened', caseId: 'TURN01', outcome: 'not_solved', outcomeIntent: 'app.push' })],
        });
        expect(await entries(store)).toEqual([
          reviewed,
          makeTurn('slack:m2', second(1), { action: 'case_opened', caseId: 'TURN01', outcome: 'not_solved', outcomeIntent: 'app.push' }),
        ]);
        expect(await store.counts()).toEqual({ conversations: 1, cases: 1, events: 1, turns: 2 });
      });

      it('lists a window [since, until) oldest first, entries of one instant by id, whatever order they were committed in', async () => {
        await store.commit({ turns: [makeTurn('slack:late', second(30)), makeTurn('slack:b', second(10))] });
        await store.commit({ turns: [makeTurn('slack:a', second(10)), makeTurn('slack:early', second(5)), makeTurn('slack:edge', second(40))] });
        const ids = async (since: number, until: number) => (await entries(store, second(since), second(until))).map((e) => e.id);
        expect(await ids(0, 60)).toEqual(['slack:early', 'slack:a', 'slack:b', 'slack:late', 'slack:edge']);
        expect(await ids(10, 40)).toEqual(['slack:a', 'slack:b', 'slack:late']);
        expect(await ids(11, 30)).toEqual([]);
        expect(await ids(41, 50)).toEqual([]);
      });

      it('keeps one entry per id: a turn committed again is not counted twice', async () => {
        const first = makeTurn('slack:dup', second(1), { action: 'answered' });
        await store.commit({ turns: [first, { ...first, action: 'other' }] });
        await store.commit({ turns: [{ ...first, at: second(2), action: 'clarified' }] });
        expect(await entries(store)).toEqual([first]);
        expect((await store.counts()).turns).toBe(1);
      });

      it('streams a window longer than a page in order, ties across page boundaries included', async () => {
        // Three instants only, so that many entries of one instant straddle each page boundary.
        const all = Array.from({ length: 2500 }, (_, i) => makeTurn(`slack:${String(i).padStart(5, '0')}`, second(i % 3)));
        await store.commit({ turns: all.slice(0, 1300) });
        await store.commit({ turns: all.slice(1300) });
        const read = await entries(store);
        expect(read).toHaveLength(2500);
        const expected = [...all].sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.id < b.id ? -1 : 1));
        expect(read.map((e) => e.id)).toEqual(expected.map((e) => e.id));
      });

      it('deletes entries older than a date and keeps the rest', async () => {
        await store.commit({ turns: [makeTurn('slack:1', second(1)), makeTurn('slack:2', second(2)), makeTurn('slack:3', second(3))] });
        expect(await store.turns.deleteBefore(new Date(second(3)))).toBe(2);
        expect((await entries(store)).map((e) => e.id)).toEqual(['slack:3']);
        expect(await store.turns.deleteBefore(new Date(second(3)))).toBe(0);
        await store.commit({ turns: [makeTurn('slack:4', second(4))] });
        expect((await entries(store)).map((e) => e.id)).toEqual(['slack:3', 'slack:4']);
        expect((await store.counts()).turns).toBe(2);
      });

      it('forgets one user: their text, user id and conversation go, their entries stay for counts, nobody else\'s change', async () => {
        const mine = makeTurn('slack:m1', second(1), { review: 'low_confidence', text: '내 주문번호 A-1234 확인해 주세요', action: 'clarified' });
        const mineToo = makeTurn('slack:m2', second(2));
        const mineElsewhere = makeTurn('slack:m5', second(5), { conversation: 'slack:C9:1700000000.0001' });
        const sameIdElsewhere = makeTurn('discord:m3', second(3), { channel: 'discord', conversation: 'discord:G1:T1', review: 'not_solved', text: 'still broken' });
        const someoneElse = makeTurn('slack:m4', second(4), { userId: 'U200', conversation: 'slack:D200', review: 'out_of_scope', text: 'hello?' });
        await store.commit({ turns: [mine, mineToo, sameIdElsewhere, someoneElse, mineElsewhere] });
        expect(await store.turns.forgetUser('slack', 'U100')).toBe(3);
        const { text: _text, ...mineWithoutText } = mine;
        const after = await entries(store);
        // Each of their conversations gets an anonymous name of its own: conversations are still counted apart.
        const [first, , , , last] = after.map((e) => e.conversation);
        expect(first).toMatch(/^forgotten:[0-9a-f-]{36}$/);
        expect(last).toMatch(/^forgotten:[0-9a-f-]{36}$/);
        expect(last).not.toBe(first);
        expect(after).toEqual([
          { ...mineWithoutText, userId: '', conversation: first },
          { ...mineToo, userId: '', conversation: first },
          sameIdElsewhere,
          someoneElse,
          { ...mineElsewhere, userId: '', conversation: last },
        ]);
        expect(await store.turns.forgetUser('slack', 'U100')).toBe(0);
        expect((await store.counts()).turns).toBe(5);
      });

      it('keeps entries, deletions and forgotten users when it is closed and opened again', async () => {
        await store.commit({ turns: [makeTurn('slack:1', second(1)), makeTurn('slack:2', second(2), { text: 'x', review: 'not_solved' }), makeTurn('slack:3', second(3))] });
        await store.turns.deleteBefore(new Date(second(2)));
        await store.turns.forgetUser('slack', 'U100');
        await store.commit({ turns: [makeTurn('slack:4', second(4))] });
        await store.close();
        const again = await fixture.reopen();
        const kept = await entries(again);
        expect(kept).toEqual([
          makeTurn('slack:2', second(2), { review: 'not_solved', userId: '', conversation: kept[0].conversation }),
          makeTurn('slack:3', second(3), { userId: '', conversation: kept[0].conversation }),
          makeTurn('slack:4', second(4)),
        ]);
        expect(kept[0].conversation).toMatch(/^forgotten:/);
        await again.commit({ turns: [makeTurn('slack:2', second(9))] });
        expect((await again.counts()).turns).toBe(3);
      });
    });

    describe('text', () => {
      it('round-trips Korean, emoji, mixed scripts, zero-width and control characters', async () => {
        const texts = [
          '비밀번호를 잊어버렸어요. 재설정 메일이 안 와요 ㅠㅠ',
          '👩‍💻 🇰🇷 👍🏽 ❤️‍🔥 family: 👨‍👩‍👧‍👦',
          'mixed 한국어 English العربية עברית 日本語 Ελληνικά',
          'zero\u200Bwidth\u200Cjoin\u200Dhere\uFEFF and combining e\u0301',
          'tabs\tnewlines\nreturns\r\nbell\u0007 escape\u001B[31m',
          'quotes " \' ` backslash \\ slash / braces {} [] <!channel> @everyone',
          '\\u0000 written out, not a real NUL',
        ];
        const c = makeCase('TEXT01', { summary: texts[0], transcript: texts.map((text, i) => ({ at: `2026-11-23T01:00:0${i}.000Z`, from: 'user', by: 'U100', text })) });
        await store.commit({ conversations: [conversation('slack:텍스트:🙂', { texts })], cases: [c], events: [makeEvent('TEXT01', 'note', c.createdAt, { texts })] });
        expect((await store.conversations.get('slack:텍스트:🙂'))?.state).toEqual({ texts });
        expect(await store.cases.get('TEXT01')).toEqual(c);
        expect((await store.cases.events('TEXT01'))[0].data).toEqual({ texts });
      });

      it('stores NUL characters and half emoji as U+FFFD instead of failing the turn', async () => {
        const broken = 'a\u0000b \uD83D cut';
        await store.commit({ conversations: [conversation('console:nul', { text: broken })], cases: [makeCase('NUL001', { summary: broken })] });
        expect((await store.conversations.get('console:nul'))?.state).toEqual({ text: 'a\uFFFDb \uFFFD cut' });
        expect((await store.cases.get('NUL001'))?.summary).toBe('a\uFFFDb \uFFFD cut');
      });

      it('round-trips a very long text', async () => {
        const long = '가나다라마바사 emoji 🎉 '.repeat(10_000);
        await store.commit({ conversations: [conversation('console:long', { long })] });
        expect((await store.conversations.get('console:long'))?.state).toEqual({ long });
      });
    });

    describe('conversations.once', () => {
      it('is true the first time a key is claimed and false afterwards, per key', async () => {
        expect(await store.conversations.once('slack:Ev001')).toBe(true);
        expect(await store.conversations.once('slack:Ev001')).toBe(false);
        expect(await store.conversations.once('slack:Ev002', 3600)).toBe(true);
        expect(await store.conversations.once('slack:Ev002', 3600)).toBe(false);
        expect(await store.conversations.once('discord:Ev001')).toBe(true);
      });

      it('lets exactly one of many simultaneous claims of a key win', async () => {
        const results = await Promise.all(Array.from({ length: 8 }, () => store.conversations.once('slack:race', 60)));
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('can claim a key again once its time to live has passed', async () => {
        expect(await store.conversations.once('slack:short', 0.3)).toBe(true);
        expect(await store.conversations.once('slack:short', 0.3)).toBe(false);
        await sleep(600);
        expect(await store.conversations.once('slack:short', 0.3)).toBe(true);
        expect(await store.conversations.once('slack:short', 0.3)).toBe(false);
      });
    });

    describe('conversations.lock', () => {
      it('runs tasks of the same key one at a time, in call order, and returns their results', async () => {
        const log: string[] = [];
        const task = (n: number) => async () => {
          log.push(`start ${n}`);
          await sleep(20);
          log.push(`end ${n}`);
          return n;
        };
        const results = await Promise.all([1, 2, 3].map((n) => store.conversations.lock('slack:C1:1.0', task(n))));
        expect(results).toEqual([1, 2, 3]);
        expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
      });

      it('does not make different keys wait for each other', async () => {
        const otherRan = deferred();
        const first = store.conversations.lock('slack:C1:1.0', async () => {
          // Finishes only if the other key's task runs while this one holds its lock.
          await otherRan.promise;
          return 'first';
        });
        const second = store.conversations.lock('slack:C2:2.0', async () => {
          otherRan.resolve();
          return 'second';
        });
        expect(await settlesWithin(Promise.all([first, second]), 10_000, 'locks of two keys')).toEqual(['first', 'second']);
      });

      it('releases the lock when the task throws', async () => {
        await expect(store.conversations.lock('console:u1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
        expect(await settlesWithin(store.conversations.lock('console:u1', async () => 'next'), 10_000, 'the task after a failed one')).toBe('next');
      });
    });

    describe('export and persistence', () => {
      it('exports every conversation, case and event', async () => {
        await store.commit({
          conversations: [conversation('console:a', { n: 1 }), conversation('console:b', { n: 2 })],
          cases: [makeCase('EXP001'), makeCase('EXP002', { status: 'closed' })],
          events: [makeEvent('EXP001', 'opened', '2026-11-23T01:00:00.000Z'), makeEvent('EXP002', 'opened', '2026-11-23T01:00:00.000Z'), makeEvent('EXP002', 'closed', '2026-11-23T01:10:00.000Z')],
        });
        const all = await store.exportAll();
        expect(all.conversations.map((c) => c.id).sort()).toEqual(['console:a', 'console:b']);
        expect(all.cases.map((c) => c.id).sort()).toEqual(['EXP001', 'EXP002']);
        expect(all.cases.find((c) => c.id === 'EXP002')).toEqual(makeCase('EXP002', { status: 'closed' }));
        expect(all.events.filter((e) => e.caseId === 'EXP002').map((e) => e.type)).toEqual(['opened', 'closed']);
        expect(all.events).toHaveLength(3);
      });

      it('keeps everything when it is closed and opened again on the same location', async () => {
        const live = makeCase('KEEP01', { cardRefs: { slack: 'C900:7.7' } });
        const closed = makeCase('KEEP02', { status: 'closed', closedAt: '2026-11-23T05:00:00.000Z', createdAt: '2026-11-23T00:30:00.000Z' });
        await store.commit({
          conversations: [conversation('slack:D100', { step: '확인', emoji: '✅' })],
          cases: [live, closed],
          events: [makeEvent('KEEP01', 'opened', live.createdAt), makeEvent('KEEP02', 'closed', '2026-11-23T05:00:00.000Z')],
        });
        expect(await store.conversations.once('slack:EvKeep', 3600)).toBe(true);
        await store.close();
        const again = await fixture.reopen();
        expect(await again.conversations.get('slack:D100')).toEqual(conversation('slack:D100', { step: '확인', emoji: '✅' }));
        expect(await again.cases.get('KEEP01')).toEqual(live);
        expect(await again.cases.get('KEEP02')).toEqual(closed);
        expect(await again.cases.idByCardRef('C900:7.7')).toBe('KEEP01');
        expect((await again.cases.byRequester('slack', 'U100')).map((c) => c.id)).toEqual(['KEEP01', 'KEEP02']);
        expect((await again.cases.active()).map((c) => c.id)).toEqual(['KEEP01']);
        expect((await again.cases.events('KEEP02')).map((e) => e.type)).toEqual(['closed']);
        expect(await again.conversations.once('slack:EvKeep', 3600)).toBe(false);
        expect(await again.counts()).toEqual({ conversations: 1, cases: 2, events: 2, turns: 0 });
        await again.commit({ cases: [{ ...live, status: 'resolved' }] });
        expect((await again.cases.get('KEEP01'))?.status).toBe('resolved');
      });

      it('can be closed twice', async () => {
        await store.close();
        await store.close();
      });
    });
  });
}
