/** The store contract of statistics, retention and `user forget`: every store counts, reads and erases alike. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../src/cases/types.js';
import type { CaseHistory } from '../../src/insight/case-history.js';
import type { StatsWindow } from '../../src/insight/stats-window.js';
import type { TurnLogEntry } from '../../src/insight/turn-log-entry.js';
import { tallyTurns, type GroupBy } from '../../src/insight/turn-tally.js';
import type { Store } from '../../src/store/port.js';
import { makeCase, makeEvent, makeTurn } from './builders.js';
import type { StoreFixture } from './contract.js';
import { statsCacheTests } from './stats-cache-contract.js';

/** An ISO time n minutes after 2026-11-23T01:00:00Z. */
const minute = (n: number) => new Date(Date.UTC(2026, 10, 23, 1, n)).toISOString();

async function* stream<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

async function histories(store: Store, since: string): Promise<CaseHistory[]> {
  const out: CaseHistory[] = [];
  for await (const h of store.cases.histories(new Date(since))) out.push(h);
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Registers the suite for one kind of store. */
export function runInsightContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`store contract, statistics and erasure: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;
    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(() => fixture.cleanup());
    statsCacheTests(() => store);

    it('counts the turn log as the statistics define it, in total and per group, whatever the store', async () => {
      const window: StatsWindow = { since: new Date(minute(10)), until: new Date(minute(100)), now: new Date(minute(200)), timeZone: 'Asia/Seoul' };
      const turns: TurnLogEntry[] = [
        makeTurn('slack:0', minute(5), { action: 'answered', intent: 'app.push' }),
        makeTurn('slack:1', minute(10), { action: 'answered', intent: 'app.push', conversation: 'slack:D1' }),
        makeTurn('slack:2', minute(11), { action: 'other', intent: null, outcome: 'solved', outcomeIntent: 'app.push', answeredAt: minute(10), conversation: 'slack:D1' }),
        makeTurn('slack:3', minute(20), { action: 'answered', intent: 'mail.spam', lang: 'en', conversation: 'slack:D2' }),
        makeTurn('slack:4', minute(21), { action: 'collecting', outcome: 'not_solved', outcomeIntent: 'mail.spam', answeredAt: minute(20), conversation: 'slack:D2', lang: 'en' }),
        makeTurn('slack:5', minute(25), { action: 'case_opened', route: 'mail', outcomeIntent: 'mail.spam', answeredAt: minute(20), conversation: 'slack:D2', lang: 'en' }),
        makeTurn('discord:6', minute(30), { channel: 'discord', action: 'out_of_scope', intent: 'oos', conversation: 'discord:G:T' }),
        makeTurn('slack:7', minute(99), { action: 'answered', intent: 'app.push', conversation: 'slack:D3' }),
        makeTurn('slack:8', minute(150), { action: 'other', outcome: 'solved', outcomeIntent: 'app.push', answeredAt: minute(99), conversation: 'slack:D3' }),
      ];
      await store.commit({ turns });
      const expected = await tallyTurns(stream(turns), window);
      expect(expected.total).toEqual({ turns: 7, conversations: 4, answered: 3, unanswered: 1, solved: 2, notSolved: 1, ledToCase: 1 });
      expect(await store.turns.tally(window)).toEqual(expected);
      for (const by of ['intent', 'route', 'channel', 'lang', 'day'] as GroupBy[]) {
        expect(await store.turns.tally(window, by), by).toEqual(await tallyTurns(stream(turns), window, by));
      }
    });

    it('reads the history of every case changed since a time: attributes and counted events, oldest first', async () => {
      const old = makeCase('OLD', { status: 'closed', createdAt: minute(0), closedAt: minute(1), updatedAt: minute(1) });
      const resolved = makeCase('RES', { status: 'closed', createdAt: minute(5), closedAt: minute(40), updatedAt: minute(40), intent: 'mail.spam', route: 'mail', lang: 'en', dueAt: minute(60) });
      const open = makeCase('OPN', { createdAt: minute(30), updatedAt: minute(30), requester: { channel: 'discord', conversationId: 'G:T', userId: '42' } });
      const events: CaseEvent[] = [
        makeEvent('OLD', 'opened', minute(0)),
        makeEvent('OLD', 'withdrawn', minute(1)),
        makeEvent('RES', 'opened', minute(5)),
        makeEvent('RES', 'claim', minute(6)),
        makeEvent('RES', 'reply', minute(7), { text: '확인 중', first: true }),
        makeEvent('RES', 'user_message', minute(8), { text: '네' }),
        makeEvent('RES', 'resolve', minute(20)),
        makeEvent('RES', 'not_solved_reopened', minute(25)),
        makeEvent('RES', 'resolve', minute(30)),
        makeEvent('RES', 'rated', minute(39), { rating: 4 }),
        makeEvent('RES', 'closed_after_feedback', minute(40), { comment: '고마워요' }),
        makeEvent('OPN', 'opened', minute(30)),
      ];
      await store.commit({ cases: [old, resolved, open], events });
      expect(await histories(store, minute(10))).toEqual([
        { id: 'OPN', openedAt: minute(30), dueAt: open.dueAt, intent: 'app.push', route: 'default', channel: 'discord', lang: 'ko', steps: [] },
        {
          id: 'RES', openedAt: minute(5), dueAt: minute(60), intent: 'mail.spam', route: 'mail', channel: 'slack', lang: 'en',
          steps: [
            { kind: 'reply', at: minute(7) },
            { kind: 'resolved', at: minute(20) },
            { kind: 'reopened', at: minute(25) },
            { kind: 'resolved', at: minute(30) },
            { kind: 'rated', at: minute(39), rating: 4 },
            { kind: 'closed', at: minute(40) },
          ],
        },
      ]);
      expect((await histories(store, minute(0))).map((h) => h.id)).toEqual(['OLD', 'OPN', 'RES']);
    });

    it('retention empties the transcripts of cases closed before a date, nothing else, once', async () => {
      const before = makeCase('OLD', { status: 'closed', closedAt: minute(10), updatedAt: minute(10), rating: 5 });
      const after = makeCase('NEW', { status: 'closed', closedAt: minute(30), updatedAt: minute(30) });
      const open = makeCase('OPN');
      await store.commit({
        cases: [before, after, open],
        events: [
          makeEvent('OLD', 'user_message', minute(1), { text: '주문번호 A-77 확인해 주세요', files: 1 }),
          makeEvent('OLD', 'reply', minute(2), { text: '확인했습니다', first: true }),
          makeEvent('OLD', 'closed_after_feedback', minute(10), { comment: '좋아요' }),
          makeEvent('OLD', 'rated', minute(9), { rating: 5 }),
          makeEvent('NEW', 'user_message', minute(20), { text: '아직이요' }),
          makeEvent('OPN', 'user_message', minute(3), { text: '열린 문의' }),
        ],
      });
      expect(await store.eraseTranscripts(new Date(minute(20)))).toBe(1);
      expect(await store.cases.get('OLD')).toEqual({ ...before, transcript: [] });
      expect((await store.cases.events('OLD')).map((e) => [e.type, e.data])).toEqual([
        ['user_message', { files: 1 }],
        ['reply', { first: true }],
        ['rated', { rating: 5 }],
        ['closed_after_feedback', undefined],
      ]);
      expect(await store.cases.get('NEW')).toEqual(after);
      expect((await store.cases.events('NEW'))[0].data).toEqual({ text: '아직이요' });
      expect((await store.cases.events('OPN'))[0].data).toEqual({ text: '열린 문의' });
      expect(await store.eraseTranscripts(new Date(minute(20)))).toBe(0);
      await store.close();
      const again = await fixture.reopen();
      expect((await again.cases.get('OLD'))?.transcript).toEqual([]);
    });

    it('forgets one person: their conversations go, their cases and events stay without their words, files and id', async () => {
      const mine = { channel: 'slack', conversationId: 'D100', userId: 'U100', name: '김민지' } as const;
      const openCase = makeCase('MY1', { requester: mine, ratingComment: null });
      const closedCase = makeCase('MY2', { requester: mine, status: 'closed', closedAt: minute(5), rating: 2, ratingComment: '느려요' });
      const theirs = makeCase('OT1', { requester: { channel: 'slack', conversationId: 'D200', userId: 'U200' } });
      const state = (userId: string) => ({ v: 2, channel: 'slack', conversationId: `D-${userId}`, userId, phase: 'idle', transcript: [{ text: `${userId} wrote` }] });
      const userActor = { kind: 'user' as const, id: 'slack:U100' };
      // Written one after the other, so that a store keeping few conversations at hand has moved the first ones away.
      await store.commit({ conversations: [{ id: 'slack:D100', state: state('U100'), updatedAt: minute(1) }] });
      await store.commit({ conversations: [{ id: 'slack:C9:1.0', state: state('U100'), updatedAt: minute(2) }] });
      await store.commit({
        conversations: [{ id: 'slack:D200', state: state('U200'), updatedAt: minute(3) }],
        cases: [openCase, closedCase, theirs],
        events: [
          { ...makeEvent('MY1', 'user_message', minute(1), { text: '제 번호는 010-0000-1111', files: 1 }), actor: userActor },
          makeEvent('MY2', 'reply', minute(2), { text: '김민지님 확인했습니다', first: true }),
          { ...makeEvent('MY2', 'rated', minute(4), { rating: 2 }), actor: userActor },
          { ...makeEvent('MY2', 'closed_after_feedback', minute(5), { comment: '느려요' }), actor: userActor },
          makeEvent('OT1', 'user_message', minute(3), { text: '다른 사람' }),
        ],
      });
      expect(await store.forgetUser('slack', 'U100')).toEqual({ conversations: 2, cases: 2, events: 4 });
      expect(await store.conversations.get('slack:D100')).toBeUndefined();
      expect(await store.conversations.get('slack:C9:1.0')).toBeUndefined();
      expect(await store.conversations.get('slack:D200')).toBeDefined();
      const anonymous = { channel: 'slack', conversationId: '', userId: '' };
      const empty = { summary: '', transcript: [], details: {}, files: [], ratingComment: null, requester: anonymous };
      expect(await store.cases.get('MY1')).toEqual({ ...openCase, ...empty });
      expect(await store.cases.get('MY2')).toEqual({ ...closedCase, ...empty });
      expect(await store.cases.get('OT1')).toEqual(theirs);
      expect(await store.cases.byRequester('slack', 'U100')).toEqual([]);
      expect((await store.cases.events('MY1')).map((e) => [e.actor.id, e.data])).toEqual([['', { files: 1 }]]);
      expect((await store.cases.events('MY2')).map((e) => [e.type, e.actor.id, e.data])).toEqual([
        ['reply', 'bot', { first: true }],
        ['rated', '', { rating: 2 }],
        ['closed_after_feedback', '', undefined],
      ]);
      expect((await store.cases.events('OT1'))[0].data).toEqual({ text: '다른 사람' });
      expect(await store.counts()).toMatchObject({ conversations: 1, cases: 3, events: 5 });
      expect(await store.forgetUser('slack', 'U100')).toEqual({ conversations: 0, cases: 0, events: 0 });
    });
  });
}
