/**
 * Benchmark of several deskbot processes on one PostgreSQL: each process (scale-bench-worker) drives its own
 * conversations concurrently through the whole core; we report turns per second over all processes and the
 * p99 latency of a turn, on an empty database and on one holding 50,000 closed cases.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedSeedCase } from './seed-cases.js';
import { dropPostgresSchema, openPostgresStore } from '../store/postgres-store.js';
import { percentile } from './stats.js';

/** The 7-turn conversation of src/bench/turn-bench.ts: an FAQ, collecting details, an open case, a status question. */
export const SCALE_SCRIPT: ReadonlyArray<{ text?: string; choice?: string }> = [
  { text: '어제 저녁 7시부터 갤럭시 안드로이드 14에서 앱 푸시 알림이 안 와요' },
  { choice: 'not_solved' },
  { text: '5.12.1' },
  { choice: 'confirm' },
  { text: '추가로 스크린샷 보내드릴게요' },
  { text: '내 문의 어떻게 됐어요?' },
  { text: '감사합니다' },
];

/** What a worker process is told (as its one argument, JSON). */
export interface ScaleWorkerOptions {
  connectionString: string;
  schema: string;
  /** Prefix of its conversation ids, unique per worker and run. */
  label: string;
  /** Conversations it runs at the same time. */
  conversations: number;
  /** Conversations each of those runs one after another. */
  rounds: number;
  /** The pinned clock. */
  now: string;
}

/** What a worker reports when done: the latency of each measured turn and the CPU time it used, in ms. */
export interface ScaleWorkerResult {
  latencies: number[];
  cpuMs: number;
}

/** One measured configuration. */
export interface ScaleBenchRow {
  processes: number;
  closedCases: number;
  turns: number;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time the bot processes used per turn (PostgreSQL's own CPU not included). */
  botCpuMsPerTurn: number;
}

const NOW = '2026-11-23T10:00:00+09:00';
const SEED_BATCH = 5000;
// Next to this module, with its extension: .js when built, .ts when run through a TypeScript loader.
const WORKER = fileURLToPath(new URL(`./scale-bench-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/** Prints the scale benchmark as a Markdown table (or why it was skipped). */
export async function benchScale(out: (line: string) => void, options: { conversations?: number; rounds?: number } = {}): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    out('(skipped: set DATABASE_URL, e.g. postgres://root@127.0.0.1:5432/test, to measure several processes on PostgreSQL)');
    return;
  }
  const conversations = options.conversations ?? 8;
  const rounds = options.rounds ?? 6;
  out(`Each process runs ${conversations} conversations at a time, ${rounds} after another each, of the 7-turn script.`);
  out('| processes | closed cases | turns | turns/s | p50 ms | p99 ms | bot CPU ms/turn |\n|---:|---:|---:|---:|---:|---:|---:|');
  for (const closedCases of [0, 50_000]) {
    const schema = `deskbot_bench_${randomBytes(5).toString('hex')}`;
    try {
      await seed(url, schema, closedCases);
      for (const processes of [1, 2, 4]) {
        const r = await runScale({ url, schema, processes, closedCases, conversations, rounds });
        out(`| ${r.processes} | ${r.closedCases} | ${r.turns} | ${r.turnsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.botCpuMsPerTurn} |`);
      }
    } finally {
      await dropPostgresSchema(url, schema);
    }
  }
}

/** Starts `processes` workers on one schema, lets them go at once, and measures until the last is done. */
async function runScale(o: { url: string; schema: string; processes: number; closedCases: number; conversations: number; rounds: number }): Promise<ScaleBenchRow> {
  const run = randomBytes(3).toString('hex');
  const workers = Array.from({ length: o.processes }, (_, i) => {
    const options: ScaleWorkerOptions = { connectionString: o.url, schema: o.schema, label: `w${run}${i}`, conversations: o.conversations, rounds: o.rounds, now: NOW };
    return fork(WORKER, [JSON.stringify(options)], { env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' } });
  });
  try {
    const ready = workers.map((w) => nextMessage(w));
    await Promise.all(ready);
    const results = workers.map((w) => nextMessage(w) as Promise<ScaleWorkerResult>);
    const started = performance.now();
    for (const w of workers) w.send('go');
    const reports = await Promise.all(results);
    const latencies = reports.flatMap((r) => r.latencies);
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode === null ? w.once('exit', resolve) : resolve(undefined)))));
    return {
      processes: o.processes,
      closedCases: o.closedCases,
      turns: latencies.length,
      turnsPerSecond: Math.round(latencies.length / seconds),
      p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
      p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
      botCpuMsPerTurn: Math.round((reports.reduce((sum, r) => sum + r.cpuMs, 0) / latencies.length) * 100) / 100,
    };
  } finally {
    for (const w of workers) if (w.exitCode === null) w.kill();
  }
}

/** The next IPC message of a worker; fails if it exits first. */
function nextMessage(worker: ReturnType<typeof fork>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`scale benchmark worker exited with ${code}`));
    worker.once('exit', onExit);
    worker.once('message', (m) => {
      worker.off('exit', onExit);
      resolve(m);
    });
  });
}

/** Creates the schema and fills it with closed cases (as a year of past inquiries would). */
async function seed(url: string, schema: string, count: number): Promise<void> {
  const store = await openPostgresStore({ connectionString: url, schema, pool: 1 });
  try {
    const at = '2026-10-01T00:00:00.000Z';
    for (let start = 0; start < count; start += SEED_BATCH) {
      const cases = Array.from({ length: Math.min(SEED_BATCH, count - start) }, (_, k) => closedSeedCase(start + k, at));
      await store.commit({ cases, events: cases.map((c) => ({ caseId: c.id, at, actor: { kind: 'system', id: 'seed' }, type: 'closed' })) });
    }
  } finally {
    await store.close();
  }
}

