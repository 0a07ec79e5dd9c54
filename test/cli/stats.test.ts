/**
 * `deskbot stats --json` over a known history, built through the console JSON Lines protocol (`deskbot chat --jsonl`
 * with a pinned clock and `advance`), every field checked against values worked out by hand; on lowdb and on
 * PostgreSQL (a schema of its own, through the connection's search_path).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, dropSchema, freshSchema, createSchemaUrl } from '../store/pg-helpers.js';
import { runCli } from './run-cli.js';

const lines = (objects: object[]) => objects.map((o) => JSON.stringify(o));

/** Runs `deskbot chat --jsonl` at a pinned time and returns the bot's output objects. */
async function chat(env: NodeJS.ProcessEnv, now: string, input: object[]): Promise<Array<Record<string, unknown>>> {
  const r = await runCli(['chat', '--jsonl', '--now', now], env, lines(input));
  expect(r.code).toBe(0);
  return r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * The history, in Asia/Seoul. Monday 2 November: u1's answer is marked solved; u2's is not solved and becomes case
 * C1 (an agent replies an hour later, resolves it an hour after that, u2 rates it 5); u3 is out of scope, then gets
 * an answer and moves on without saying whether it helped. Tuesday 3 November: u4 asks for a human and opens case
 * C2, which nobody answers; u5 is out of scope.
 */
async function buildHistory(env: NodeJS.ProcessEnv): Promise<void> {
  const monday = await chat(env, '2026-11-02T10:00:00+09:00', [
    { user: 'u1', text: '앱 푸시 알림이 안 와요' },
    { user: 'u1', choose: 'solved' },
    { user: 'u2', text: '아이디를 잊어버렸어요' },
    { user: 'u2', choose: 'not_solved' },
    { user: 'u2', choose: 'skip' },
    { user: 'u2', choose: 'confirm' },
    { user: 'u3', text: '오늘 날씨 어때요' },
    { user: 'u3', text: '비밀번호를 바꾸고 싶어요' },
    { user: 'u3', text: '안녕하세요' },
  ]);
  const c1 = monday.find((o) => o.to === 'agents')?.caseId as string;
  expect(c1).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  await chat(env, '2026-11-02T11:00:00+09:00', [
    { agent: 'a1', case: c1, text: '확인 중입니다' },
    { advance: 'PT1H' },
    { agent: 'a1', case: c1, do: 'resolve' },
    { user: 'u2', choose: 'solved' },
    { user: 'u2', choose: 'rate:5' },
    { user: 'u2', choose: 'skip' },
  ]);
  const tuesday = await chat(env, '2026-11-03T09:00:00+09:00', [
    { user: 'u4', text: '상담원 연결해 주세요' },
    { user: 'u4', text: '로그인이 계속 실패해요' },
    { user: 'u4', choose: 'skip' },
    { user: 'u4', choose: 'skip' },
    { user: 'u4', choose: 'skip' },
    { user: 'u4', choose: 'confirm' },
    { user: 'u5', text: '오늘 날씨 어때요' },
  ]);
  expect(tuesday.filter((o) => o.to === 'agents' && String(o.text).startsWith('New case'))).toHaveLength(1);
}

const WINDOW = ['--since', '2026-11-02', '--until', '2026-11-03'];

/** What the history adds up to, worked out by hand from the story above. */
const EXPECTED = {
  since: '2026-11-01T15:00:00.000Z',
  until: '2026-11-03T15:00:00.000Z',
  timeZone: 'Asia/Seoul',
  conversations: 5,
  questions: { answered: 3, solved: 1, notSolved: 1, noReply: 1, unanswered: 2 },
  // Of 3 answers, u2's led to a case.
  selfServiceRate: 0.6667,
  // 2 out of scope over 3 answered + 2.
  unansweredRate: 0.4,
  // C1 resolved and closed; C2 still open, and past due as of now.
  cases: { opened: 2, resolved: 1, closed: 1, reopened: 0, open: 1, overdue: 1 },
  firstResponseMinutes: { p50: 60, p90: 60 },
  resolutionMinutes: { p50: 120, p90: 120 },
  // C1 answered in time; C2 past due without a reply.
  slaMetRate: 0.5,
  csat: { count: 1, mean: 5, distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 1 } },
};

