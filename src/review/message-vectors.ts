/**
 * Messages as weighted term vectors for grouping similar ones: words (Korean without particles and endings,
 * English stemmed) and Hangul syllable pairs, so that 비번이 안 바뀌어요 and 비번 변경이 안돼요 share terms.
 * Weights are tf-idf over the messages being grouped, and vectors are unit length (a dot product is the cosine).
 */
import { stemEnglish } from '../nlu/english.js';
import { isHangulSyllable } from '../nlu/hangul.js';
import { stripKoreanSuffix } from '../nlu/korean.js';
import { normalizeForMatching } from '../nlu/normalize.js';

/** A sparse unit vector: term ids ascending, with their weights. */
export interface TermVector {
  terms: Int32Array;
  weights: Float64Array;
}

/** The corpus size below which idf is computed as if it were this large. */
const MIN_CORPUS = 100;

const WORD = /[\p{L}\p{N}]+/gu;

/** English words too common to make two messages alike ("what is the …"). */
const ENGLISH_STOPWORDS = new Set(
  'a an the is are was were be been am do does did i me my you your it its we our they this that these those what which who how why when where in on at to of for from with and or but not no can could would should will please hi hello'.split(' '),
);

/** The terms of one message (repeated terms repeat). */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  for (const [word] of normalizeForMatching(text).matchAll(WORD)) {
    if (isHangulSyllable(word.charCodeAt(0))) {
      const stem = stripKoreanSuffix(word);
      out.push(`w:${stem}`);
      for (let i = 0; i + 1 < stem.length; i++) out.push(`b:${stem.slice(i, i + 2)}`);
    } else if (word.length > 1 && !ENGLISH_STOPWORDS.has(word)) {
      out.push(`w:${stemEnglish(word)}`);
    }
  }
  return out;
}

/** Vectors of every message, tf-idf weighted over them; a message with no terms gets an empty vector. */
export function vectorize(texts: readonly string[]): TermVector[] {
  const ids = new Map<string, number>();
  const documentFrequency: number[] = [];
  const counted = texts.map((text) => {
    const counts = new Map<number, number>();
    for (const term of termsOf(text)) {
      let id = ids.get(term);
      if (id === undefined) {
        id = ids.size;
        ids.set(term, id);
        documentFrequency.push(0);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const id of counts.keys()) documentFrequency[id]++;
    return counts;
  });
  // As if there were at least 100 messages: in a small inbox every word is rare, and rarity would decide too much.
  const n = Math.max(texts.length, MIN_CORPUS);
  return counted.map((counts) => {
    const terms = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    const weights = new Float64Array(terms.length);
    let norm = 0;
    terms.forEach((id, i) => {
      weights[i] = (1 + Math.log(counts.get(id) as number)) * Math.log(1 + n / documentFrequency[id]);
      norm += weights[i] * weights[i];
    });
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < weights.length; i++) weights[i] *= scale;
    return { terms, weights };
  });
}

/** The cosine of two unit vectors. */
export function cosine(a: TermVector, b: TermVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.terms.length && j < b.terms.length) {
    if (a.terms[i] === b.terms[j]) sum += a.weights[i++] * b.weights[j++];
    else if (a.terms[i] < b.terms[j]) i++;
    else j++;
  }
  return sum;
}
