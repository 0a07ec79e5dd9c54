/** Benchmark of whole turns through the core on the lowdb store: turns per second and p99 latency. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleAdapter } from '../channels/console/console-adapter.js';
import { loadConfig } from '../config.js';
import { createClock } from '../core/clock.js';
import type { SupportCase } from '../cases/types.js';
import { closedSeedCase } from './seed-cases.js';
import type { Store, TurnCommit } from '../store/port.js';
import { startDeskbot } from '../main.js';
import { openStore } from '../store/open-store.js';
import { percentile } from './stats.js';

/** One measured configuration. */
export interface TurnBenchRow {
  label: string;
  closedCases: number;
  turns: number;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** A conversation that goes from an FAQ through collecting to an open case (7 turns). */
const SCRIPT: Array<{ text?: string; choice?: string }> = [
  { text: '어제 저녁 7시부터 갤럭시 안드로이드 14에서 앱 푸시 알림이 안 와요' },
  { choice: 'not_solved' },
  { text: '5.12.1' },
  { choice: 'confirm' },
  { text: '추가로 스크린샷 보내드릴게요' },
  { text: '내 문의 어떻게 됐어요?' },
  { text: '감사합니다' },
];

/**
 * What appending to the turn log adds to a turn on lowdb: whole turns with and without their entries, alternated
 * three times in one run after an uncounted warm-up (the machine's load shifts), as the ratio of the summed
 * per-turn medians; lexical matcher only.
 */
export async function benchTurnLogOverhead(out: (line: string) => void): Promise<void> {
  const rows: Array<{ with: TurnBenchRow; without: TurnBenchRow }> = [];
  // A first run warms up the JIT and the file system; it is not counted.
  await benchTurns({ conversations: 50, closedCases: 0, label: 'warm-up', lexicalOnly: true });
  for (let run = 0; run < 3; run++) {
    // Without the sentence encoder: its 40 s warm-up at each start would overlap some runs more than others.
    const without = await benchTurns({ conversations: 150, closedCases: 0, label: `nolog-${run}`, withoutTurnLog: true, lexicalOnly: true });
    const withLog = await benchTurns({ conversations: 150, closedCases: 0, label: `log-${run}`, lexicalOnly: true });
    rows.push({ with: withLog, without });
  }
  out('| run | without turn log: p50 ms, turns/s | with it: p50 ms, turns/s |\n|---:|---|---|');
  rows.forEach((r, i) => out(`| ${i + 1} | ${r.without.p50Ms}, ${r.without.turnsPerSecond} | ${r.with.p50Ms}, ${r.with.turnsPerSecond} |`));
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + pick(r), 0);
  out(`\nTurn-log append overhead: ${(((sum((r) => r.with.p50Ms) / sum((r) => r.without.p50Ms)) - 1) * 100).toFixed(1)}% of a turn's median time (target ≤ 10%).`);
}

/** Runs `conversations` scripted conversations with a pre-seeded number of closed cases. */
export async function benchTurns(options: {
  conversations: number;
  closedCases: number;
  label: string;
  databaseUrl?: string;
  /** Commit turns without their turn-log entries, to measure what the turn log costs. */
  withoutTurnLog?: boolean;
  /** Matches with the lexical matcher alone (NLU_ENCODER=none). */
  lexicalOnly?: boolean;
}): Promise<TurnBenchRow> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-bench-'));
  try {
    if (options.closedCases > 0) await seedClosedCases(dataDir, options.closedCases, options.databaseUrl);
    const clock = createClock(new Date('2026-11-23T10:00:00+09:00'));
    const adapter = createConsoleAdapter(() => undefined);
    const config = { ...loadConfig(options.lexicalOnly ? { NLU_ENCODER: 'none' } : {}), databaseUrl: options.databaseUrl };
    const store = await openStore({ dataDir, databaseUrl: options.databaseUrl });
    const used: Store = options.withoutTurnLog ? Object.create(store, { commit: { value: (c: TurnCommit) => store.commit({ ...c, turns: undefined }) } }) : store;
    const deskbot = await startDeskbot({ adapters: [adapter], config, dataDir, store: used, now: () => clock.now(), watch: false, tickEveryMs: 0 });
    const handlers = adapter.handlers();
    const latencies: number[] = [];
    let n = 0;
    const started = performance.now();
    for (let c = 0; c < options.conversations; c++) {
      const user = `bench-${options.label}-${c}`;
      for (const line of SCRIPT) {
        const t0 = performance.now();
        await handlers.onMessage({ id: `b${n++}`, channel: 'console', conversationId: user, user: { id: user, isBot: false }, text: line.text ?? '', choice: line.choice });
        latencies.push(performance.now() - t0);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    await deskbot.stop();
    await store.close();
    return {
      label: options.label,
      closedCases: options.closedCases,
      turns: latencies.length,
      turnsPerSecond: Math.round(latencies.length / seconds),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function seedClosedCases(dataDir: string, count: number, databaseUrl?: string): Promise<void> {
  const store = await openStore({ dataDir, databaseUrl });
  const at = '2026-10-01T00:00:00.000Z';
  const batch = 5000;
  for (let start = 0; start < count; start += batch) {
    const cases: SupportCase[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      cases.push(closedSeedCase(i, at));
    }
    await store.commit({ cases, events: cases.map((c) => ({ caseId: c.id, at, actor: { kind: 'system', id: 'seed' }, type: 'closed' })) });
  }
  await store.close();
}
