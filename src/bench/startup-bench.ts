/** Benchmark of start-up: time from process start to the first answer, and resident memory, with the default knowledge base. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Start-up figures of one run. */
export interface StartupFigures {
  firstAnswerMs: number;
  peakRssMb: number;
}

const BIN = fileURLToPath(new URL('../../bin/deskbot.js', import.meta.url));

/** Spawns `deskbot chat --jsonl`, sends one question and measures until the answer arrives. */
export async function benchStartup(): Promise<StartupFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-startup-'));
  try {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'chat', '--jsonl', '--data', dataDir], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, DATABASE_URL: '' } });
    child.stdin.end(`${JSON.stringify({ user: 'u1', text: '비밀번호를 잊어버렸어요' })}\n`);
    const firstAnswerMs = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', () => resolve(performance.now() - started));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`deskbot exited with ${code} before answering`)));
    });
    const peakRssMb = await new Promise<number>((resolve) => {
      // The child reports nothing about itself, so read its peak RSS from /proc before it exits.
      let peak = 0;
      const poll = setInterval(() => (peak = Math.max(peak, readRssMb(child.pid))), 5);
      child.once('exit', () => {
        clearInterval(poll);
        resolve(Math.round(peak));
      });
    });
    return { firstAnswerMs: Math.round(firstAnswerMs), peakRssMb };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function readRssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
