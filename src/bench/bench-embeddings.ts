/**
 * The shipped sentence encoder for the benchmarks, with its embeddings of each dataset cached under
 * node_modules/.cache/deskbot/embeddings/ (embedding CLINC150's 18,000 sentences takes about 90 s once).
 */
import { resolve } from 'node:path';
import { embeddingCacheFile, openEmbeddingCache, type EmbeddingCache } from '../nlu/embedding-cache.js';
import type { Embed } from '../nlu/evaluate-fusion.js';
import { createUseLiteEncoder, type UseLiteEncoder } from '../nlu/use-lite/encoder.js';

/** The encoder and a cached embedding function per dataset. */
export interface BenchEmbeddings {
  encoder: UseLiteEncoder;
  /** Vectors of texts of one dataset (its own cache file). */
  embedFor(dataset: string): Embed;
  /** Texts the encoder embedded so far (the rest came from the caches). */
  embedded(): number;
  close(): Promise<void>;
}

const CACHE_DIR = resolve('node_modules/.cache/deskbot/embeddings');

/** Starts the encoder for a benchmark run. */
export function openBenchEmbeddings(): BenchEmbeddings {
  const encoder = createUseLiteEncoder();
  const caches = new Map<string, EmbeddingCache>();
  let embedded = 0;
  return {
    encoder,
    embedFor(dataset) {
      return async (texts) => {
        let cache = caches.get(dataset);
        if (!cache) {
          cache = openEmbeddingCache(embeddingCacheFile(resolve(CACHE_DIR, dataset), encoder), encoder, { keep: 'all' });
          caches.set(dataset, cache);
        }
        const result = await cache.embed(texts);
        embedded += result.embedded;
        return result.vectors;
      };
    },
    embedded: () => embedded,
    close: () => encoder.close(),
  };
}
