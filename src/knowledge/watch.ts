/** Loading the knowledge base at start (errors stop the start) and hot reload (errors keep the last good one serving). */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildKnowledgeBase, type KnowledgeBase, type KnowledgeBaseOptions } from './knowledge-base.js';
import { loadIntentsDir } from './load.js';
import { formatProblem, type KbProblem } from './problem.js';

/** Raised when the knowledge base has errors; the message lists every problem, one per line. */
export class KnowledgeBaseError extends Error {
  override readonly name = 'KnowledgeBaseError';

  constructor(
    readonly dir: string,
    /** Every problem found, errors and warnings, ordered by file and line. */
    readonly problems: readonly KbProblem[],
  ) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    super(`The knowledge base in ${dir} has ${errors} error${errors === 1 ? '' : 's'}:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  }
}

/** Loads, validates and trains the knowledge base in `dir`; throws KnowledgeBaseError when any file has an error. */
export async function loadKnowledgeBase(dir: string, options: KnowledgeBaseOptions = {}): Promise<KnowledgeBase> {
  const loaded = await loadIntentsDir(dir);
  if (loaded.problems.some((p) => p.severity === 'error')) throw new KnowledgeBaseError(dir, loaded.problems);
  return buildKnowledgeBase(loaded, options);
}

/** How the watcher reloads. */
export interface WatchOptions extends KnowledgeBaseOptions {
  /** The knowledge base already serving (from loadKnowledgeBase); current() returns it until the first reload. */
  initial?: KnowledgeBase;
  /** Quiet time after the last change before reloading, so an editor's burst of writes causes one reload. */
  debounceMs?: number;
  /** Told when the folder disappears ('gone') and when a folder is there again ('back'); must not throw. */
  onFolder?: (event: 'gone' | 'back') => void;
}

/** A running hot reload. */
export interface KnowledgeBaseWatcher {
  /** Stops watching; a reload in progress is discarded. */
  close(): void;
  /** The last good knowledge base: `initial`, or the last reload without errors (undefined before either). */
  current(): KnowledgeBase | undefined;
}

/** Debounce of change events; editors write a file in several steps within a few milliseconds. */
export const DEFAULT_DEBOUNCE_MS = 200;

/**
 * Watches `dir` and reloads, validates and retrains after each change. A clean reload calls `onChange` with
 * the new knowledge base; a reload with errors calls `onProblems` with every problem and keeps the last good
 * knowledge base as current(), so a half-edited file never takes the bot down. The callbacks must not throw.
 *
 * The folder itself may be replaced: removed and copied back, a symlink to it swapped, or a Kubernetes ConfigMap
 * updated (files are links through `..data`, a symlink to a timestamped folder that is swapped by renaming a new
 * link over it). A watch on a folder follows its inode, so a replaced folder would go silent: the parent folder is
 * watched too, and whenever the path names another folder (device and inode) the watch moves to it and reloads.
 */
export function watchKnowledgeBase(
  dir: string,
  options: WatchOptions,
  onChange: (kb: KnowledgeBase) => void,
  onProblems: (problems: KbProblem[]) => void,
): KnowledgeBaseWatcher {
  const { initial, debounceMs = DEFAULT_DEBOUNCE_MS, onFolder, ...kbOptions } = options;
  let current = initial;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let closed = false;

  async function reload(): Promise<void> {
    if (running) {
      // A change arrived while loading: the files read may already be stale, so load once more afterwards.
      again = true;
      return;
    }
    // A folder that is gone is being replaced; its return schedules the reload.
    if (folder.identity === undefined) return;
    running = true;
    let outcome: { kb: KnowledgeBase } | { problems: KbProblem[] };
    try {
      const loaded = await loadIntentsDir(dir);
      outcome = loaded.problems.some((p) => p.severity === 'error') ? { problems: loaded.problems } : { kb: buildKnowledgeBase(loaded, kbOptions) };
    } catch (e) {
      outcome = { problems: [{ file: dir, line: null, severity: 'error', message: `reload failed: ${(e as Error).message}` }] };
    } finally {
      running = false;
    }
    if (closed || folder.identity === undefined) return;
    if (again) {
      again = false;
      schedule();
    } else if ('kb' in outcome) {
      current = outcome.kb;
      onChange(outcome.kb);
    } else {
      onProblems(outcome.problems);
    }
  }

  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), debounceMs);
    timer.unref();
  }

  const stopped = (e: Error) => {
    if (!closed) onProblems([{ file: dir, line: null, severity: 'error', message: `stopped watching for changes: ${e.message}` }]);
  };

  /** The folder being watched: which one it is (device:inode, following symlinks) and the watch on it. */
  const folder: { identity: string | undefined; watcher: FSWatcher | undefined } = { identity: folderIdentity(dir), watcher: undefined };

  function watchFolder(): void {
    try {
      // persistent: false, so watching never keeps a process alive that has nothing else to do.
      folder.watcher = watch(dir, { persistent: false }, (_event, filename) => {
        recheck();
        // Editor swap and backup files change constantly and cannot alter the knowledge base; `..data` and
        // `..<timestamp>` are a Kubernetes ConfigMap's atomic update.
        if (filename && !filename.startsWith('..') && (!/\.ya?ml$/.test(filename) || filename.startsWith('.'))) return;
        schedule();
      });
      folder.watcher.on('error', (e) => {
        // The folder's inode went away (removed or replaced): that is a replacement, not a failure, when the path is gone or new.
        if (folderIdentity(dir) === folder.identity) stopped(e);
        else recheck();
      });
    } catch {
      // Removed between the check and the watch: the parent's next event, or this one, finds out.
      folder.watcher = undefined;
      folder.identity = undefined;
    }
  }

  /** Moves the watch when the path now names another folder, or none; reports the folder leaving and returning. */
  function recheck(): void {
    if (closed) return;
    const now = folderIdentity(dir);
    if (now === folder.identity) return;
    const wasGone = folder.identity === undefined;
    folder.watcher?.close();
    folder.watcher = undefined;
    folder.identity = now;
    if (now === undefined) {
      onFolder?.('gone');
      return;
    }
    watchFolder();
    if (wasGone) onFolder?.('back');
    schedule();
  }

  if (folder.identity !== undefined) watchFolder();
  // Every entry of the parent counts: the path may go through a symlink swapped there (`intents -> ..data/intents`).
  const parentWatcher: FSWatcher = watch(dirname(resolve(dir)), { persistent: false }, recheck);
  parentWatcher.on('error', stopped);

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      folder.watcher?.close();
      parentWatcher.close();
    },
    current: () => current,
  };
}

/** Which folder `dir` names now (device and inode, symlinks followed), or undefined when there is none. */
function folderIdentity(dir: string): string | undefined {
  try {
    const stats = statSync(dir);
    return stats.isDirectory() ? `${stats.dev}:${stats.ino}` : undefined;
  } catch {
    // Missing, or a path through a file or a broken link: no folder to read intents from.
    return undefined;
  }
}
