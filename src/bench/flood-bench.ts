/**
 * Floods on the lowdb store: one user relaying thousands of lines into a case, and one user sending
 * megabyte messages while others chat. Measures what the flood costs the flooder and everyone else.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleAdapter } from '../channels/console/console-adapter.js';
import { loadConfig } from '../config.js';
import { createClock } from '../core/clock.js';
import type { InboundMessage } from '../channels/contract.js';
import { startDeskbot } from '../main.js';
import { percentile } from './stats.js';

/** The lines that open a case with an agent on the default knowledge base. */
const OPEN_CASE: Array<{ text?: string; choice?: string }> = [
  { text: '상담원 연결해 주세요' },
  { text: '메일함 용량이 꽉 찼다고 나오는데 지워도 그대로예요' },
  { choice: 'confirm' },
];

/** What a relay flood cost. */
export interface RelayFloodRow {
  lines: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  dataFileKb: number;
}

/** What one user's megabyte messages cost the others. */
export interface LargeMessageRow {
  idleP50Ms: number;
  floodedP50Ms: number;
  floodedP99Ms: number;
  dataFileKb: number;
}

/** Sends `lines` lines from one user into a case that is with an agent, one after another. */
export async function benchRelayFlood(lines: number): Promise<RelayFloodRow> {
  return withBot(async (say, dataFile) => {
    for (const [i, line] of OPEN_CASE.entries()) await say('flooder', `open-${i}`, line.text ?? '', line.choice);
    const rssBefore = rssMb();
    const heapBefore = heapMb();
    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < lines; i++) {
      const t0 = performance.now();
      await say('flooder', `line-${i}`, `로그 ${i}: 동기화 실패 (code 0x8007${(i % 10_000).toString().padStart(4, '0')}) at step ${i % 17}`);
      latencies.push(performance.now() - t0);
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      lines,
      seconds: Math.round(seconds * 10) / 10,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      rssBeforeMb: rssBefore,
      rssAfterMb: rssMb(),
      heapBeforeMb: heapBefore,
      heapAfterMb: heapMb(),
      dataFileKb: Math.round(statSync(dataFile).size / 1024),
    };
  });
}

/** Other users' turn time alone, then while one user sends a 1 MB message before each of their turns. */
export async function benchLargeMessages(turns: number): Promise<LargeMessageRow> {
  return withBot(async (say, dataFile) => {
    const ask = (user: string, i: number) => say(user, `${user}-${i}`, i % 2 === 0 ? '비밀번호를 잊어버렸어요' : '감사합니다');
    const idle: number[] = [];
    for (let i = 0; i < turns; i++) {
      const t0 = performance.now();
      await ask('quiet', i);
      idle.push(performance.now() - t0);
    }
    const megabyte = '가'.repeat(1024 * 1024);
    const flooded: number[] = [];
    for (let i = 0; i < turns; i++) {
      void say('flooder', `mb-${i}`, megabyte);
      const t0 = performance.now();
      await ask('other', i);
      flooded.push(performance.now() - t0);
    }
    return {
      idleP50Ms: percentile(idle, 50),
      floodedP50Ms: percentile(flooded, 50),
      floodedP99Ms: percentile(flooded, 99),
      dataFileKb: Math.round(statSync(dataFile).size / 1024),
    };
  });
}

type Say = (user: string, id: string, text: string, choice?: string) => Promise<void>;

async function withBot<T>(run: (say: Say, dataFile: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-flood-'));
  const clock = createClock(new Date('2026-11-23T10:00:00+09:00'));
  const adapter = createConsoleAdapter(() => undefined);
  const deskbot = await startDeskbot({ adapters: [adapter], config: loadConfig({}), dataDir, now: () => clock.now(), watch: false, tickEveryMs: 0 });
  const handlers = adapter.handlers();
  const say: Say = async (user, id, text, choice) => {
    // One second per message, so that rate limits see a user typing, not a script.
    clock.advance(1000);
    const message: InboundMessage = { id, channel: 'console', conversationId: user, user: { id: user, isBot: false }, text, choice };
    await handlers.onMessage(message);
  };
  try {
    return await run(say, join(dataDir, 'deskbot.json'));
  } finally {
    await deskbot.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
}

function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().rss / 2 ** 20);
}
