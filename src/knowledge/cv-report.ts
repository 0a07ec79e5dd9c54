/**
 * The last cross-validation of the operator's intents/ (`deskbot intents check --cv`), kept as intents-cv.json in
 * the data folder for the dashboard's Knowledge page: accuracy per intent, and the pairs of intents the matcher
 * confuses most, each with a few of the held-out examples it placed under the other intent.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { dealFolds, lexicalHeldOut } from '../nlu/cross-validation.js';
import { chooseThreshold, OOS } from '../nlu/matcher.js';
import { loadIntentsDir } from './load.js';
import { LANGS } from './types.js';

/** The file's name in the data folder. */
export const CV_REPORT_FILE = 'intents-cv.json';

/** Confused pairs kept, and examples kept per pair. */
const TOP_PAIRS = 10;
const EXAMPLES_PER_PAIR = 3;

const right = z.object({ examples: z.number().int().nonnegative(), right: z.number().int().nonnegative() });

const reportSchema = z.object({
  version: z.literal(1),
  madeAt: z.string(),
  matcher: z.literal('lexical'),
  folds: z.number().int().positive(),
  examples: z.number().int().nonnegative(),
  /** Share of held-out examples whose best guess is their intent (0-1). */
  accuracy: z.number(),
  /** The out-of-scope threshold this cross-validation suggests. */
  threshold: z.number(),
  intents: z.array(right.extend({ id: z.string(), ko: right, en: right })),
  confusions: z.array(
    z.object({
      a: z.string(),
      b: z.string(),
      /** Held-out examples of a guessed as b, and of b guessed as a. */
      aAsB: z.number().int().nonnegative(),
      bAsA: z.number().int().nonnegative(),
      examples: z.array(z.object({ text: z.string(), intent: z.string(), guessed: z.string() })),
    }),
  ),
});

/** A cross-validation report as saved. */
export type CvReport = z.infer<typeof reportSchema>;

/** Cross-validates intents/ with the lexical matcher (k folds, as `npm run bench -- intents` does) into a report. */
export async function crossValidateIntents(intentsDir: string, now: Date, folds = 5): Promise<CvReport> {
  const { intents, outOfScope } = await loadIntentsDir(intentsDir);
  const scored = lexicalHeldOut(dealFolds(intents, outOfScope, folds), folds);
  const inScope = scored.filter((s) => s.gold !== OOS);
  const tally = (list: typeof inScope) => ({ examples: list.length, right: list.filter((s) => s.predicted === s.gold).length });
  const perIntent = intents.map((intent) => {
    const own = inScope.filter((s) => s.gold === intent.id);
    const [ko, en] = LANGS.map((lang) => tally(own.filter((s) => s.lang === lang)));
    return { id: intent.id, ...tally(own), ko, en };
  });
  const pairs = new Map<string, CvReport['confusions'][number]>();
  for (const s of inScope) {
    if (s.predicted === s.gold || s.predicted === OOS) continue;
    const [a, b] = [s.gold, s.predicted].sort();
    const key = `${a}\u0000${b}`;
    const pair = pairs.get(key) ?? { a, b, aAsB: 0, bAsA: 0, examples: [] };
    if (s.gold === a) pair.aAsB++;
    else pair.bAsA++;
    if (pair.examples.length < EXAMPLES_PER_PAIR) pair.examples.push({ text: s.text, intent: s.gold, guessed: s.predicted });
    pairs.set(key, pair);
  }
  const confusions = [...pairs.values()].sort((x, y) => y.aAsB + y.bAsA - (x.aAsB + x.bAsA) || x.a.localeCompare(y.a) || x.b.localeCompare(y.b)).slice(0, TOP_PAIRS);
  const total = tally(inScope);
  return {
    version: 1,
    madeAt: now.toISOString(),
    matcher: 'lexical',
    folds,
    examples: total.examples,
    accuracy: total.examples === 0 ? 0 : total.right / total.examples,
    threshold: chooseThreshold(scored),
    intents: perIntent,
    confusions,
  };
}

/** Saves the report into the data folder (replaced whole: temporary file, rename); returns its path. */
export async function saveCvReport(dataDir: string, report: CvReport): Promise<string> {
  const file = join(dataDir, CV_REPORT_FILE);
  await writeFile(`${file}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  return file;
}

/** The saved report; undefined when none was made yet, a problem line when the file is not one. */
export async function readCvReport(dataDir: string): Promise<CvReport | { problem: string } | undefined> {
  const file = join(dataDir, CV_REPORT_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { problem: `${file}: cannot be read (${(e as NodeJS.ErrnoException).code})` };
  }
  try {
    const parsed = reportSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { problem: `${file}: not a cross-validation report (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})` };
  } catch {
    return { problem: `${file}: not JSON` };
  }
}
