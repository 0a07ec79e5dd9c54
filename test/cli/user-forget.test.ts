/**
 * `deskbot user forget` after a full handoff (answer not solved, details, case, agent reply, relayed messages, a
 * rating comment): no file of the lowdb data folder and no row of any PostgreSQL table holds the person's words or
 * id afterwards, someone else's stay, and `deskbot stats` counts the same as before.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, DATABASE_URL, dropSchema, freshSchema, createSchemaUrl } from '../store/pg-helpers.js';
import { runCli } from './run-cli.js';

const USER = 'kimminji77';
const WORDS = ['푸시알림이하나도안와요', '갤럭시S23울트라', '스크린샷첨부파일', '답답하네요정말'];
const OTHER = 'lee-other-user';
const OTHER_WORDS = '다른사람의알림문의';

async function history(env: NodeJS.ProcessEnv): Promise<void> {
  const run = (now: string, input: object[]) => runCli(['chat', '--jsonl', '--now', now], env, input.map((o) => JSON.stringify(o)));
  const first = await run('2026-11-02T10:00:00+09:00', [
    { user: USER, text: `${WORDS[0]} 앱 푸시 알림이 안 와요` },
    { user: USER, choose: 'not_solved' },
    { user: USER, text: WORDS[1] },
    { user: USER, choose: 'skip' },
    { user: USER, choose: 'skip' },
    { user: USER, choose: 'confirm' },
    { user: USER, text: `${WORDS[2]} 보내요`, files: [{ name: `${WORDS[2]}.png`, url: `https://files.example.com/${USER}.png` }] },
    { user: OTHER, text: `${OTHER_WORDS} 앱 알림이 안 와요` },
  ]);
  const caseId = first.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { to: string; caseId?: string }).find((o) => o.to === 'agents')?.caseId;
  expect(caseId).toBeTruthy();
  await run('2026-11-02T11:00:00+09:00', [
    { agent: 'a1', case: caseId, text: `${USER}님 확인 중입니다` },
    { agent: 'a1', case: caseId, do: 'resolve' },
    { user: USER, choose: 'solved' },
    { user: USER, choose: 'rate:2' },
    { user: USER, text: WORDS[3] },
  ]);
}

/** Every place the person's id or words are still found: `where: needle`. */
function traces(haystacks: Array<[string, string]>, needles: string[]): string[] {
  return haystacks.flatMap(([where, text]) => needles.filter((n) => text.includes(n)).map((n) => `${where}: ${n}`));
}

async function statsOf(env: NodeJS.ProcessEnv): Promise<unknown> {
  return JSON.parse((await runCli(['stats', '--json', '--since', '2026-11-02', '--until', '2026-11-02'], env)).stdout) as unknown;
}

describe('deskbot user forget', () => {
  it('leaves no trace of the person in the lowdb data folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskbot-forget-'));
    const env = { DESKBOT_DATA_DIR: dir, INTENTS_DIR: 'intents', LOG_LEVEL: 'silent' };
    await history(env);
    const files = () => readdirSync(dir).map((f): [string, string] => [f, readFileSync(join(dir, f), 'utf8')]);
    expect(traces(files(), [USER, ...WORDS]).length).toBeGreaterThan(4);
    const before = await statsOf(env);
    const r = await runCli(['user', 'forget', '--channel', 'console', '--user', USER], env);
    expect(r.stdout).toMatch(/^forgot console user kimminji77: 1 conversation deleted; 1 case \(\d+ events\) and \d+ turn-log entries kept without their text or id\n$/);
    expect(traces(files(), [USER, ...WORDS])).toEqual([]);
    expect(traces(files(), [OTHER, OTHER_WORDS]).length).toBeGreaterThan(0);
    expect(await statsOf(env)).toEqual(before);
    expect((await runCli(['user', 'forget', '--channel', 'console', '--user', USER], env)).stdout).toBe(`nothing stored for console user ${USER}\n`);
  });

  const pg = DATABASE_URL ? it : it.skip;
  const schema = freshSchema();
  afterAll(async () => {
    if (DATABASE_URL) await dropSchema(schema);
  });
  pg('leaves no trace of the person in any PostgreSQL table', async () => {
    const url = new URL(await createSchemaUrl(schema));
    const env = { DATABASE_URL: url.toString(), INTENTS_DIR: 'intents', LOG_LEVEL: 'silent' };
    await history(env);
    const rows = () =>
      admin(async (c) => {
        const { rows: tables } = await c.query<{ table_name: string }>('select table_name from information_schema.tables where table_schema = $1', [schema]);
        const all: Array<[string, string]> = [];
        for (const { table_name } of tables) {
          const { rows: content } = await c.query<{ row: string }>(`select t::text as row from "${schema}"."${table_name}" t`);
          for (const { row } of content) all.push([table_name, row]);
        }
        return all;
      });
    expect(traces(await rows(), [USER, ...WORDS]).length).toBeGreaterThan(4);
    const before = await statsOf(env);
    expect((await runCli(['user', 'forget', '--channel', 'console', '--user', USER], env)).code).toBe(0);
    expect(traces(await rows(), [USER, ...WORDS])).toEqual([]);
    expect(traces(await rows(), [OTHER, OTHER_WORDS]).length).toBeGreaterThan(0);
    expect(await statsOf(env)).toEqual(before);
  });

  it('needs a platform and a user id', async () => {
    const env = { LOG_LEVEL: 'silent' };
    expect((await runCli(['user', 'forget', '--user', 'U1'], env)).errLines[0]).toBe('deskbot user forget: --channel must be one of console, slack, discord');
    expect((await runCli(['user', 'forget', '--channel', 'irc', '--user', 'U1'], env)).code).toBe(2);
    expect((await runCli(['user', 'forget', '--channel', 'slack'], env)).errLines[0]).toBe("deskbot user forget: --user needs the person's user id on slack");
  });
});
