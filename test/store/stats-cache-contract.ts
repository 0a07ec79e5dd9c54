/**
 * The statistics' cache on every store: a window of whole days counted from the cache gives the figures that
 * reading every turn and case gives, as the cache is built, kept, brought up to date, and dropped by retention
 * and `user forget`.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaseEvent, SupportCase } from '../../src/cases/types.js';
import { statsByReading, statsOf } from '../../src/insight/stats-source.js';
import { parseStatsWindow } from '../../src/insight/stats-window.js';
import type { TurnLogEntry } from '../../src/insight/turn-log-entry.js';
import { GROUP_BY, type GroupBy } from '../../src/insight/turn-tally.js';
import { mulberry32 } from '../../src/nlu/seeded-random.js';
import type { Store } from '../../src/store/port.js';
import { makeCase, makeEvent, makeTurn } from './builders.js';

const TZ = 'Asia/Seoul';
const DAY = 86_400_000;
/** 2026-11-20 00:00 in Seoul. */
const START = Date.UTC(2026, 10, 19, 15);
const INTENTS = ['app.push', 'account.find_id', 'payment.issue', null];

/** Turns of `n` made-up users over `days` days from `from`, with answers, outcomes settled later and cases opened after them. */
function history(seed: number, from: number, days: number, n: number): TurnLogEntry[] {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const out: TurnLogEntry[] = [];
  for (let i = 0; i < n; i++) {
    const at = from + Math.floor(random() * days * DAY);
    const user = `U${Math.floor(random() * 12)}`;
    const base = { conversation: `slack:D${user}`, userId: user, lang: pick(['ko', 'en'] as const), channel: 'slack' as const, route: pick(['default', 'billing']) };
    const intent = pick(INTENTS);
    out.push(makeTurn(`slack:${seed}-${i}`, new Date(at).toISOString(), { ...base, intent, action: pick(['answered', 'answered', 'out_of_scope', 'collecting', 'smalltalk'] as const) }));
    if (intent && random() < 0.6) {
      // The answer's follow-up, sometimes the next day or later.
      const later = at + Math.floor(random() * (random() < 0.3 ? 3 * DAY : 600_000));
      const outcome = pick(['solved', 'not_solved', undefined] as const);
      out.push(
        makeTurn(`slack:${seed}-${i}f`, new Date(later).toISOString(), {
          ...base,
          intent: null,
          action: outcome ? 'other' : 'case_opened',
          ...(outcome ? { outcome } : {}),
          outcomeIntent: intent,
          answeredAt: new Date(at).toISOString(),
        }),
      );
    }
  }
  return out;
}

/** A case opened at `opened` with a reply, a resolution, maybe a reopening, a rating and a close. */
function caseOf(i: number, opened: number): { c: SupportCase; events: CaseEvent[] } {
  const at = (h: number) => new Date(opened + h * 3_600_000).toISOString();
  const c = makeCase(`K${i}`, { createdAt: at(0), dueAt: at(24), updatedAt: at(30), status: 'closed', intent: INTENTS[i % 3] as string, lang: i % 2 ? 'ko' : 'en' });
  const events = [makeEvent(c.id, 'opened', at(0)), makeEvent(c.id, 'reply', at(i % 5)), makeEvent(c.id, 'resolve', at(6)), makeEvent(c.id, 'rated', at(30), { rating: 1 + (i % 5) })];
  if (i % 4 === 0) events.push(makeEvent(c.id, 'reopen', at(8)), makeEvent(c.id, 'resolve', at(10)));
  events.push(makeEvent(c.id, 'closed_after_feedback', at(30)));
  return { c, events };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Every grouping's report from the cache and from reading everything, for one window. */
async function expectSameFigures(store: Store, options: { since?: string; until?: string }, now: number): Promise<void> {
  const window = parseStatsWindow(options, new Date(now), TZ);
  for (const by of [undefined, ...GROUP_BY] as Array<GroupBy | undefined>) {
    expect(await statsOf(store, window, by), `--by ${by ?? '(none)'}`).toEqual(await statsByReading(store, window, by));
  }
}

/** Registers the cache's tests inside a store contract's suite, on the store it opens for each test. */
export function statsCacheTests(storeOf: () => Store): void {
  describe("the statistics' cache", () => {
    let store: Store;
    beforeEach(() => {
      store = storeOf();
    });

    it('counts whole days from the cache as reading every turn and case does, while the cache is built, kept and brought up to date', async () => {
      await store.commit({ turns: history(1, START, 8, 160) });
      for (let i = 0; i < 12; i++) {
        const { c, events } = caseOf(i, START + i * 14 * 3_600_000);
        await store.commit({ cases: [c], events });
      }
      const now = START + 8 * DAY + 5 * 3_600_000;
      await expectSameFigures(store, { since: '7d' }, now);
      expect((await store.statsCache.read()).text, 'the first count keeps a cache').toBeDefined();
      await expectSameFigures(store, { since: '2026-11-21', until: '2026-11-25' }, now);
      await expectSameFigures(store, { since: '30d' }, now);

      // Two days on: new turns, answers of days already kept settled now, a case reopened and closed again.
      const answered = (await collect(store.turns.between(new Date(START), new Date(now)))).filter((e) => e.action === 'answered').slice(0, 6);
      const settling = answered.map((e, i) =>
        makeTurn(`slack:late-${i}`, new Date(now + (i + 1) * 3_600_000).toISOString(), { conversation: e.conversation, intent: null, action: i % 3 ? 'other' : 'case_opened', ...(i % 3 ? { outcome: 'solved' as const } : {}), outcomeIntent: e.intent ?? undefined, answeredAt: e.at }),
      );
      await store.commit({ turns: [...history(2, now, 2, 80), ...settling] });
      const { c, events } = caseOf(3, START + 3 * 14 * 3_600_000);
      const later = (h: number) => new Date(START + 9 * DAY + h * 3_600_000).toISOString();
      await store.commit({ cases: [{ ...c, updatedAt: later(2) }], events: [...events, makeEvent(c.id, 'reopen', later(1)), makeEvent(c.id, 'closed_after_feedback', later(2))] });
      const twoDaysOn = now + 2 * DAY;
      await expectSameFigures(store, { since: '7d' }, twoDaysOn);
      await expectSameFigures(store, { since: '2026-11-27' }, twoDaysOn);
    });

    it('drops the cache when retention or `user forget` rewrites the turn log, and counts the same afterwards', async () => {
      await store.commit({ turns: [...history(3, START, 6, 120), makeTurn('slack:forget-me', new Date(START + DAY).toISOString(), { conversation: 'slack:DFORGET', userId: 'UFORGET' })] });
      const now = START + 6 * DAY + 3_600_000;
      await expectSameFigures(store, { since: '30d' }, now);
      expect((await store.statsCache.read()).text).toContain('slack:DFORGET');

      await store.turns.forgetUser('slack', 'UFORGET');
      expect((await store.statsCache.read()).text, 'no copy of the forgotten conversation is kept').toBeUndefined();
      await expectSameFigures(store, { since: '30d' }, now);
      expect((await store.statsCache.read()).text).not.toContain('slack:DFORGET');

      await store.turns.deleteBefore(new Date(START + 2 * DAY));
      expect((await store.statsCache.read()).text).toBeUndefined();
      await expectSameFigures(store, { since: '30d' }, now);
    });
  });
}
