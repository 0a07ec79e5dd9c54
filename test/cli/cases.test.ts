/**
 * `deskbot cases`, `cases show` and `cases export` over a history built through the console's JSON Lines: three
 * cases (one open, one claimed, one closed with a rating), on lowdb and on PostgreSQL.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { makeCase } from '../store/builders.js';
import { DATABASE_URL, dropSchema, freshSchema, createSchemaUrl } from '../store/pg-helpers.js';
import { runCli } from './run-cli.js';

/** Opens one case about push notifications for `user`; returns its id. */
async function openCase(env: NodeJS.ProcessEnv, now: string, user: string, text: string): Promise<string> {
  const input = [{ user, text }, { user, choose: 'not_solved' }, { user, text: '갤럭시 S23' }, { user, choose: 'skip' }, { user, choose: 'skip' }, { user, choose: 'confirm' }];
  const r = await runCli(['chat', '--jsonl', '--now', now], env, input.map((o) => JSON.stringify(o)));
  const id = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { to: string; caseId?: string }).find((o) => o.to === 'agents')?.caseId;
  if (!id) throw new Error(`no case opened for ${user}: ${r.stdout}${r.stderr}`);
  return id;
}

/** A: open, B: claimed by a1, C: resolved, solved and rated 5 (closed). */
async function history(env: NodeJS.ProcessEnv): Promise<{ a: string; b: string; c: string }> {
  // C is opened first, so that only the queue's order (waiting before done) puts it last.
  const c = await openCase(env, '2026-11-02T09:00:00+09:00', 'u-c', '앱 알림이 안 와요');
  const a = await openCase(env, '2026-11-02T10:00:00+09:00', 'u-a', '앱 푸시 알림이 안 와요, 정말 "급해요" 연락처 010-2345-6789');
  const b = await openCase(env, '2026-11-02T11:00:00+09:00', 'u-b', '푸시 알림이 하나도 안 와요');
  const lines = [
    { agent: 'a1', case: b, do: 'claim' },
    { agent: 'a2', case: c, text: '설정을 다시 확인해 주세요' },
    { agent: 'a2', case: c, do: 'resolve' },
    { user: 'u-c', choose: 'solved' },
    { user: 'u-c', choose: 'rate:5' },
    { user: 'u-c', text: '감사합니다' },
  ];
  await runCli(['chat', '--jsonl', '--now', '2026-11-02T13:00:00+09:00'], env, lines.map((o) => JSON.stringify(o)));
  return { a, b, c };
}

const ids = (stdout: string) => [...stdout.matchAll(/^([A-Z0-9]{3}-[A-Z0-9]{3})\s/gm)].map((m) => m[1]);

async function checkCommands(env: NodeJS.ProcessEnv): Promise<void> {
  const { a, b, c } = await history(env);
  const list = await runCli(['cases'], env);
  expect(list.code, list.stderr).toBe(0);
  // Overdue first, by due time, then the closed one.
  expect(ids(list.stdout)).toEqual([a, b, c]);
  expect(list.stdout).toMatch(new RegExp(`^${b}\\s+claimed OVERDUE\\s+default\\s+app\\.push\\s+\\d+d\\s+2026-11-0\\d \\d\\d:\\d\\d\\s+a1\\s+console:u-b$`, 'm'));
  expect(list.stdout).toContain('3 cases');
  expect(ids((await runCli(['cases', '--status', 'claimed'], env)).stdout)).toEqual([b]);
  expect(ids((await runCli(['cases', '--status', 'overdue'], env)).stdout)).toEqual([a, b]);
  expect(ids((await runCli(['cases', '--status', 'closed'], env)).stdout)).toEqual([c]);
  expect((await runCli(['cases', '--route', 'payment'], env)).stdout).toBe('(no cases)\n');
  const json = (await runCli(['cases', '--json', '--status', 'closed'], env)).stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; rating: number });
  expect(json).toEqual([expect.objectContaining({ id: c, rating: 5 })]);

  const shown = await runCli(['cases', 'show', a.toLowerCase()], env);
  expect(shown.stdout).toContain(`Case ${a} — open (OVERDUE)`);
  expect(shown.stdout).toMatch(/Timeline:\n {2}2026-11-02 10:0\d {2}opened/);
  expect(shown.stdout).toContain('급해요');
  // The phone number was masked before it was stored: it shows masked.
  expect(shown.stdout).not.toContain('010-2345-6789');
  expect(shown.stdout).toContain('연락처 [전화번호]');
  const closed = (await runCli(['cases', 'show', c], env)).stdout;
  expect(closed).toContain('rating 5/5');
  expect(closed).toMatch(/agent a2: 설정을 다시 확인해 주세요/);
  expect(await runCli(['cases', 'show', 'ZZZ-999'], env)).toMatchObject({ code: 1, errLines: ['deskbot cases show: no case ZZZ-999 in this store'] });

  const csv = (await runCli(['cases', 'export'], env)).stdout;
  expect(csv.startsWith('\uFEFFid,status,route,intent,lang,channel,requester,opened_at,due_at,')).toBe(true);
  // The quotes in the user's words are doubled inside a quoted field; Korean stays as it is.
  expect(csv).toContain('""급해요""');
  for (const id of [a, b, c]) expect(csv).toMatch(new RegExp(`^${id},`, 'm'));
  const jsonl = (await runCli(['cases', 'export', '--format', 'jsonl'], env)).stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string });
  expect(jsonl.map((x) => x.id).sort()).toEqual([a, b, c].sort());
  expect((await runCli(['cases', 'export', '--format', 'xlsx'], env)).errLines[0]).toBe('deskbot cases export: --format takes csv or jsonl, not "xlsx"');
}

