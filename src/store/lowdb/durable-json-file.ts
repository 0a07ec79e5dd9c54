/** Writing deskbot.json so that a crash or power cut leaves either the old file or the new one, never half of one. */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { StoreCorruptError } from '../errors.js';

/** A lowdb adapter that writes atomically and durably: lowdb's steno renames a temp file but never fsyncs. */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(private readonly path: string) {}

  /** The parsed file, or null when it does not exist; StoreCorruptError when it is empty or not JSON. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      // A read error (EISDIR) names no path, and the operator needs it.
      (err as NodeJS.ErrnoException).path ??= this.path;
      throw err;
    }
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      const problem = text.length === 0 ? 'it is empty' : `it is not valid JSON (${(err as Error).message})`;
      throw new StoreCorruptError(this.path, problem, { cause: err });
    }
  }

  /** Writes a temp file, fsyncs it, renames it over the file and fsyncs the directory. */
  async write(data: T): Promise<void> {
    const temp = join(dirname(this.path), `.${basename(this.path)}.tmp`);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(JSON.stringify(data));
      await handle.sync();
    } catch (err) {
      // A write error (ENOSPC) names no path, and the operator needs it.
      (err as NodeJS.ErrnoException).path ??= temp;
      throw err;
    } finally {
      await handle.close();
    }
    await rename(temp, this.path);
    await syncDirectory(dirname(this.path));
  }
}

/** Fsyncs a directory: without this a rename in it may not survive a power cut. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates dir and its parents, with the error of the folder that could not be made. */
export async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    // Node's recursive mkdir says ENOENT where it could not create the last folder (e.g. EROFS); a plain one says why.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await mkdir(dir);
  }
}
