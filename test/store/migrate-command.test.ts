import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { runStoreMigrateCommand } from '../../src/store/migrate-command.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { makeCase, makeEvent, makeTurn } from './builders.js';
import { DATABASE_URL, dropSchema, freshSchema } from './pg-helpers.js';

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await runStoreMigrateCommand(args, (line) => lines.push(line), env);
  return { code, output: lines.join('\n') };
}

describe('deskbot store migrate: arguments', () => {
  it('explains its usage when the stores are not lowdb → postgres', async () => {
    const r = await run(['--from', 'mysql', '--to', 'postgres', '--database-url', 'postgres://x@127.0.0.1/db']);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/only --from lowdb --to postgres/);
    expect(r.output).toMatch(/usage: deskbot store migrate/);
  });

  it('rejects unknown options', async () => {
    const r = await run(['--from', 'lowdb', '--to', 'postgres', '--force']);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/unknown option --force/);
  });

  it('names the missing database setting', async () => {
    const r = await run(['--from', 'lowdb', '--to', 'postgres']);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/--database-url or set DATABASE_URL/);
  });

  it('refuses a data directory without lowdb data and leaves it empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskbot-migrate-'));
    try {
      const r = await run(['--from=lowdb', '--to=postgres', `--data=${dir}`], { DATABASE_URL: 'postgres://x@127.0.0.1:1/db' });
      expect(r.code).toBe(1);
      expect(r.output).toMatch(/no lowdb data at .*deskbot\.json/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an unreachable database as a failure, not a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskbot-migrate-'));
    try {
      await (await openLowdbStore({ dir })).close();
      const r = await run(['--from', 'lowdb', '--to', 'postgres', '--data', dir, '--database-url', 'postgres://root:secret@127.0.0.1:1/test']);
      expect(r.code).toBe(1);
      expect(r.output).toMatch(/migration failed: the database cannot be reached/);
      expect(r.output).not.toContain('secret');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!DATABASE_URL)('deskbot store migrate: lowdb → PostgreSQL (needs DATABASE_URL)', () => {
  let dir: string;
  let schema: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deskbot-migrate-'));
    schema = freshSchema();
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropSchema(schema);
  });

  it('copies every conversation, case, event and turn log entry, verifies the counts, and can run again', async () => {
    const source = await openLowdbStore({ dir });
    const open = makeCase('MIGR01', { cardRefs: { slack: 'C900:1.1' }, summary: '환불 요청 💸' });
    const closed = makeCase('MIGR02', { status: 'closed', closedAt: '2026-11-23T04:00:00.000Z', createdAt: '2026-11-22T00:00:00.000Z' });
    await source.commit({
      conversations: [
        { id: 'slack:D100', state: { step: 'idle', lang: 'ko' }, updatedAt: '2026-11-23T01:00:00.000Z' },
        { id: 'discord:G1:T1', state: { step: 'collecting' }, updatedAt: '2026-11-23T02:00:00.000Z' },
      ],
      cases: [open, closed],
      events: [
        makeEvent('MIGR01', 'opened', '2026-11-23T01:00:00.000Z'),
        makeEvent('MIGR02', 'opened', '2026-11-22T00:00:00.000Z'),
        makeEvent('MIGR02', 'closed', '2026-11-23T04:00:00.000Z', { by: 'a1' }),
      ],
    });
    // More entries than one batch of the copy.
    const turns = Array.from({ length: 1201 }, (_, i) => makeTurn(`slack:m${i}`, new Date(Date.UTC(2026, 10, 23, 1, 0, i)).toISOString()));
    await source.commit({ turns: [...turns.slice(0, 600), { ...turns[0], action: 'other' }] });
    await source.commit({ turns: turns.slice(600) });
    await source.close();

    const args = ['--from', 'lowdb', '--to', 'postgres', '--data', dir, '--schema', schema];
    const first = await run(args, { DATABASE_URL });
    expect(first.code).toBe(0);
    expect(first.output).toContain('source: lowdb');
    expect(first.output).toContain('source: lowdb ' + dir + ': 2 conversations, 2 cases, 3 events, 1201 turn log entries');
    expect(first.output).toMatch(/target: postgres .*: empty/);
    expect(first.output).toMatch(/verified: target now has 2 conversations, 2 cases, 3 events, 1201 turn log entries/);

    const second = await run(args, { DATABASE_URL });
    expect(second.code).toBe(0);
    expect(second.output).toMatch(/already has 2 conversations, 2 cases, 3 events, 1201 turn log entries/);
    expect(second.output).toMatch(/verified: target now has 2 conversations, 2 cases, 3 events, 1201 turn log entries/);

    const target = await openPostgresStore({ connectionString: DATABASE_URL!, schema, pool: 2 });
    try {
      expect(await target.cases.get('MIGR01')).toEqual(open);
      expect(await target.cases.get('MIGR02')).toEqual(closed);
      expect(await target.cases.idByCardRef('C900:1.1')).toBe('MIGR01');
      expect((await target.cases.events('MIGR02')).map((e) => e.type)).toEqual(['opened', 'closed']);
      expect((await target.conversations.get('slack:D100'))?.state).toEqual({ step: 'idle', lang: 'ko' });
      expect((await target.cases.active()).map((c) => c.id)).toEqual(['MIGR01']);
      const copied = [];
      for await (const t of target.turns.between(new Date(0), new Date('2027-01-01T00:00:00Z'))) copied.push(t);
      // The first commit of an id is the one kept.
      expect(copied).toEqual(turns);
    } finally {
      await target.close();
    }
  });
});
