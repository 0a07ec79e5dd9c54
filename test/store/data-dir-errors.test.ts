/**
 * A data folder deskbot cannot use stops `deskbot chat` with one line on stderr naming the path and what to do,
 * and a non-zero exit: no stack. Drives the built CLI (`npm ci` builds it; built here if missing).
 * Read-only and full disks are made with tmpfs mounts inside a private mount namespace (`unshare --mount`),
 * which needs root; without it those cases are skipped and say why.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/deskbot.js');

interface Run {
  status: number | null;
  stderr: string;
}

/** Runs `deskbot chat --jsonl --data dataDir` with stdin closed; `setup` (shell) runs first in a private mount namespace. */
function chat(dataDir: string, options: { setup?: string; prefix?: string[] } = {}): Run {
  const node = [...(options.prefix ?? []), process.execPath, BIN, 'chat', '--jsonl', '--data', dataDir];
  const env = { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info' };
  const result = options.setup
    ? spawnSync('unshare', ['--mount', 'sh', '-c', `${options.setup} && exec "$@"`, 'sh', ...node], { input: '', encoding: 'utf8', env })
    : spawnSync(node[0], node.slice(1), { input: '', encoding: 'utf8', env });
  return { status: result.status, stderr: result.stderr };
}

/** Asserts what the operator sees: exit 1 and exactly one line, naming the path, with no stack. */
function expectOneLine(run: Run, path: string, advice: RegExp): string {
  expect(run.status).toBe(1);
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(path);
  expect(lines[0]).toMatch(advice);
  expect(lines[0]).not.toMatch(/\bat .*\.js:\d+/);
  return lines[0];
}

/** Why tmpfs cannot be mounted in a private mount namespace here, or undefined when it can. */
function mountProblem(): string | undefined {
  const probe = spawnSync('unshare', ['--mount', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt'], { encoding: 'utf8' });
  if (probe.error) return `unshare is not installed (${probe.error.message})`;
  if (probe.status !== 0) return `mounting tmpfs needs root (CAP_SYS_ADMIN): ${probe.stderr.trim()}`;
  return undefined;
}

/** How to run deskbot as a user the data folder's permissions apply to (root ignores them), or why it cannot. */
function otherUser(): { prefix: string[] } | { problem: string } {
  if (process.getuid?.() !== 0) return { prefix: [] };
  const probe = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', ''], { encoding: 'utf8' });
  if (probe.status !== 0) return { problem: `running as root, and cannot switch to uid 65534 with setpriv: ${probe.stderr.trim() || probe.error?.message}` };
  return { prefix: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] };
}

describe('a data folder deskbot cannot use', () => {
  let base: string;
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist/cli.js'))) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit', cwd: ROOT });
  }, 120_000);
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'deskbot-datadir-'));
    // Readable by the unprivileged user of the permission case.
    chmodSync(base, 0o755);
  });
  afterEach(() => {
    rmSync(base, { recursive: true, force: true });
  });

  it('deskbot.json being a folder (EISDIR): names it, and leaves it alone', () => {
    const dir = join(base, 'data');
    mkdirSync(join(dir, 'deskbot.json'), { recursive: true });
    const line = expectOneLine(chat(dir), join(dir, 'deskbot.json'), /is a folder, where deskbot keeps a file\. Move that folder out of the way/);
    expect(line).toContain('(EISDIR)');
    expect(existsSync(join(dir, 'deskbot.json'))).toBe(true);
  });

  it('the data folder path being a file (EEXIST, ENOTDIR below it)', () => {
    const file = join(base, 'data');
    writeFileSync(file, 'not a folder');
    expectOneLine(chat(file), file, /is a file, where deskbot needs a folder/);
    expectOneLine(chat(join(file, 'sub')), join(file, 'sub'), /is a file, where deskbot needs a folder/);
  });

  const user = otherUser();
  it.skipIf('problem' in user)(`a data folder deskbot may not write to (EACCES)${'problem' in user ? ` (skipped: ${user.problem})` : ''}`, () => {
    const dir = join(base, 'data');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    const line = expectOneLine(chat(dir, { prefix: 'prefix' in user ? user.prefix : [] }), dir, /permission denied on .*\. Give the user running deskbot \(uid \d+\) read and write access/);
    expect(line).toContain('(EACCES)');
  });

  const mounts = mountProblem();
  const skipped = mounts ? ` (skipped: ${mounts})` : '';
  it.skipIf(mounts !== undefined)(`a data folder on a read-only file system (EROFS), empty or holding data${skipped}`, () => {
    const empty = join(base, 'ro');
    mkdirSync(empty);
    expectOneLine(chat(empty, { setup: `mount -t tmpfs -o ro tmpfs ${empty}` }), empty, /\(EROFS\): .* is on a read-only file system\. Mount it read-write/);
    // A folder still to be created there.
    expectOneLine(chat(join(empty, 'data'), { setup: `mount -t tmpfs -o ro tmpfs ${empty}` }), join(empty, 'data'), /\(EROFS\)/);
    // A folder holding a store, remounted read-only.
    const used = join(base, 'used');
    expect(chat(used).status).toBe(0);
    expectOneLine(chat(used, { setup: `mount --bind ${used} ${used} && mount -o remount,ro,bind ${used}` }), used, /\(EROFS\): .* is on a read-only file system/);
  });

  it.skipIf(mounts !== undefined)(`a full disk (ENOSPC)${skipped}`, () => {
    const dir = join(base, 'full');
    mkdirSync(dir);
    const fill = `mount -t tmpfs -o size=64k tmpfs ${dir} && { dd if=/dev/zero of=${dir}/filler bs=4k 2>/dev/null; true; }`;
    const line = expectOneLine(chat(dir, { setup: fill }), dir, /\(ENOSPC\): the disk is full \(writing .*deskbot\.json\.tmp\)\. Free some space on it/);
    expect(line).toMatch(/^cannot use the data directory /);
  });
});
