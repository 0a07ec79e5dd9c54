/**
 * The data directory's lock, as an operator meets it: a second deskbot on the same folder is refused while the
 * first runs, whatever happens to the files in it; after kill -9, in a container (a fresh PID namespace) too,
 * deskbot starts again at once.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreInUseError } from '../../src/store/errors.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { forkTs } from './fork-ts.js';

const HOLDER = join(import.meta.dirname, 'fixtures', 'lowdb-holder.ts');

type HolderReport = { opened: number } | { refused: string; message: string };

/** Starts a holder process on dir and waits until it says whether it opened the store. */
async function startHolder(dir: string, launcher: string[] = []): Promise<{ child: ChildProcess; report: HolderReport }> {
  const child = forkTs(HOLDER, [dir], process.env, launcher);
  const report = await new Promise<HolderReport>((resolve, reject) => {
    child.once('message', (m) => resolve(m as HolderReport));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`holder exited with ${code} before reporting`)));
  });
  return { child, report };
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Why `unshare --pid` cannot run here, or undefined when it can. */
function unshareProblem(): string | undefined {
  const probe = spawnSync('unshare', ['--pid', '--fork', '--kill-child', 'true'], { encoding: 'utf8' });
  if (probe.error) return `unshare is not installed (${probe.error.message})`;
  if (probe.status !== 0) return `unshare --pid is not permitted for this user: ${probe.stderr.trim()}`;
  return undefined;
}

describe('the data directory lock', () => {
  let dir: string;
  const running: ChildProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deskbot-lock-'));
  });
  afterEach(() => {
    for (const child of running.splice(0)) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second process while the first runs, names the first, and says no file needs deleting', async () => {
    const first = await startHolder(dir);
    running.push(first.child);
    expect(first.report).toEqual({ opened: first.child.pid });
    const second = await startHolder(dir);
    running.push(second.child);
    expect(second.report).toMatchObject({ refused: 'StoreInUseError' });
    const { message } = second.report as { message: string };
    expect(message).toContain(`the data directory ${dir} is in use by another deskbot process (pid ${first.child.pid})`);
    expect(message).not.toContain('deskbot.lock');
    expect(message).not.toMatch(/\bdelete\b/i);
    await expect(openLowdbStore({ dir })).rejects.toBeInstanceOf(StoreInUseError);
  });

  it('starts again at once after the process holding the folder is killed with SIGKILL', async () => {
    const first = await startHolder(dir);
    running.push(first.child);
    await killHard(first.child);
    const store = await openLowdbStore({ dir });
    expect((await store.conversations.get(`console:holder${first.child.pid}`))?.state).toEqual({ pid: first.child.pid });
    await store.close();
  });

  it('keeps a second process out even when every file in the folder is deleted while the first runs', async () => {
    const first = await startHolder(dir);
    running.push(first.child);
    expect(readdirSync(dir).length).toBeGreaterThan(0);
    for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
    expect(readdirSync(dir)).toEqual([]);
    const second = await startHolder(dir);
    running.push(second.child);
    expect(second.report).toMatchObject({ refused: 'StoreInUseError' });
  });

  const problem = unshareProblem();
  it.skipIf(problem !== undefined)(
    `restarts in a fresh PID namespace, as pid 1, after the container's process was killed with SIGKILL${problem ? ` (skipped: ${problem})` : ''}`,
    async () => {
      // --kill-child: killing unshare kills the namespace's pid 1 too, as a container runtime's kill -9 does.
      const container = ['unshare', '--pid', '--fork', '--kill-child'];
      const first = await startHolder(dir, container);
      running.push(first.child);
      expect(first.report).toEqual({ opened: 1 });
      await killHard(first.child);
      const second = await startHolder(dir, container);
      running.push(second.child);
      expect(second.report).toEqual({ opened: 1 });
      // And while that one runs, a process outside the namespace is refused.
      await expect(openLowdbStore({ dir })).rejects.toBeInstanceOf(StoreInUseError);
    },
  );
});
