/**
 * An exclusive advisory lock (flock) on the data directory itself, the one place that loads the flock binding.
 *
 * The kernel drops the lock when the process ends, however it ends (kill -9, a container restart), so a
 * restart never finds a stale lock; and since no file is the lock, deleting files cannot let a second writer in.
 * A pid lock file failed both ways: a new PID namespace reuses pid 1, and a deleted file let two processes in.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { flockSync } from 'fs-ext-extra-prebuilt';
import { StoreInUseError } from './errors.js';

/** Directories (device and inode) locked by stores in this process, to say so when a second store asks. */
const lockedHere = new Set<string>();

/** Locks dir for this process, or throws StoreInUseError; the returned function releases it (calling it again does nothing). */
export async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  const fd = openSync(dir, 'r');
  const { dev, ino } = fstatSync(fd);
  const key = `${dev}:${ino}`;
  try {
    flockSync(fd, 'exnb');
  } catch (err) {
    closeSync(fd);
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') throw err;
    const holder = lockedHere.has(key) ? 'another store in this process' : await describeHolder(ino);
    throw new StoreInUseError(
      `the data directory ${dir} is in use by ${holder}. Stop it first: the lock goes away with that process, and no file needs deleting.`,
    );
  }
  lockedHere.add(key);
  let held = true;
  return async () => {
    if (!held) return;
    held = false;
    lockedHere.delete(key);
    // Closing the only descriptor releases the lock.
    closeSync(fd);
  };
}

/** "another deskbot process (pid N)" when /proc/locks shows the holder (Linux, same PID namespace). */
async function describeHolder(ino: number): Promise<string> {
  const locks = await readFile('/proc/locks', 'utf8').catch(() => '');
  // e.g. "3: FLOCK  ADVISORY  WRITE 4242 fd:01:1234567 0 EOF"; the holder is the one exclusive flock on this inode.
  for (const line of locks.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] !== 'FLOCK' || fields[3] !== 'WRITE' || fields[5]?.split(':')[2] !== String(ino)) continue;
    const pid = Number(fields[4]);
    if (Number.isSafeInteger(pid) && pid > 0) return `another deskbot process (pid ${pid})`;
  }
  return 'another deskbot process';
}
