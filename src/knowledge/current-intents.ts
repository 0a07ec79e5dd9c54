/**
 * intents/ as the dashboard and the review inbox read it: loaded again only when a file in it was added, removed
 * or changed (its names, sizes and times), since loading and checking every intent takes longer than a page may.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadIntentsDir, type LoadedIntents } from './load.js';

const loaded = new Map<string, { signature: string; intents: Promise<LoadedIntents> }>();

/** The intents of `dir`, from the last load while no file of it changed. */
export async function currentIntents(dir: string): Promise<LoadedIntents> {
  const signature = await signatureOf(dir);
  const known = loaded.get(dir);
  if (known && known.signature === signature) return known.intents;
  const intents = loadIntentsDir(dir);
  loaded.set(dir, { signature, intents });
  return intents;
}

async function signatureOf(dir: string): Promise<string> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const files = await Promise.all(names.sort().map(async (name) => {
    const s = await stat(join(dir, name)).catch(() => undefined);
    return s ? `${name}:${s.size}:${s.mtimeMs}` : name;
  }));
  return files.join('/');
}
