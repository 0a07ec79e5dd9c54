/**
 * Test setup (vitest.config.ts setupFiles): loading and training the knowledge base is the common cost of a
 * bot start, and a test file starts many bots on the same intents. loadKnowledgeBase is wrapped so that it
 * trains once per test file for each exact content of an intents folder (and options); the knowledge base is
 * immutable, so sharing it changes nothing a test sees. A folder whose files change gets a new load, and a
 * failed load is never kept (the next call loads again and throws its own error).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { vi } from 'vitest';
import type { KnowledgeBase, KnowledgeBaseOptions } from '../../src/knowledge/knowledge-base.js';

vi.mock('../../src/knowledge/watch.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/knowledge/watch.js')>();
  return { ...actual, loadKnowledgeBase: shareLoads(actual.loadKnowledgeBase) };
});

type Load = (dir: string, options?: KnowledgeBaseOptions) => Promise<KnowledgeBase>;

/** `load`, answered from earlier loads of the same folder content and options. */
function shareLoads(load: Load): Load {
  const loads = new Map<string, Promise<KnowledgeBase>>();
  return async (dir, options = {}) => {
    const key = await contentKey(dir, options);
    if (key === undefined) return load(dir, options);
    let kb = loads.get(key);
    if (!kb) {
      kb = load(dir, options);
      loads.set(key, kb);
      // Kept only when it loaded, and from files that did not change while they were read.
      kb.then(
        async () => (await contentKey(dir, options)) !== key && loads.delete(key),
        () => loads.delete(key),
      );
    }
    return kb;
  };
}

/** A digest of the folder's path, every file in it (names and bytes) and the options; undefined when the folder cannot be read. */
async function contentKey(dir: string, options: KnowledgeBaseOptions): Promise<string | undefined> {
  try {
    const hash = createHash('sha256').update(resolve(dir)).update('\0').update(JSON.stringify(options));
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      hash.update(`\0${entry.name}\0${entry.isFile() || entry.isSymbolicLink() ? 'f' : 'd'}\0`);
      if (entry.isFile() || entry.isSymbolicLink()) hash.update(await readFile(join(dir, entry.name)));
    }
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}
