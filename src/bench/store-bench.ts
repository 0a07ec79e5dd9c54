/** Benchmark of store commits (one turn's writes) on an empty store and on one holding 50,000 closed cases. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newCase } from '../cases/new-case.js';
import type { SupportCase } from '../cases/types.js';
import type { z } from 'zod';
import type { Store } from '../store/port.js';
import { caseSchema, eventSchema, recordProblem, turnSchema } from '../store/records.js';
import { percentile } from './stats.js';

/** One measured configuration. */
export interface StoreBenchRow {
  store: 'lowdb' | 'postgres';
  closedCases: number;
  openMs: number;
  commits: number;
  p50Ms: number;
  p99Ms: number;
  /** cases.byRequester for a user with closed cases, p99. */
  lookupP99Ms: number;
}

const SEED_BATCH = 5000;
const ACTIVE_CONVERSATIONS = 100;
const COMMITS = 400;

function benchCase(id: string, userId: string, at: string, status: SupportCase['status'], createdAt = at): SupportCase {
  return newCase({
    id,
    requester: { channel: 'console', conversationId: userId, userId },
    lang: 'ko',
    intent: 'app.push',
    route: 'default',
    createdAt,
    dueAt: at,
    updatedAt: at,
    status,
    details: { os: 'Android 14', app_version: '5.12.1', device: 'Galaxy S23' },
    summary: '어제 저녁부터 앱 푸시 알림이 안 와요',
    answersTried: ['app.push'],
    transcript: [
      { at, from: 'user', by: userId, text: '어제 저녁 7시부터 갤럭시 안드로이드 14에서 앱 푸시 알림이 안 와요' },
      { at, from: 'bot', by: 'bot', text: '알림 설정을 확인해 보시겠어요? 설정 > 알림 > deskbot 에서 켜져 있는지 봐 주세요.' },
      { at, from: 'agent', by: 'a1', text: '확인해 보니 서버 쪽 문제였습니다. 지금은 해결되었어요.' },
    ],
    assignee: status === 'open' ? null : 'a1',
    resolvedAt: status === 'closed' ? at : null,
    closedAt: status === 'closed' ? at : null,
    rating: status === 'closed' ? 5 : null,
    cardRefs: { console: `card-${id}` },
  });
}

async function seedClosed(store: Store, count: number): Promise<void> {
  const at = '2026-10-01T00:00:00.000Z';
  for (let start = 0; start < count; start += SEED_BATCH) {
    const cases: SupportCase[] = [];
    for (let i = start; i < Math.min(count, start + SEED_BATCH); i++) {
      cases.push(benchCase(`OLD${i.toString(36).toUpperCase().padStart(6, '0')}`, `old-${i % 5000}`, at, 'closed'));
    }
    await store.commit({ cases, events: cases.flatMap((c) => [
      { caseId: c.id, at, actor: { kind: 'user' as const, id: c.requester.userId }, type: 'opened' },
      { caseId: c.id, at, actor: { kind: 'agent' as const, id: 'a1' }, type: 'closed' },
    ]) });
  }
}

interface Subject {
  closedCases: number;
  store: Store;
  openMs: number;
  latencies: number[];
  lookups: number[];
}

/** Seeds a store with closed cases, then reopens it (timed). */
async function prepare(closedCases: number, open: () => Promise<Store>): Promise<Subject> {
  const seeding = await open();
  await seedClosed(seeding, closedCases);
  await seeding.close();
  const t0 = performance.now();
  const store = await open();
  return { closedCases, store, openMs: performance.now() - t0, latencies: [], lookups: [] };
}

/**
 * Times turn-sized commits on every subject, alternating between them commit by commit, so that the noise of a
 * shared machine (other processes, disk flushes) hits each configuration alike and the figures compare fairly.
 */
