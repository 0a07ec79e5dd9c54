import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCorruptError, StoreInUseError, StoreUnavailableError } from '../../src/store/errors.js';
import { LOWDB_FILES, LOWDB_FORMAT_VERSION, openLowdbStore } from '../../src/store/lowdb-store.js';
import type { Store } from '../../src/store/port.js';
import { makeCase, makeEvent, makeTurn } from './builders.js';
import { runStoreContract } from './contract.js';
import { forkTs } from './fork-ts.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'deskbot-lowdb-'));
}

function lowdbFixture(options: { liveConversations?: number; archiveGarbageLimit?: number } = {}) {
  return async () => {
    const dir = tempDir();
    const opened: Store[] = [await openLowdbStore({ dir, ...options })];
    return {
      store: opened[0],
      reopen: async () => {
        const store = await openLowdbStore({ dir, ...options });
        opened.push(store);
        return store;
      },
      cleanup: async () => {
        for (const s of opened) await s.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

runStoreContract('lowdb', lowdbFixture());
// Every conversation but the last one written lives in the archive, which is compacted as soon as it has
// superseded lines: the contract must hold there too.
runStoreContract('lowdb, one live conversation, eager compaction', lowdbFixture({ liveConversations: 1, archiveGarbageLimit: 0 }));

describe('lowdb store files', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const dataFile = () => join(dir, LOWDB_FILES.data);

  it('creates deskbot.json with a format version as soon as it opens', async () => {
    const store = await openLowdbStore({ dir: join(dir, 'nested', 'data') });
    await store.close();
    const saved = JSON.parse(readFileSync(join(dir, 'nested', 'data', LOWDB_FILES.data), 'utf8'));
    expect(saved).toMatchObject({ version: LOWDB_FORMAT_VERSION, conversations: [], cases: [], events: [] });
  });

  it('keeps an open case\'s events out of deskbot.json, so thousands of relayed messages leave its size as it was', async () => {
    const store = await openLowdbStore({ dir });
    const at = (i: number) => new Date(Date.parse('2026-11-23T01:00:00.000Z') + i * 1000).toISOString();
    await store.commit({ cases: [makeCase('TALKY1')], events: [makeEvent('TALKY1', 'opened', at(0))] });
    const before = statSync(dataFile()).size;
    for (let i = 1; i <= 2000; i++) await store.commit({ events: [makeEvent('TALKY1', 'user_message', at(i), { text: `로그 ${i}번째 줄입니다` })] });
    // Only the archive's length (a number in it) grows by a few digits.
    expect(statSync(dataFile()).size).toBeLessThan(before + 10);
    expect(await store.counts()).toEqual({ conversations: 0, cases: 1, events: 2001, turns: 0 });
    await store.close();
    const again = await openLowdbStore({ dir });
    const events = await again.cases.events('TALKY1');
    expect(events).toHaveLength(2001);
    expect(events.at(-1)?.data).toEqual({ text: '로그 2000번째 줄입니다' });
    await again.commit({ cases: [makeCase('TALKY1', { status: 'closed' })], events: [makeEvent('TALKY1', 'closed', at(2001))] });
    expect((await again.cases.events('TALKY1')).map((e) => e.type).slice(-2)).toEqual(['user_message', 'closed']);
    expect(await again.counts()).toEqual({ conversations: 0, cases: 1, events: 2002, turns: 0 });
    await again.close();
  });

  it('opens a format 1 data file and moves its open cases\' events into the archive', async () => {
    const old = makeCase('FMT1AA');
    const events = [makeEvent('FMT1AA', 'opened', '2026-11-23T01:00:00.000Z'), makeEvent('FMT1AA', 'claim', '2026-11-23T02:00:00.000Z')];
    writeFileSync(dataFile(), JSON.stringify({ version: 1, archiveBytes: 0, conversations: [], cases: [old], events }));
    const store = await openLowdbStore({ dir });
    expect(await store.cases.events('FMT1AA')).toEqual(events);
    expect(JSON.parse(readFileSync(dataFile(), 'utf8'))).toMatchObject({ version: LOWDB_FORMAT_VERSION, cases: [old], events: [] });
    await store.close();
    const again = await openLowdbStore({ dir });
    expect(await again.cases.events('FMT1AA')).toEqual(events);
    await again.close();
  });

  it('keeps closed cases out of deskbot.json, so its size does not grow with history', async () => {
    const store = await openLowdbStore({ dir });
    const cases = Array.from({ length: 500 }, (_, i) => makeCase(`OLD${String(i).padStart(4, '0')}`, { status: 'closed' }));
    await store.commit({ cases, events: cases.map((c) => makeEvent(c.id, 'closed', c.createdAt)) });
    await store.commit({ cases: [makeCase('LIVE01')] });
    expect(statSync(dataFile()).size).toBeLessThan(5_000);
    expect(await store.counts()).toEqual({ conversations: 0, cases: 501, events: 500, turns: 0 });
    expect((await store.cases.get('OLD0250'))?.status).toBe('closed');
    await store.close();
  });

  it('moves the least recently written conversations out of deskbot.json and still reads them back', async () => {
    const store = await openLowdbStore({ dir, liveConversations: 3 });
    const at = '2026-11-23T01:00:00.000Z';
    for (let i = 1; i <= 6; i++) await store.commit({ conversations: [{ id: `console:u${i}`, state: { n: i, text: '대화 🙂' }, updatedAt: at }] });
    // u1 written again: it becomes the most recent one and comes back into deskbot.json.
    await store.commit({ conversations: [{ id: 'console:u1', state: { n: 10 }, updatedAt: at }] });
    const live = (JSON.parse(readFileSync(dataFile(), 'utf8')) as { conversations: Array<{ id: string }> }).conversations.map((c) => c.id);
    expect(live).toEqual(['console:u5', 'console:u6', 'console:u1']);
    expect((await store.conversations.get('console:u2'))?.state).toEqual({ n: 2, text: '대화 🙂' });
    expect((await store.exportAll()).conversations.map((c) => c.id).sort()).toEqual(['console:u1', 'console:u2', 'console:u3', 'console:u4', 'console:u5', 'console:u6']);
    await store.close();
    const again = await openLowdbStore({ dir, liveConversations: 3 });
    expect(await again.counts()).toMatchObject({ conversations: 6 });
    expect((await again.conversations.get('console:u1'))?.state).toEqual({ n: 10 });
    expect((await again.conversations.get('console:u4'))?.state).toEqual({ n: 4, text: '대화 🙂' });
    await again.close();
  });

  it('reports a failed write as unavailable, keeps nothing of that commit, and carries on once the disk is back', async () => {
    const store = await openLowdbStore({ dir });
    await store.commit({ cases: [makeCase('KEPT01', { status: 'closed' })] });
    // A directory where the temp file must go makes the next write fail, as a full or read-only disk would.
    const blocker = join(dir, `.${LOWDB_FILES.data}.tmp`);
    mkdirSync(blocker);
    const failed = await store
      .commit({
        conversations: [{ id: 'console:lost', state: 1, updatedAt: '2026-11-23T01:00:00.000Z' }],
        cases: [makeCase('LOST01', { status: 'closed' })],
        turns: [makeTurn('console:lost', '2026-11-23T01:00:00.000Z')],
      })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(StoreUnavailableError);
    expect(await store.conversations.get('console:lost')).toBeUndefined();
    expect((await store.counts()).turns).toBe(0);
    expect(statSync(join(dir, LOWDB_FILES.turns)).size).toBe(0);
    expect(await store.cases.get('LOST01')).toBeUndefined();
    rmSync(blocker, { recursive: true });
    await store.commit({ cases: [makeCase('NEXT01', { status: 'closed' })] });
    await store.close();
    const again = await openLowdbStore({ dir });
    expect(await again.cases.get('LOST01')).toBeUndefined();
    expect((await again.cases.get('KEPT01'))?.status).toBe('closed');
    expect((await again.cases.get('NEXT01'))?.status).toBe('closed');
    await again.close();
    expect(readdirSync(dir).filter((f) => f.includes('incomplete'))).toEqual([]);
  });

  it('reads the last days of a long turn log from near its end, and still finds an entry committed a little out of time order', async () => {
    const store = await openLowdbStore({ dir });
    const start = Date.UTC(2026, 0, 1);
    const hour = 3_600_000;
    // 4,000 hours of turns, each line padded to about 1 KB: a 4 MB file, read from the middle on by a halving search.
    const turns = Array.from({ length: 4000 }, (_, i) => makeTurn(`slack:${i}`, new Date(start + i * hour).toISOString(), { text: 'x'.repeat(900), review: 'out_of_scope' }));
    // Committed an hour after an entry of a later hour (a turn slow to finish): still in order within a day.
    const late = turns.splice(3900, 1)[0];
    turns.splice(3901, 0, late);
    for (let i = 0; i < turns.length; i += 500) await store.commit({ turns: turns.slice(i, i + 500) });
    const since = new Date(start + 3900 * hour);
    const read: string[] = [];
    for await (const e of store.turns.between(since, new Date(start + 3950 * hour))) read.push(e.id);
    expect(read).toEqual(Array.from({ length: 50 }, (_, i) => `slack:${3900 + i}`));
    await store.close();
    expect(statSync(join(dir, 'deskbot-turns.jsonl')).size).toBeGreaterThan(3_500_000);
  });

  it('keeps delivery keys out of deskbot.json', async () => {
    const store = await openLowdbStore({ dir });
    expect(await store.conversations.once('slack:EvUnique123', 3600)).toBe(true);
    await store.commit({ conversations: [{ id: 'console:a', state: 1, updatedAt: '2026-11-23T01:00:00.000Z' }] });
    await store.close();
    expect(readFileSync(dataFile(), 'utf8')).not.toContain('EvUnique123');
    expect(readFileSync(join(dir, LOWDB_FILES.keys), 'utf8')).toContain('EvUnique123');
  });

  it('compacts the archive once superseded lines outweigh live ones, keeping every record', async () => {
    const options = { dir, liveConversations: 1, archiveGarbageLimit: 2000 };
    const store = await openLowdbStore(options);
    const at = '2026-11-23T01:00:00.000Z';
    await store.commit({ cases: [makeCase('CLOSED', { status: 'closed' })] });
    // Two conversations taking turns: each turn pushes the other one out again, superseding its last line.
    for (let i = 0; i < 40; i++) {
      await store.commit({ conversations: [{ id: `console:${i % 2 === 0 ? 'a' : 'b'}`, state: { i, text: '반복 '.repeat(20) }, updatedAt: at }] });
    }
    await store.commit({ events: [makeEvent('CLOSED', 'rated', at, { rating: 4 })] });
    await store.close();
    const files = readdirSync(dir).filter((f) => f.startsWith('deskbot-archive'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^deskbot-archive\.\d+\.jsonl$/);
    expect(JSON.parse(readFileSync(dataFile(), 'utf8')).archiveFile).toBe(files[0]);
    expect(statSync(join(dir, files[0])).size).toBeLessThan(2 * 2000 + 3000);
    const again = await openLowdbStore(options);
    expect((await again.conversations.get('console:a'))?.state).toMatchObject({ i: 38 });
    expect((await again.conversations.get('console:b'))?.state).toMatchObject({ i: 39 });
    expect((await again.cases.get('CLOSED'))?.status).toBe('closed');
    expect((await again.cases.events('CLOSED')).map((e) => e.type)).toEqual(['rated']);
    expect(await again.counts()).toEqual({ conversations: 2, cases: 1, events: 1, turns: 0 });
    await again.close();
  });

  it('opens with the archive deskbot.json names and removes archives a cut-short compaction left', async () => {
    const store = await openLowdbStore({ dir });
    await store.commit({ cases: [makeCase('KEEP01', { status: 'closed' })] });
    await store.close();
    writeFileSync(join(dir, 'deskbot-archive.7.jsonl'), 'left by a compaction that never finished\n');
    const again = await openLowdbStore({ dir });
    expect((await again.cases.get('KEEP01'))?.status).toBe('closed');
    await again.close();
    expect(readdirSync(dir).filter((f) => f.startsWith('deskbot-archive'))).toEqual([LOWDB_FILES.archive]);
  });

  it('refuses a data file that is not JSON, names it, and leaves it untouched', async () => {
    writeFileSync(dataFile(), '{"version":1,"conversations":[');
    const error = await openLowdbStore({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect((error as StoreCorruptError).file).toBe(dataFile());
    expect((error as Error).message).toContain(dataFile());
    expect((error as Error).message).toMatch(/not valid JSON/);
    expect((error as Error).message).toMatch(/backup/);
    await expect(openLowdbStore({ dir })).rejects.toBeInstanceOf(StoreCorruptError);
    expect(readFileSync(dataFile(), 'utf8')).toBe('{"version":1,"conversations":[');
  });

  it.each([
    ['an empty file', '', /empty/],
    ['an array', '[]', /top level is not a JSON object/],
    ['no version', '{"archiveBytes":0,"conversations":[],"cases":[],"events":[]}', /"version"/],
    ['a newer format', '{"version":9,"archiveBytes":0,"conversations":[],"cases":[],"events":[]}', /newer deskbot/],
    ['cases that are not a list', '{"version":1,"archiveBytes":0,"conversations":[],"cases":"x","events":[]}', /"cases" is not an array/],
    ['a case without an id', '{"version":1,"archiveBytes":0,"conversations":[],"cases":[{"status":"open"}],"events":[]}', /cases\[0\].*"id"/],
    ['a case whose status deskbot never writes', JSON.stringify({ version: 3, archiveBytes: 0, conversations: [], cases: [makeCase('ODD001', { status: 'lost' as never })], events: [] }), /cases\[0\] is not a case: "status": /],
    ['a turn log length that is not a byte count', '{"version":3,"archiveBytes":0,"turnLogBytes":-1,"conversations":[],"cases":[],"events":[]}', /"turnLogBytes" is not a byte count/],
  ])('refuses %s with a clear message and never overwrites it', async (_what, content, message) => {
    writeFileSync(dataFile(), content);
    const error = await openLowdbStore({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect((error as Error).message).toMatch(message);
    expect(readFileSync(dataFile(), 'utf8')).toBe(content);
  });

  it('refuses an archive shorter than deskbot.json says, and leaves both files as they were', async () => {
    const store = await openLowdbStore({ dir });
    await store.commit({ cases: [makeCase('GONE01', { status: 'closed' })] });
    await store.close();
    const archive = join(dir, LOWDB_FILES.archive);
    truncateSync(archive, 10);
    const before = readFileSync(dataFile(), 'utf8');
    await expect(openLowdbStore({ dir })).rejects.toThrow(/deskbot-archive\.jsonl is corrupt: it has 10 bytes/);
    expect(readFileSync(dataFile(), 'utf8')).toBe(before);
    expect(statSync(archive).size).toBe(10);
  });

  it('refuses an archive with a damaged line and names the line', async () => {
    const store = await openLowdbStore({ dir });
    await store.commit({ cases: [makeCase('ARC001', { status: 'closed' }), makeCase('ARC002', { status: 'closed' })] });
    await store.close();
    const archive = join(dir, LOWDB_FILES.archive);
    const lines = readFileSync(archive, 'utf8').split('\n');
    const damaged = [lines[0], `x${lines[1].slice(1)}`, ''].join('\n');
    expect(damaged.length).toBe(readFileSync(archive, 'utf8').length);
    writeFileSync(archive, damaged);
    await expect(openLowdbStore({ dir })).rejects.toThrow(/deskbot-archive\.jsonl is corrupt: line 2 has a header that is not valid JSON/);
    expect(readFileSync(archive, 'utf8')).toBe(damaged);
  });

  it('sets aside the tail of a commit that was cut short and opens with the committed data', async () => {
    const store = await openLowdbStore({ dir });
    await store.commit({ cases: [makeCase('DONE01', { status: 'closed' })] });
    await store.close();
    appendFileSync(join(dir, LOWDB_FILES.archive), '{"case":{"id":"HALF0');
    const again = await openLowdbStore({ dir });
    expect(await again.cases.get('DONE01')).toBeDefined();
    expect(await again.cases.get('HALF01')).toBeUndefined();
    await again.commit({ cases: [makeCase('NEXT01', { status: 'closed' })] });
    await again.close();
    const third = await openLowdbStore({ dir });
    expect((await third.cases.get('NEXT01'))?.status).toBe('closed');
    expect(await third.counts()).toMatchObject({ cases: 2 });
    await third.close();
    const aside = readdirSync(dir).filter((f) => f.startsWith(`${LOWDB_FILES.archive}.incomplete-`));
    expect(aside).toHaveLength(1);
    // Only the cut-short tail, not a copy of the whole archive.
    expect(readFileSync(join(dir, aside[0]), 'utf8')).toBe('{"case":{"id":"HALF0');
  });

  it('keeps only the newest three tails of cut-short commits, however often the process crashes', async () => {
    const store = await openLowdbStore({ dir });
    await store.commit({ cases: [makeCase('DONE01', { status: 'closed' })] });
    await store.close();
    for (let crash = 1; crash <= 5; crash++) {
      appendFileSync(join(dir, LOWDB_FILES.archive), `{"case":{"id":"CRASH${crash}`);
      await (await openLowdbStore({ dir })).close();
    }
    const aside = readdirSync(dir).filter((f) => f.startsWith(`${LOWDB_FILES.archive}.incomplete-`));
    const tails = aside.map((f) => readFileSync(join(dir, f), 'utf8')).sort();
    expect(tails).toEqual(['{"case":{"id":"CRASH3', '{"case":{"id":"CRASH4', '{"case":{"id":"CRASH5']);
    const again = await openLowdbStore({ dir });
    expect(await again.counts()).toMatchObject({ cases: 1 });
    await again.close();
  });

  it.each([
    ['with default settings', {}],
    ['while the archive is compacted again and again', { liveConversations: 2, archiveGarbageLimit: 0 }],
  ])('has every commit that resolved on disk after the process is killed with SIGKILL, %s', async (_how, options) => {
    const child = forkTs(join(import.meta.dirname, 'fixtures', 'lowdb-writer.ts'), [dir, JSON.stringify(options)]);
    const acknowledged = await new Promise<number>((resolve, reject) => {
      let last = 0;
      child.on('message', (m) => {
        last = (m as { committed: number }).committed;
        // Killed while it keeps committing, so the kill lands in the middle of a write.
        if (last >= 40) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve(last));
      child.on('error', reject);
    });
    expect(acknowledged).toBeGreaterThanOrEqual(40);
    const store = await openLowdbStore({ dir, ...options });
    for (let i = 1; i <= acknowledged; i++) {
      expect((await store.conversations.get(`console:u${i}`))?.state).toEqual({ n: i });
      expect(await store.cases.get(`KILL${String(i).padStart(4, '0')}`)).toBeDefined();
    }
    await store.close();
    const archiveFile = (JSON.parse(readFileSync(dataFile(), 'utf8')) as { archiveFile: string }).archiveFile;
    // Compactions did happen, each to a new file name.
    if ('archiveGarbageLimit' in options) expect(archiveFile).not.toBe(LOWDB_FILES.archive);
  });

  it('refuses a data directory that another store is using, until that store is closed', async () => {
    const first = await openLowdbStore({ dir });
    const error = await openLowdbStore({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreInUseError);
    expect((error as Error).message).toMatch(/in use by another store in this process/);
    await first.commit({ conversations: [{ id: 'console:a', state: 1, updatedAt: '2026-11-23T01:00:00.000Z' }] });
    await first.close();
    const second = await openLowdbStore({ dir });
    expect((await second.conversations.get('console:a'))?.state).toBe(1);
    await second.close();
  });
  describe('turn log file', () => {
    const all = async (store: Store) => {
      const out = [];
      for await (const t of store.turns.between(new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))) out.push(t);
      return out;
    };
    const at = (i: number) => new Date(Date.UTC(2026, 10, 23, 1, 0, i)).toISOString();

    it('keeps entries out of deskbot.json, in deskbot-turns.jsonl, whose committed length deskbot.json records', async () => {
      const store = await openLowdbStore({ dir });
      const before = statSync(dataFile()).size;
      for (let i = 0; i < 200; i++) await store.commit({ turns: [makeTurn(`slack:m${i}`, at(i), { review: 'out_of_scope', text: `질문 ${i}번` })] });
      await store.close();
      expect(statSync(dataFile()).size).toBeLessThan(before + 40);
      const saved = JSON.parse(readFileSync(dataFile(), 'utf8'));
      expect(saved).toMatchObject({ version: LOWDB_FORMAT_VERSION, turnLogFile: LOWDB_FILES.turns, turnLogBytes: statSync(join(dir, LOWDB_FILES.turns)).size });
      expect(readFileSync(dataFile(), 'utf8')).not.toContain('질문');
    });

    it('opens a format 2 data file, which has no turn log, and starts one', async () => {
      writeFileSync(dataFile(), JSON.stringify({ version: 2, archiveBytes: 0, conversations: [], cases: [makeCase('FMT2AA')], events: [] }));
      const store = await openLowdbStore({ dir });
      expect(await all(store)).toEqual([]);
      await store.commit({ turns: [makeTurn('slack:m1', at(1))] });
      await store.close();
      const again = await openLowdbStore({ dir });
      expect((await all(again)).map((t) => t.id)).toEqual(['slack:m1']);
      expect(await again.cases.get('FMT2AA')).toEqual(makeCase('FMT2AA'));
      await again.close();
    });

    it('sets aside the tail of a commit that was cut short and keeps the committed entries', async () => {
      const store = await openLowdbStore({ dir });
      await store.commit({ turns: [makeTurn('slack:done', at(1))] });
      await store.close();
      appendFileSync(join(dir, LOWDB_FILES.turns), '{"id":"slack:half","at":"2026');
      const again = await openLowdbStore({ dir });
      expect((await all(again)).map((t) => t.id)).toEqual(['slack:done']);
      await again.commit({ turns: [makeTurn('slack:next', at(2))] });
      expect((await all(again)).map((t) => t.id)).toEqual(['slack:done', 'slack:next']);
      await again.close();
      const aside = readdirSync(dir).filter((f) => f.startsWith(`${LOWDB_FILES.turns}.incomplete-`));
      expect(aside.map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(['{"id":"slack:half","at":"2026']);
    });

    it('rewrites the file to a new name when entries are deleted, and removes the old one', async () => {
      const store = await openLowdbStore({ dir });
      await store.commit({ turns: [makeTurn('slack:old', at(1), { review: 'not_solved', text: '옛날 질문' }), makeTurn('slack:new', at(2))] });
      expect(await store.turns.deleteBefore(new Date(at(2)))).toBe(1);
      await store.close();
      const files = readdirSync(dir).filter((f) => f.startsWith('deskbot-turns'));
      expect(files).toEqual(['deskbot-turns.1.jsonl']);
      expect(JSON.parse(readFileSync(dataFile(), 'utf8')).turnLogFile).toBe('deskbot-turns.1.jsonl');
      expect(readFileSync(join(dir, files[0]), 'utf8')).not.toContain('옛날 질문');
      const again = await openLowdbStore({ dir });
      expect((await all(again)).map((t) => t.id)).toEqual(['slack:new']);
      await again.close();
    });

    it('reports an entry not in the turn log\'s shape and serves the others', async () => {
      const store = await openLowdbStore({ dir });
      await store.commit({ turns: [makeTurn('slack:odd', at(1), { action: 'bogus' as never, text: '비밀', review: 'out_of_scope' }), makeTurn('slack:ok', at(2))] });
      await store.close();
      const errors: Array<Record<string, unknown>> = [];
      const again = await openLowdbStore({ dir, logger: { error: (obj: Record<string, unknown>) => errors.push(obj) } as never });
      expect((await all(again)).map((t) => t.id)).toEqual(['slack:ok']);
      expect(errors).toEqual([expect.objectContaining({ id: 'slack:odd', problem: expect.stringMatching(/^"action": /) })]);
      expect(JSON.stringify(errors)).not.toContain('비밀');
      await again.close();
    });

    it('reports a damaged entry and serves the others', async () => {
      const store = await openLowdbStore({ dir });
      await store.commit({ turns: [makeTurn('slack:a', at(1), { text: 'AAAA', review: 'out_of_scope' }), makeTurn('slack:b', at(2))] });
      await store.close();
      const file = join(dir, LOWDB_FILES.turns);
      writeFileSync(file, readFileSync(file, 'utf8').replace('AAAA', 'AAAB'));
      const errors: unknown[] = [];
      const again = await openLowdbStore({ dir, logger: { error: (obj: unknown) => errors.push(obj) } as never });
      expect((await all(again)).map((t) => t.id)).toEqual(['slack:b']);
      expect(errors).toEqual([expect.objectContaining({ file, id: 'slack:a' })]);
      await again.close();
    });
  });
});
