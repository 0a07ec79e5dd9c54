/** The lowdb store opened read-only beside the process that writes it: reads what is committed, changes nothing, refuses writes. */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreReadOnlyError } from '../../src/store/errors.js';
import { LOWDB_FILES, openLowdbSnapshot, openLowdbStore } from '../../src/store/lowdb-store.js';
import type { Store } from '../../src/store/port.js';
import { makeCase, makeEvent, makeTurn } from './builders.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder whose writer is still open, with a closed case in the archive, an open one and a turn. */
async function folderWithWriter(): Promise<{ dir: string; writer: Store }> {
  const dir = mkdtempSync(join(tmpdir(), 'deskbot-snapshot-'));
  dirs.push(dir);
  const writer = await openLowdbStore({ dir });
  await writer.commit({
    cases: [makeCase('CLO-SED', { status: 'closed', closedAt: '2026-11-23T02:00:00.000Z', updatedAt: '2026-11-23T02:00:00.000Z' }), makeCase('OPN-ONE')],
    events: [makeEvent('CLO-SED', 'opened', '2026-11-23T01:00:00.000Z')],
    turns: [makeTurn('slack:1', '2026-11-23T01:00:00.000Z')],
  });
  return { dir, writer };
}

describe('lowdb snapshot (read-only, beside the writer)', () => {
  it('reads cases, events and the turn log while the writer holds the folder, and sees a later commit when opened again', async () => {
    const { dir, writer } = await folderWithWriter();
    try {
      const snapshot = await openLowdbSnapshot({ dir });
      expect((await snapshot.cases.get('CLO-SED'))?.status).toBe('closed');
      expect(await snapshot.cases.events('CLO-SED')).toHaveLength(1);
      expect((await snapshot.cases.active()).map((c) => c.id)).toEqual(['OPN-ONE']);
      expect(await snapshot.counts()).toMatchObject({ cases: 2, turns: 1 });
      await snapshot.close();
      await writer.commit({ turns: [makeTurn('slack:2', '2026-11-23T01:05:00.000Z')] });
      const again = await openLowdbSnapshot({ dir });
      expect((await again.counts()).turns).toBe(2);
      await again.close();
    } finally {
      await writer.close();
    }
  });

  it('leaves a commit under way (bytes past the committed length) alone, and every file as it was', async () => {
    const { dir, writer } = await folderWithWriter();
    try {
      appendFileSync(join(dir, LOWDB_FILES.archive), '{"half a line');
      const before = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
      const snapshot = await openLowdbSnapshot({ dir });
      expect((await snapshot.cases.get('CLO-SED'))?.id).toBe('CLO-SED');
      await snapshot.close();
      const after = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
      expect(after).toEqual(before);
      expect(statSync(join(dir, LOWDB_FILES.archive)).size).toBeGreaterThan(0);
    } finally {
      await writer.close();
    }
  });

  it('refuses every write with a message that says why', async () => {
    const { dir, writer } = await folderWithWriter();
    try {
      const snapshot = await openLowdbSnapshot({ dir });
      await expect(snapshot.commit({ turns: [makeTurn('slack:3', '2026-11-23T01:09:00.000Z')] })).rejects.toThrow(StoreReadOnlyError);
      await expect(snapshot.forgetUser('slack', 'U100')).rejects.toThrow(/read-only, beside the running bot/);
      await expect(snapshot.eraseTranscripts(new Date())).rejects.toThrow(StoreReadOnlyError);
      await expect(snapshot.turns.deleteBefore(new Date())).rejects.toThrow(StoreReadOnlyError);
      await expect(snapshot.conversations.once('delivered:x')).rejects.toThrow(StoreReadOnlyError);
      await snapshot.close();
      expect((await writer.counts()).turns).toBe(1);
    } finally {
      await writer.close();
    }
  });
});