const zero = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };

async function checkStats(env: NodeJS.ProcessEnv): Promise<void> {
  const r = await runCli(['stats', '--json', ...WINDOW], env);
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual(EXPECTED);
  const byDay = JSON.parse((await runCli(['stats', '--json', '--by', 'day', ...WINDOW], env)).stdout) as { byDay: Record<string, unknown> };
  expect(byDay.byDay).toEqual({
    '2026-11-02': {
      conversations: 3,
      questions: { answered: 3, solved: 1, notSolved: 1, noReply: 1, unanswered: 1 },
      selfServiceRate: 0.6667,
      unansweredRate: 0.25,
      cases: { opened: 1, resolved: 1, closed: 1, reopened: 0, open: 0, overdue: 0 },
      firstResponseMinutes: { p50: 60, p90: 60 },
      resolutionMinutes: { p50: 120, p90: 120 },
      slaMetRate: 1,
      csat: EXPECTED.csat,
    },
    '2026-11-03': {
      conversations: 2,
      questions: { answered: 0, solved: 0, notSolved: 0, noReply: 0, unanswered: 1 },
      selfServiceRate: null,
      unansweredRate: 1,
      cases: { opened: 1, resolved: 0, closed: 0, reopened: 0, open: 1, overdue: 1 },
      firstResponseMinutes: { p50: null, p90: null },
      resolutionMinutes: { p50: null, p90: null },
      slaMetRate: 0,
      csat: { count: 0, mean: null, distribution: zero },
    },
  });
  const byIntent = JSON.parse((await runCli(['stats', '--json', '--by', 'intent', ...WINDOW], env)).stdout) as { byIntent: Record<string, { questions: unknown; cases: { opened: number } }> };
  expect(byIntent.byIntent['account.find_id'].questions).toEqual({ answered: 1, solved: 0, notSolved: 1, noReply: 0, unanswered: 0 });
  expect(byIntent.byIntent['app.push'].questions).toEqual({ answered: 1, solved: 1, notSolved: 0, noReply: 0, unanswered: 0 });
  expect(byIntent.byIntent.oos.questions).toMatchObject({ unanswered: 2 });
  // The table for people: the same figures, a row per day and the trends.
  const table = await runCli(['stats', '--by', 'day', ...WINDOW], env);
  expect(table.stdout).toMatch(/answered\s+3\s+self-service 66\.7%/);
  expect(table.stdout).toMatch(/2026-11-03\s+2\s+0\s+-\s+1\s+1/);
  expect(table.stdout).toContain('Trends, one character a day');
}

describe('deskbot stats over a known history', () => {
  it('on lowdb', async () => {
    const env = { DESKBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'deskbot-stats-')), INTENTS_DIR: 'intents', LOG_LEVEL: 'silent' };
    await buildHistory(env);
    await checkStats(env);
  });

  const pg = DATABASE_URL ? it : it.skip;
  const schema = freshSchema();
  afterAll(async () => {
    if (DATABASE_URL) await dropSchema(schema);
  });
  pg('on PostgreSQL', async () => {
    const url = new URL(await createSchemaUrl(schema));
    const env = { DATABASE_URL: url.toString(), INTENTS_DIR: 'intents', LOG_LEVEL: 'silent' };
    await buildHistory(env);
    await checkStats(env);
  });

  it('says what is wrong with its options', async () => {
    const env = { DESKBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'deskbot-stats-')), LOG_LEVEL: 'silent' };
    expect(await runCli(['stats', '--by', 'week'], env)).toMatchObject({ code: 2, errLines: ['deskbot stats: --by takes one of intent, route, channel, lang, day, not "week"'] });
    expect((await runCli(['stats', '--since', 'yesterday'], env)).errLines[0]).toMatch(/--since: "yesterday" is not a period; write 7d/);
    expect((await runCli(['stats'], env)).errLines[0]).toMatch(/^deskbot stats: no deskbot data at .*deskbot\.json/);
  });
});
