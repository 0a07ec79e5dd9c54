/**
 * `npm run bench -- stats`: `deskbot stats` over a year of a busy service, 1,000,000 turn-log entries and 100,000
 * closed cases with their events, on lowdb and (with DATABASE_URL) on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseEvent, SupportCase } from '../cases/types.js';
import type { AnswerOutcome, TurnAction, TurnLogEntry } from '../insight/turn-log-entry.js';
import { statsByReading, statsOf } from '../insight/stats-source.js';
import { parseStatsWindow } from '../insight/stats-window.js';
import { mulberry32 } from '../nlu/seeded-random.js';
import { openStore } from '../store/open-store.js';
import { analyzePostgresSchema, dropPostgresSchema, openPostgresStore } from '../store/postgres-store.js';
import type { Store } from '../store/port.js';
import { closedSeedCase } from './seed-cases.js';

/** The seeded year: its start and length. */
export const YEAR_START = Date.UTC(2025, 11, 1);
export const YEAR_MS = 365 * 86_400_000;
const BATCH = 5000;
const INTENTS = ['account.password_reset', 'account.find_id', 'app.push', 'mail.storage_full', 'payment.issue', 'order.refund', 'maps.error', 'search.results'];
const ACTIONS: TurnAction[] = ['answered', 'answered', 'answered', 'out_of_scope', 'clarified', 'smalltalk', 'collecting', 'collecting', 'case_opened', 'relayed'];
const OUTCOMES: Array<AnswerOutcome | undefined> = ['solved', 'solved', 'not_solved', 'no_reply', undefined];

/** The i-th of `count` turn-log entries, spread over the year in time order. */
function entry(i: number, count: number, random: () => number): TurnLogEntry {
  const action = ACTIONS[Math.floor(random() * ACTIONS.length)];
  const intent = action === 'out_of_scope' ? 'oos' : INTENTS[Math.floor(random() * INTENTS.length)];
  const outcome = action === 'answered' ? undefined : OUTCOMES[Math.floor(random() * OUTCOMES.length)];
  const at = new Date(YEAR_START + Math.floor((i / count) * YEAR_MS)).toISOString();
  const user = `u${i % 100_000}`;
  return {
    id: `console:t${i}`,
    at,
    channel: i % 3 === 0 ? 'slack' : i % 3 === 1 ? 'discord' : 'console',
    conversation: `console:${user}`,
    userId: user,
    lang: i % 4 === 0 ? 'en' : 'ko',
    route: 'default',
    intent,
    confidence: Math.round(random() * 1000) / 1000,
    action,
    ...(outcome ? { outcome, outcomeIntent: INTENTS[i % INTENTS.length], answeredAt: at } : {}),
  };
}

/** The i-th closed case with its opened, reply, resolve, close and rating events, spread over the year. */
function caseWithEvents(i: number, count: number): { c: SupportCase; events: CaseEvent[] } {
  const opened = YEAR_START + Math.floor((i / count) * YEAR_MS);
  const at = (minutes: number) => new Date(opened + minutes * 60_000).toISOString();
  const c = { ...closedSeedCase(i, at(0)), firstReplyAt: at(90), resolvedAt: at(600), closedAt: at(700), updatedAt: at(700), dueAt: at(1440) };
  const agent = { kind: 'agent' as const, id: 'a1' };
  const events: CaseEvent[] = [
    { caseId: c.id, at: at(0), actor: { kind: 'user', id: c.requester.userId }, type: 'opened' },
    { caseId: c.id, at: at(90), actor: agent, type: 'reply', data: { first: true } },
    { caseId: c.id, at: at(600), actor: agent, type: 'resolve' },
    { caseId: c.id, at: at(700), actor: { kind: 'user', id: c.requester.userId }, type: 'rated', data: { rating: 1 + (i % 5) } },
    { caseId: c.id, at: at(700), actor: { kind: 'user', id: c.requester.userId }, type: 'closed_after_feedback' },
  ];
  return { c, events };
}

