/**
 * The masking corpus (masking-corpus.jsonl beside this file): support messages that carry a secret, each with
 * the parts that must not survive masking, and harmless ones (order numbers, error codes, versions, dates)
 * that must come out unchanged. Scored by the masking test and reported by `deskbot bench masking`.
 */
import { readFileSync } from 'node:fs';
import { maskSensitive } from '../nlu/sensitive-data.js';

/** One corpus message: `secrets` lists what must be hidden (empty for a harmless message). */
export interface CorpusMessage {
  kind: 'secret' | 'harmless';
  text: string;
  secrets: string[];
}

/** How the masker does on the corpus. */
export interface CorpusScore {
  secretMessages: number;
  harmlessMessages: number;
  /** Share of secret-bearing messages with every secret hidden (0-1). */
  recall: number;
  /** Share of harmless messages that were changed (0-1). */
  falsePositiveRate: number;
  /** Secret-bearing messages where a secret survived, as masked. */
  leaks: string[];
  /** Harmless messages that were changed, as masked. */
  falsePositives: string[];
}

/** Where the corpus is, from src/bench or dist/bench alike (the data file stays in src/bench). */
export const MASKING_CORPUS_PATH = new URL('../../src/bench/masking-corpus.jsonl', import.meta.url);

/** Reads the corpus, one JSON object per line. */
export function loadMaskingCorpus(path: URL | string = MASKING_CORPUS_PATH): CorpusMessage[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusMessage);
}

/** Masks every corpus message and counts leaks and false positives. */
export function scoreMasking(corpus: readonly CorpusMessage[]): CorpusScore {
  const leaks: string[] = [];
  const falsePositives: string[] = [];
  let secretMessages = 0;
  let harmlessMessages = 0;
  for (const m of corpus) {
    const masked = maskSensitive(m.text).text;
    if (m.kind === 'secret') {
      secretMessages++;
      if (m.secrets.some((s) => masked.includes(s))) leaks.push(masked);
    } else {
      harmlessMessages++;
      if (masked !== m.text) falsePositives.push(masked);
    }
  }
  return {
    secretMessages,
    harmlessMessages,
    recall: secretMessages === 0 ? 0 : (secretMessages - leaks.length) / secretMessages,
    falsePositiveRate: harmlessMessages === 0 ? 0 : falsePositives.length / harmlessMessages,
    leaks,
    falsePositives,
  };
}
