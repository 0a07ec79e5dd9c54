/**
 * Embeddings kept on disk by content hash (SHA-256 of the text), one file per encoder, so that a restart or a
 * reload of intents/ embeds only the examples that changed. The file is binary: a header line naming the encoder
 * and its dimensions, then for each text its 32-byte hash and its vector (float32, little-endian). It is
 * replaced whole (temp file, rename), so a crash leaves the old file or the new one; a file that cannot be
 * read, or one of another encoder, is ignored and rewritten.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SentenceEncoder } from './sentence-encoder.js';

/** What embedding a list of texts cost. */
export interface CachedEmbeddings {
  vectors: Float32Array[];
  /** How many texts the encoder embedded (the rest came from the cache). */
  embedded: number;
}

/** A cache of one encoder's embeddings in one file. */
export interface EmbeddingCache {
  /** The vector of each text: from the file when there, from the encoder otherwise; then the file is rewritten. */
  embed(texts: readonly string[]): Promise<CachedEmbeddings>;
}

/** What the cache keeps when it rewrites its file. */
export interface EmbeddingCacheOptions {
  /** 'used': only the texts of the last embed() call (a knowledge base's examples); 'all': everything ever embedded. */
  keep?: 'used' | 'all';
  /** Told when the file could not be read or written (the cache then works in memory); must not throw. */
  onProblem?: (message: string) => void;
}

const MAGIC = 'deskbot-embeddings 1';
const HASH_BYTES = 32;

/** The cache file of an encoder in a folder: `embeddings-<encoder name>.bin`. */
export function embeddingCacheFile(folder: string, encoder: Pick<SentenceEncoder, 'name'>): string {
  return join(folder, `embeddings-${encoder.name.replace(/[^A-Za-z0-9.-]+/g, '_')}.bin`);
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The vectors in a cache file, by hash; empty when the file is missing, damaged or another encoder's. */
async function readCacheFile(file: string, header: string, dimensions: number, onProblem: (m: string) => void): Promise<Map<string, Float32Array>> {
  const vectors = new Map<string, Float32Array>();
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') onProblem(`cannot read ${file}: ${(e as Error).message}`);
    return vectors;
  }
  const start = data.indexOf(10);
  const recordBytes = HASH_BYTES + dimensions * 4;
  if (start < 0 || data.subarray(0, start).toString('utf8') !== header || (data.length - start - 1) % recordBytes !== 0) {
    onProblem(`${file} is not a cache of this encoder; it will be rewritten`);
    return vectors;
  }
  for (let at = start + 1; at < data.length; at += recordBytes) {
    const hash = data.subarray(at, at + HASH_BYTES).toString('hex');
    const vector = new Float32Array(dimensions);
    for (let d = 0; d < dimensions; d++) vector[d] = data.readFloatLE(at + HASH_BYTES + d * 4);
    vectors.set(hash, vector);
  }
  return vectors;
}

async function writeCacheFile(file: string, header: string, vectors: ReadonlyMap<string, Float32Array>, dimensions: number): Promise<void> {
  const head = Buffer.from(`${header}\n`, 'utf8');
  const recordBytes = HASH_BYTES + dimensions * 4;
  const data = Buffer.alloc(head.length + vectors.size * recordBytes);
  head.copy(data);
  let at = head.length;
  for (const [hash, vector] of vectors) {
    data.write(hash, at, 'hex');
    for (let d = 0; d < dimensions; d++) data.writeFloatLE(vector[d], at + HASH_BYTES + d * 4);
    at += recordBytes;
  }
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(partial, data);
    await rename(partial, file);
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
}

/** Opens the cache of `encoder` in `file` (read on first use). */
export function openEmbeddingCache(file: string, encoder: SentenceEncoder, options: EmbeddingCacheOptions = {}): EmbeddingCache {
  const header = `${MAGIC} ${JSON.stringify({ encoder: encoder.name, dimensions: encoder.dimensions })}`;
  const onProblem = options.onProblem ?? (() => undefined);
  let known: Promise<Map<string, Float32Array>> | undefined;
  return {
    async embed(texts) {
      known ??= readCacheFile(file, header, encoder.dimensions, onProblem);
      const cached = await known;
      const hashes = texts.map(hashOf);
      const missingByHash = new Map<string, string>();
      hashes.forEach((h, i) => cached.has(h) || missingByHash.set(h, texts[i]));
      const missing = [...missingByHash.keys()];
      const missingTexts = [...missingByHash.values()];
      if (missingTexts.length > 0) {
        const fresh = await encoder.embed(missingTexts);
        missing.forEach((h, i) => cached.set(h, fresh[i]));
      }
      const used = new Set(hashes);
      const stale = options.keep !== 'all' && [...cached.keys()].some((h) => !used.has(h));
      if (stale) for (const h of [...cached.keys()]) if (!used.has(h)) cached.delete(h);
      if (missingTexts.length > 0 || stale) {
        try {
          await writeCacheFile(file, header, cached, encoder.dimensions);
        } catch (e) {
          onProblem(`cannot write ${file}: ${(e as Error).message}`);
        }
      }
      return { vectors: hashes.map((h) => cached.get(h) as Float32Array), embedded: missingTexts.length };
    },
  };
}