/** Seeds a year of `turns` turn-log entries and `cases` closed cases with their events (the dashboard benchmark's too). */
export async function seedYear(store: Store, turns: number, cases: number): Promise<void> {
  const random = mulberry32(7);
  for (let start = 0; start < turns; start += BATCH) {
    await store.commit({ turns: Array.from({ length: Math.min(BATCH, turns - start) }, (_, k) => entry(start + k, turns, random)) });
  }
  for (let start = 0; start < cases; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, cases - start) }, (_, k) => caseWithEvents(start + k, cases));
    await store.commit({ cases: batch.map((b) => b.c), events: batch.flatMap((b) => b.events) });
  }
}

/** A bench's store to seed and time: open it afresh, what to run once it is seeded, and how to remove it. */
export interface BenchStore {
  name: string;
  /** A folder of the bench's own (lowdb's data; beside PostgreSQL, where the dashboard keeps its files). */
  dataDir: string;
  open: () => Promise<Store>;
  drop: () => Promise<void>;
  seeded?: () => Promise<void>;
}

/** A fresh lowdb folder and, with a database URL, a fresh PostgreSQL schema, for the bench called `bench`. */
export function benchStores(bench: string, url: string | undefined): BenchStore[] {
  const dataDir = mkdtempSync(join(tmpdir(), `deskbot-${bench}-bench-`));
  const schema = `deskbot_bench_${randomBytes(5).toString('hex')}`;
  const stores: BenchStore[] = [{ name: 'lowdb', dataDir, open: () => openStore({ dataDir }), drop: async () => rmSync(dataDir, { recursive: true, force: true }) }];
  // Analyzed after seeding: freshly loaded tables have no statistics yet (a bitmap scan planned for 11,608 of
  // 1,000,000 rows, 4.9 s against 1.7 s), and a running database gets them from autovacuum.
  if (url) stores.push({ name: 'PostgreSQL', dataDir, open: () => openPostgresStore({ connectionString: url, schema }), drop: () => dropPostgresSchema(url, schema), seeded: () => analyzePostgresSchema(url, schema) });
  return stores;
}

/**
 * Seeds each store, then times `deskbot stats --since 365d` on the year's last day: counted by reading every turn
 * and case (as before the cache), the first count (which builds the cache), and the counts from the cache with and
 * without `--by day` (median of 3), each with the store opened afresh as the command does.
 */
export async function benchStats(out: (line: string) => void, options: { turns?: number; databaseUrl?: string } = {}): Promise<void> {
  const turns = options.turns ?? 1_000_000;
  const cases = Math.round(turns / 10);
  const window = parseStatsWindow({ since: '365d' }, new Date(YEAR_START + YEAR_MS + 6 * 3_600_000), 'Asia/Seoul');
  out('| store | turn-log entries | cases | seed | reading everything | first count (builds the cache) | from the cache, median of 3 | --by day | open |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const stores = benchStores('stats', options.databaseUrl);
  for (const { name, open, drop, seeded: afterSeeding } of stores) {
    const seeding = performance.now();
    const seeded = await open();
    await seedYear(seeded, turns, cases);
    await seeded.close();
    await afterSeeding?.();
    const seedSeconds = (performance.now() - seeding) / 1000;
    const timed = async (count: (store: Store) => Promise<unknown>) => {
      const opening = performance.now();
      const store = await open();
      const openMs = performance.now() - opening;
      const started = performance.now();
      await count(store);
      const ms = performance.now() - started;
      await store.close();
      return { ms, openMs };
    };
    const reading = await timed((store) => statsByReading(store, window));
    const first = await timed((store) => statsOf(store, window));
    const cached: number[] = [];
    const byDay: number[] = [];
    let openMs = 0;
    for (let run = 0; run < 3; run++) {
      const run1 = await timed((store) => statsOf(store, window));
      cached.push(run1.ms);
      openMs = run1.openMs;
      byDay.push((await timed((store) => statsOf(store, window, 'day'))).ms);
    }
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[1] / 1000;
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    out(`| ${name} | ${turns} | ${cases} | ${seedSeconds.toFixed(0)} s | ${s(reading.ms)} | ${s(first.ms)} | ${median(cached).toFixed(2)} s | ${median(byDay).toFixed(2)} s | ${(openMs / 1000).toFixed(2)} s |`);
    await drop();
  }
}
