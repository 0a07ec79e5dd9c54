/**
 * A private inquiry started in a public place moves to the user's DM, on every store: the public thread's turn and
 * the DM's state are committed together under both conversations' locks, and many moves at once never deadlock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startDeskbot, type Deskbot } from '../../src/main.js';
import { openMemoryStore } from '../../src/store/memory-store.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import type { Store } from '../../src/store/port.js';
import { DATABASE_URL, dropSchema, freshSchema } from '../store/pg-helpers.js';
import { capturingAdapter } from '../support/capturing-adapter.js';

const stores: Array<[string, () => Promise<{ store: Store; drop(): Promise<void> }>]> = [
  ['memory', async () => ({ store: openMemoryStore(), drop: async () => undefined })],
];
if (DATABASE_URL) {
  stores.push([
    'PostgreSQL',
    async () => {
      const schema = freshSchema();
      // A small lock pool: more moves at once than it has connections must still all finish.
      return { store: await openPostgresStore({ connectionString: DATABASE_URL as string, schema, pool: 3 }), drop: () => dropSchema(schema) };
    },
  ]);
}

describe.each(stores)('moving to the DM (%s; PostgreSQL runs when DATABASE_URL is set)', (_name, open) => {
  let deskbot: Deskbot | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await deskbot?.stop();
    await drop?.();
  });

  it('commits the thread and the DM together, for ten users at once', async () => {
    const opened = await open();
    drop = opened.drop;
    const adapter = capturingAdapter();
    deskbot = await startDeskbot({ adapters: [adapter], config: { ...loadConfig({}), nluEncoder: 'none' }, store: opened.store, watch: false, tickEveryMs: 0 });
    const users = Array.from({ length: 10 }, (_, i) => `p${i}`);
    await Promise.all(
      users.map((u) =>
        adapter.h().onMessage({
          id: `m-${u}`,
          channel: 'console',
          conversationId: `general:${u}`,
          user: { id: u, isBot: false },
          text: '결제가 두 번 됐어요',
          publicPlace: { openDirect: async () => `dm-${u}` },
        }),
      ),
    );
    for (const u of users) {
      const texts = (conversation: string) => adapter.delivered.filter((d) => d.to === 'user' && d.address.conversationId === conversation).map((d) => (d.to === 'user' ? d.message.text : ''));
      expect(texts(`general:${u}`).join('\n')).toContain('DM으로 이어갈게요');
      expect(texts(`dm-${u}`).join('\n')).toContain('공개 채널에서 말씀하신 문의를 여기 DM에서 이어갈게요');
      const dm = (await opened.store.conversations.get(`console:dm-${u}`))?.state as { phase: string; topic: string } | undefined;
      expect(dm).toMatchObject({ phase: 'collecting', topic: 'payment.issue' });
      const thread = (await opened.store.conversations.get(`console:general:${u}`))?.state as { phase: string } | undefined;
      expect(thread?.phase).toBe('idle');
    }
  }, 60_000);
});
