/**
 * What a message of one word may mean. "로그인" or "메일" alone names a subject, not a question: the intents whose
 * examples use that word, ranked by how many of them do, are the topics people most often mean by it.
 */
import { matchingWords } from './features.js';
import { OOS, type IntentScore, type LabelledExample } from './types.js';

/** The senses of one-word messages, learnt from the examples. */
export interface WordSenses {
  /** For a message of one word: the intents whose examples use it, each with its share of those examples (most first); else undefined. */
  of(text: string): IntentScore[] | undefined;
}

/** Counts, for every word of the examples, how many examples of each intent use it. */
export function createWordSenses(examples: readonly LabelledExample[]): WordSenses {
  const byWord = new Map<string, Map<string, number>>();
  for (const { text, intent } of examples) {
    if (intent === OOS) continue;
    for (const word of new Set(matchingWords(text))) {
      let counts = byWord.get(word);
      if (!counts) byWord.set(word, (counts = new Map()));
      counts.set(intent, (counts.get(intent) ?? 0) + 1);
    }
  }
  return {
    of(text) {
      const words = matchingWords(text);
      if (words.length !== 1) return undefined;
      const counts = byWord.get(words[0]);
      if (!counts) return undefined;
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      return [...counts]
        .map(([intent, n]) => ({ intent, confidence: n / total }))
        .sort((a, b) => b.confidence - a.confidence || (a.intent < b.intent ? -1 : 1));
    },
  };
}
