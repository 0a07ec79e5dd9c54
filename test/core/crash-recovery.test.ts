/**
 * kill -9 in the middle of a load of conversations: after a restart every case whose receipt was sent
 * exists, and every conversation is at least where its last acknowledged message left it.
 * Drives the built CLI (`npm test` builds it first) through the console protocol.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/deskbot.js');
const NOW = '2026-11-23T10:00:00+09:00';
const PHASES = ['idle', 'answered', 'collecting', 'confirming', 'handed_off'];

interface Out {
  to?: string;
  text?: string;
  state?: string;
  caseId?: string | null;
}

function script(user: string): object[] {
  return [
    { user, text: '어제 저녁 7시부터 갤럭시 안드로이드 14에서 앱 푸시 알림이 안 와요' },
    { user, choose: 'not_solved' },
    { user, text: '5.12.1' },
    { user, choose: 'confirm' },
  ];
}

/** Runs the CLI on `lines`; kills it with SIGKILL once `killAfter` receipts were printed (or lets it finish). */
async function run(dataDir: string, lines: object[], killAfter?: number): Promise<Out[]> {
  const child = spawn(process.execPath, [BIN, 'chat', '--jsonl', '--data', dataDir, '--now', NOW], {
    stdio: ['pipe', 'pipe', 'ignore'],
    // This test is about the embedded store: a DATABASE_URL in the environment would switch to PostgreSQL.
    env: { ...process.env, DATABASE_URL: '' },
  });
  const outs: Out[] = [];
  let receipts = 0;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const o = JSON.parse(line) as Out;
    outs.push(o);
    if (o.to !== 'agents' && o.state === 'handed_off' && o.caseId && o.text?.includes('접수번호')) receipts++;
    if (killAfter !== undefined && receipts >= killAfter) child.kill('SIGKILL');
  });
  child.stdin.on('error', () => undefined);
  child.stdin.end(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  await done;
  return outs;
}

describe('crash recovery', () => {
  beforeAll(() => {
    if (!existsSync(join(import.meta.dirname, '../../dist/cli.js'))) {
      spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit', cwd: join(import.meta.dirname, '../..') });
    }
  }, 120_000);

  it('finds every acknowledged case and resumes every conversation after kill -9', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-crash-'));
    const users = Array.from({ length: 30 }, (_, i) => `crash-${i}`);
    // Interleave conversations so that the kill lands with many of them half way.
    const lines: object[] = [];
    for (let turn = 0; turn < 4; turn++) for (const u of users) lines.push(script(u)[turn]);
    const before = await run(dataDir, lines, 12);

    const receipts = new Map<string, string>();
    const lastPhase = new Map<string, number>();
    for (const o of before) {
      if (!o.to || o.to === 'agents' || !o.state) continue;
      lastPhase.set(o.to, PHASES.indexOf(o.state));
      if (o.state === 'handed_off' && o.caseId) receipts.set(o.to, o.caseId);
    }
    expect(receipts.size).toBeGreaterThanOrEqual(12);
    expect(receipts.size).toBeLessThan(users.length);

    const probes = users.filter((u) => lastPhase.has(u)).map((u) => ({ user: u, choose: 'cmd:status' }));
    const after = await run(dataDir, probes);
    for (const [user, phase] of lastPhase) {
      const reply = after.find((o) => o.to === user);
      expect(reply, `no reply to ${user} after restart`).toBeDefined();
      expect(PHASES.indexOf(reply?.state as string), `${user} went back`).toBeGreaterThanOrEqual(phase);
      const caseId = receipts.get(user);
      if (caseId) expect(reply?.text, `${user}'s case ${caseId} was lost`).toContain(caseId);
    }
  }, 120_000);
});
