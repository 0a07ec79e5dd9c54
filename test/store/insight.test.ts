/** The statistics, retention and forget contract on every store: lowdb (two ways of keeping the archive) and PostgreSQL. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { createMemoryData, openMemoryStore } from '../../src/store/memory-store.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import type { Store } from '../../src/store/port.js';
import type { StoreFixture } from './contract.js';
import { runInsightContract } from './insight-contract.js';
import { DATABASE_URL, dropSchema, freshSchema } from './pg-helpers.js';

/** A fixture on a fresh location, opened by open(location). */
function fixture(make: () => Promise<{ location: string; open: () => Promise<Store>; remove: () => Promise<void> }>): () => Promise<StoreFixture> {
  return async () => {
    const { open, remove } = await make();
    const opened: Store[] = [await open()];
    return {
      store: opened[0],
      reopen: async () => {
        opened.push(await open());
        return opened[opened.length - 1];
      },
      cleanup: async () => {
        for (const s of opened) await s.close();
        await remove();
      },
    };
  };
}

const lowdb = (options: { liveConversations?: number; archiveGarbageLimit?: number } = {}) =>
  fixture(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskbot-insight-'));
    return { location: dir, open: () => openLowdbStore({ dir, ...options }), remove: async () => rmSync(dir, { recursive: true, force: true }) };
  });

const memory = fixture(async () => {
  const data = createMemoryData();
  return { location: '', open: async () => openMemoryStore(data), remove: async () => undefined };
});
runInsightContract('memory', memory);
runInsightContract('lowdb', lowdb());
// Conversations and cases in the archive, compacted eagerly: erasure must reach records there too.
runInsightContract('lowdb, one live conversation, eager compaction', lowdb({ liveConversations: 1, archiveGarbageLimit: 0 }));

if (DATABASE_URL) {
  const url = DATABASE_URL;
  const postgres = fixture(async () => {
    const schema = freshSchema();
    return { location: schema, open: () => openPostgresStore({ connectionString: url, schema, pool: 2 }), remove: () => dropSchema(schema) };
  });
  runInsightContract('postgres', postgres);
} else {
  describe('store contract, statistics and erasure: postgres', () => {
    it.skip('is tested only with a database: needs DATABASE_URL', () => undefined);
  });
}
