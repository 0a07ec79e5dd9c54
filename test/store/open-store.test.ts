import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/open-store.js';

describe('openStore', () => {
  it('uses the lowdb files in the data directory when no database is configured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskbot-open-'));
    try {
      const store = await openStore({ dataDir: dir });
      await store.close();
      expect(existsSync(join(dir, 'deskbot.json'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses PostgreSQL when a database URL is set, and leaves the data directory alone', async () => {
    const dir = join(tmpdir(), `deskbot-open-unused-${process.pid}`);
    await expect(openStore({ dataDir: dir, databaseUrl: 'postgres://root@127.0.0.1:1/test' })).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(existsSync(dir)).toBe(false);
  });
});