async function measure(kind: StoreBenchRow['store'], subjects: Subject[]): Promise<StoreBenchRow[]> {
  for (let n = 0; n < COMMITS; n++) {
    const user = `live-${n % ACTIVE_CONVERSATIONS}`;
    const at = new Date(Date.UTC(2026, 10, 23, 1, 0, n)).toISOString();
    // Each live case keeps the creation time of its first commit, as the bot's later updates of a case do.
    const created = new Date(Date.UTC(2026, 10, 23, 1, 0, n % ACTIVE_CONVERSATIONS)).toISOString();
    const c = benchCase(`NEW${(n % ACTIVE_CONVERSATIONS).toString().padStart(4, '0')}`, user, at, n % 3 === 0 ? 'open' : 'claimed', created);
    for (const s of subjects) {
      const started = performance.now();
      await s.store.commit({
        conversations: [{ id: `console:${user}`, state: { version: 1, step: 'collecting', turn: n, slots: c.details }, updatedAt: at }],
        cases: [c],
        events: [{ caseId: c.id, at, actor: { kind: 'bot', id: 'bot' }, type: 'note', data: { turn: n } }],
      });
      s.latencies.push(performance.now() - started);
      const lookupStarted = performance.now();
      await s.store.cases.byRequester('console', `old-${n % 5000}`, 10);
      s.lookups.push(performance.now() - lookupStarted);
    }
  }
  return subjects.map((s) => ({
    store: kind,
    closedCases: s.closedCases,
    openMs: Math.round(s.openMs),
    commits: s.latencies.length,
    p50Ms: percentile(s.latencies, 50),
    p99Ms: percentile(s.latencies, 99),
    lookupP99Ms: percentile(s.lookups, 99),
  }));
}

/** Microseconds per call of fn, after a warm-up. */
function microseconds(fn: () => unknown, calls = 200_000): number {
  for (let i = 0; i < calls / 10; i++) fn();
  const started = performance.now();
  for (let i = 0; i < calls; i++) fn();
  return Math.round(((performance.now() - started) * 1000 * 100) / calls) / 100;
}

/** What checking a record's shape on read (records.ts) costs, beside parsing the same record's JSON. */
export function benchRecordChecks(out: (line: string) => void): void {
  const at = '2026-11-23T01:00:00.000Z';
  const records: Array<[string, z.ZodType, unknown]> = [
    ['case (3 transcript lines)', caseSchema, benchCase('K7P-4QX', 'u1', at, 'claimed')],
    ['case event', eventSchema, { caseId: 'K7P-4QX', at, actor: { kind: 'user', id: 'u1' }, type: 'user_message', data: { text: '알림이 안 와요' } }],
    ['turn log entry', turnSchema, { id: 'slack:m1', at, channel: 'slack', conversation: 'slack:D1', userId: 'U1', lang: 'ko', route: 'default', intent: 'app.push', confidence: 0.8, action: 'answered' }],
  ];
  out('\n| record | zod check µs | JSON.parse of it µs |\n|---|---:|---:|');
  for (const [name, schema, record] of records) {
    const json = JSON.stringify(record);
    out(`| ${name} | ${microseconds(() => recordProblem(schema, record))} | ${microseconds(() => JSON.parse(json))} |`);
  }
}

/** Measures lowdb (and PostgreSQL when DATABASE_URL is set) with 0 and 50,000 closed cases; prints a Markdown table. */
export async function benchStoreCommit(out: (line: string) => void, databaseUrl = process.env.DATABASE_URL): Promise<StoreBenchRow[]> {
  const { openLowdbStore } = await import('../store/lowdb-store.js');
  const rows: StoreBenchRow[] = [];
  out('| store | closed cases | open ms | commits | commit p50 ms | commit p99 ms | requester lookup p99 ms |\n|---|---:|---:|---:|---:|---:|---:|');
  const print = (r: StoreBenchRow) => {
    rows.push(r);
    out(`| ${r.store} | ${r.closedCases} | ${r.openMs} | ${r.commits} | ${r.p50Ms} | ${r.p99Ms} | ${r.lookupP99Ms} |`);
  };
  const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'deskbot-store-bench-')));
  const lowdb: Subject[] = [];
  try {
    lowdb.push(await prepare(0, () => openLowdbStore({ dir: dirs[0] })));
    lowdb.push(await prepare(50_000, () => openLowdbStore({ dir: dirs[1] })));
    (await measure('lowdb', lowdb)).forEach(print);
  } finally {
    for (const s of lowdb) await s.store.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  if (!databaseUrl) {
    out('(PostgreSQL not measured: set DATABASE_URL)');
    return rows;
  }
  const { dropPostgresSchema, openPostgresStore } = await import('../store/postgres-store.js');
  // Throw-away schemas, so the benchmark never touches real data.
  const schemas = [0, 1].map(() => `deskbot_bench_${randomBytes(6).toString('hex')}`);
  const postgres: Subject[] = [];
  try {
    postgres.push(await prepare(0, () => openPostgresStore({ connectionString: databaseUrl, schema: schemas[0], pool: 4 })));
    postgres.push(await prepare(50_000, () => openPostgresStore({ connectionString: databaseUrl, schema: schemas[1], pool: 4 })));
    (await measure('postgres', postgres)).forEach(print);
  } finally {
    for (const s of postgres) await s.store.close();
    for (const schema of schemas) await dropPostgresSchema(databaseUrl, schema);
  }
  return rows;
}