describe('deskbot cases', () => {
  it('lists, shows and exports cases on lowdb', async () => {
    const env = { DESKBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'deskbot-cases-')), INTENTS_DIR: 'intents', LOG_LEVEL: 'silent', NLU_ENCODER: 'none' };
    await checkCommands(env);
  });

  const pg = DATABASE_URL ? it : it.skip;
  const schema = freshSchema();
  afterAll(async () => {
    if (DATABASE_URL) await dropSchema(schema);
  });
  pg('lists, shows and exports cases on PostgreSQL', async () => {
    const url = new URL(await createSchemaUrl(schema));
    await checkCommands({ DATABASE_URL: url.toString(), INTENTS_DIR: 'intents', LOG_LEVEL: 'silent', NLU_ENCODER: 'none' });
  });

  it('on lowdb, reads a data folder beside the bot that runs on it and sees what it committed; a command that writes is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskbot-cases-beside-'));
    const env = { DESKBOT_DATA_DIR: dir, INTENTS_DIR: 'intents', LOG_LEVEL: 'silent', NLU_ENCODER: 'none' };
    const first = await openCase(env, '2026-11-02T10:00:00+09:00', 'u-a', '앱 푸시 알림이 안 와요');
    // The running bot: it holds the folder and goes on committing.
    const bot = await openLowdbStore({ dir });
    try {
      expect(ids((await runCli(['cases'], env)).stdout)).toEqual([first]);
      await bot.commit({ cases: [makeCase('K7P-4QX', { requester: { channel: 'console', conversationId: 'u-b', userId: 'u-b' } })] });
      const listed = await runCli(['cases', '--json'], env);
      expect(listed.code).toBe(0);
      expect(listed.stdout.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id).sort()).toEqual([first, 'K7P-4QX'].sort());
      expect((await runCli(['cases', 'show', first], env)).stdout).toContain(first);
      expect((await runCli(['cases', 'export', '--format', 'jsonl'], env)).stdout.split('\n').filter(Boolean)).toHaveLength(2);
      const stats = await runCli(['stats', '--since', '2026-11-01', '--json'], env);
      expect(stats.code).toBe(0);
      expect((JSON.parse(stats.stdout) as { cases: { opened: number } }).cases.opened).toBe(2);
      expect((await runCli(['review', '--json'], env)).code).toBe(0);
      // Forgetting a user writes: it still needs the folder to itself.
      const forget = await runCli(['user', 'forget', '--channel', 'console', '--user', 'u-a'], env);
      expect(forget.code).toBe(1);
      expect(forget.errLines[0]).toMatch(/is in use by another (deskbot process \(pid \d+\)|store in this process)\. Stop it first/);
    } finally {
      await bot.close();
    }
  });

  it('refuses a status it does not know', async () => {
    expect((await runCli(['cases', '--status', 'pending'], { LOG_LEVEL: 'silent' })).errLines[0]).toBe('deskbot cases: --status takes one of open, claimed, overdue, resolved, closed, not "pending"');
  });
});
