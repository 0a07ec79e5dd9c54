/**
 * `npm run bench -- review`: clustering the review inbox. The messages are the knowledge base's own examples and
 * out-of-scope examples (real sentences in Korean and English), each varied by dropping or adding a word, so the
 * inbox holds many near-duplicates and many distinct questions, as a busy one does.
 */
import { resolve } from 'node:path';
import { loadIntentsDir } from '../knowledge/load.js';
import type { Lang } from '../knowledge/types.js';
import { mulberry32 } from '../nlu/seeded-random.js';
import { buildInbox, type ReviewItem } from '../review/inbox.js';

const FILLERS: Record<Lang, string[]> = { ko: ['좀', '진짜', '혹시', '지금', '계속', '왜'], en: ['please', 'really', 'now', 'again', 'still', 'why'] };

/** `count` inbox messages varied from the examples in `intentsDir`. */
async function benchMessages(intentsDir: string, count: number): Promise<ReviewItem[]> {
  const kb = await loadIntentsDir(intentsDir);
  const bases: Array<{ lang: Lang; text: string }> = [];
  for (const i of kb.intents) for (const lang of ['ko', 'en'] as const) for (const text of i.examples[lang]) bases.push({ lang, text });
  for (const lang of ['ko', 'en'] as const) for (const text of kb.outOfScope[lang]) bases.push({ lang, text });
  const random = mulberry32(20261205);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  return Array.from({ length: count }, (_, k) => {
    const base = pick(bases);
    const words = base.text.split(/\s+/);
    if (words.length > 3 && random() < 0.5) words.splice(Math.floor(random() * words.length), 1);
    if (random() < 0.5) words.splice(Math.floor(random() * (words.length + 1)), 0, pick(FILLERS[base.lang]));
    const at = new Date(Date.UTC(2026, 10, 1) + k * 60_000).toISOString();
    return { id: `m${k}`, turn: `bench:${k}`, at, lang: base.lang, reason: 'out_of_scope', text: words.join(' '), closest: [] };
  });
}

/** Times the inbox over 20,000 messages (median of 3 runs) and prints it as a table row. */
export async function benchReview(out: (line: string) => void): Promise<void> {
  const items = await benchMessages(resolve('intents'), 20_000);
  const times: number[] = [];
  let clusters = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    clusters = buildInbox(items, { dismissed: [], assigned: [] }).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  out('| messages | clusters | median of 3 | slowest | RSS |\n|---:|---:|---:|---:|---:|');
  out(`| ${items.length} | ${clusters} | ${(times[1] / 1000).toFixed(2)} s | ${(times[2] / 1000).toFixed(2)} s | ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB |`);
}
