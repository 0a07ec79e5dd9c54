/** The statistics' cache in one process: counts made at once wait for each other, so the cache is built once. */
import { expect, it } from 'vitest';
import { statsOf } from '../../src/insight/stats-source.js';
import { parseStatsWindow } from '../../src/insight/stats-window.js';
import { openMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/port.js';
import { makeTurn } from '../store/builders.js';

it('builds the cache once when two counts start together (a dashboard warming up and its first visit)', async () => {
  const store = openMemoryStore();
  await store.commit({ turns: [makeTurn('slack:1', '2026-11-20T01:00:00.000Z'), makeTurn('slack:2', '2026-11-30T01:00:00.000Z')] });
  let writes = 0;
  const counted: Store = { ...store, statsCache: { ...store.statsCache, write: (text, generation) => (writes++, store.statsCache.write(text, generation)) } };
  const window = parseStatsWindow({ since: '30d' }, new Date('2026-12-01T03:00:00.000Z'), 'Asia/Seoul');
  const [a, b] = await Promise.all([statsOf(counted, window), statsOf(counted, window, 'day')]);
  expect(writes).toBe(1);
  expect([a.conversations, b.conversations, a.questions.answered]).toEqual([1, 1, 2]);
});
