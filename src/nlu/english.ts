/** English word stemming: the one module that imports `natural` (its Porter stemmer submodule only). */
import { createRequire } from 'node:module';

// The package root of natural loads database drivers and prints to stdout; its stemmer file alone does neither.
const require = createRequire(import.meta.url);
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(token: string): string };

const MAX_CACHE = 50_000;
const cache = new Map<string, string>();

/** The Porter stem of a lowercase English word ("cancelled" → "cancel"), cached because the same words recur. */
export function stemEnglish(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  // Porter is meant for ASCII words; numbers, accented and very long tokens are kept as they are.
  const stem = word.length > 30 || !/^[a-z]+$/.test(word) ? word : porter.stem(word);
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(word, stem);
  return stem;
}
