/** The dashboard served over HTTP builds the store's statistics' cache as soon as it listens, before anyone visits. */
import { expect, it } from 'vitest';
import { serveDashboard } from '../../src/dashboard/dashboard-server.js';
import { openMemoryStore } from '../../src/store/memory-store.js';
import { makeTurn } from '../store/builders.js';

it("builds the statistics' cache once it listens, so that the first Overview reads from it", async () => {
  const store = openMemoryStore();
  const now = new Date('2026-12-01T03:00:00.000Z');
  await store.commit({ turns: [makeTurn('slack:1', '2026-11-20T01:00:00.000Z'), makeTurn('slack:2', '2026-11-30T01:00:00.000Z')] });
  expect((await store.statsCache.read()).text).toBeUndefined();
  const served = await serveDashboard(
    { store, dataDir: '', intentsDir: 'intents', timeZone: 'Asia/Seoul', routes: ['default'], now: () => now },
    { host: '127.0.0.1', port: 0, token: 'operator-token-0123456789abcdef', generatedToken: false, secureCookies: false },
  );
  if (typeof served === 'string') throw new Error(served);
  try {
    await expect.poll(async () => (await store.statsCache.read()).text, { timeout: 5000 }).toContain('slack:D100');
  } finally {
    await served.close();
    await store.close();
  }
});
