/**
 * Vitest global setup: the tests' scratch folders (os.tmpdir(), in the test processes and the children they
 * start) go to one folder per run on the RAM disk /dev/shm when there is one, removed when the run ends.
 * The lowdb store fsyncs every commit; on a disk shared with other work, thousands of commits made a few files
 * wait on the disk for most of their time. A TMPDIR set by the caller is kept.
 */
import { accessSync, chmodSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const RAM_DISK = '/dev/shm';

/** Points TMPDIR at a fresh folder on the RAM disk and returns the teardown that removes it. */
export default function useRamDiskForScratch(): (() => void) | undefined {
  if (process.env.TMPDIR || !usable(RAM_DISK)) return undefined;
  const root = mkdtempSync(join(RAM_DISK, 'deskbot-tests-'));
  // Like /tmp: the tests that run deskbot as another user (permission errors) must reach their folders.
  chmodSync(root, 0o1777);
  process.env.TMPDIR = root;
  return () => {
    delete process.env.TMPDIR;
    rmSync(root, { recursive: true, force: true });
  };
}

function usable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
