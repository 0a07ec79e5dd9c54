/** Loading the knowledge base at start (errors stop the start) and hot reload (errors keep the last good one serving). */
import { watch, type FSWatcher } from 'node:fs';
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
 */
export function watchKnowledgeBase(
  dir: string,
  options: WatchOptions,
  onChange: (kb: KnowledgeBase) => void,
  onProblems: (problems: KbProblem[]) => void,
): KnowledgeBaseWatcher {
  const { initial, debounceMs = DEFAULT_DEBOUNCE_MS, ...kbOptions } = options;
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
    if (closed) return;
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

  // persistent: false, so watching never keeps a process alive that has nothing else to do.
  const watcher: FSWatcher = watch(dir, { persistent: false }, (_event, filename) => {
    // Editor swap and backup files change constantly and cannot alter the knowledge base.
    if (filename && (!/\.ya?ml$/.test(filename) || filename.startsWith('.'))) return;
    schedule();
  });
  watcher.on('error', (e) => {
    if (closed) return;
    onProblems([{ file: dir, line: null, severity: 'error', message: `stopped watching for changes: ${e.message}` }]);
  });

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher.close();
    },
    current: () => current,
  };
}
