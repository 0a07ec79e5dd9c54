/**
 * Turns a message into a bag of hashed features: stemmed words and word pairs, character n-grams of
 * English words, Hangul syllable n-grams that ignore spacing, Korean word stems without particles, and
 * jamo n-grams that survive a mistyped consonant. Hashes are 32-bit FNV-1a computed on character codes
 * directly, so the hot path allocates no n-gram strings.
 */
import { stemEnglish } from './english.js';
import { isHangul, pushJamo } from './hangul.js';
import { stripKoreanSuffix } from './korean.js';
import { canonicalWord } from './slang.js';
import { isGeneralQuestion } from './general-question.js';
import { normalizeForMatching } from './normalize.js';

/** Feature families; the family is kept in the low 3 bits of each hash so that it can be weighted. */
export const FeatureGroup = {
  word: 0,
  wordPair: 1,
  latinChars: 2,
  hangulChars: 3,
  jamo: 4,
  koreanStem: 5,
} as const;

/** Number of feature families. */
export const GROUP_COUNT = 6;

/** Which features to extract. */
export interface FeatureOptions {
  /** Character n-gram sizes inside English (Latin-script) words, padded with a space at each end. */
  latinChars: readonly [number, number];
  /** Hangul syllable n-gram sizes over the message with spaces removed. */
  hangulChars: readonly [number, number];
  /** Jamo n-gram sizes (0 turns jamo features off). */
  jamo: readonly [number, number];
  /** The one feature of general questions (general-question.ts); trainMatcher keeps it only where oos examples teach it. */
  generalQuestions: boolean;
}

/** Defaults measured on CLINC150, Banking77 and ParaKQC train → val (docs/benchmarks.md). */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  latinChars: [3, 5],
  hangulChars: [1, 3],
  jamo: [3, 4],
  generalQuestions: true,
};

/** The features of one message: sorted unique hashes and how often each occurred. Views into reused buffers. */
export interface FeatureBag {
  hashes: Int32Array;
  counts: Int32Array;
  size: number;
}

/** Extracts feature bags; not re-entrant: each call overwrites the buffers of the previous bag. */
export interface FeatureExtractor {
  extract(text: string): FeatureBag;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mix(h: number, v: number): number {
  return Math.imul(h ^ v, FNV_PRIME);
}

function seed(kind: number, n: number): number {
  return mix(mix(FNV_OFFSET, kind + 1), n + 17);
}

function hashString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return h;
}

function withGroup(h: number, group: number): number {
  return (h & ~7) | group;
}

/** The feature of a general question (see general-question.ts), and how many times a message counts it. */
const GENERAL_QUESTION_FEATURE = withGroup(hashString(seed(40, 0), 'general question'), FeatureGroup.word);
const GENERAL_QUESTION_COUNT = 3;

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

/** 1 for Hangul, 2 for other letters and digits, 0 for separators (spaces, punctuation, emoji). */
function charClass(c: number): number {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) ? 2 : 0;
  if (isHangul(c)) return 1;
  if (c >= 0xd800 && c <= 0xdfff) return 0;
  return LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 2 : 0;
}

/** A word's stem as the matcher reads it (cls 1: Hangul, particles and slang removed; else Latin, stemmed). */
function stemOf(token: string, cls: number): string {
  if (cls === 1) return canonicalWord(stripKoreanSuffix(token));
  return stemEnglish(canonicalWord(token));
}

/** The words of a text as the matcher reads them (normalised and stemmed), in order. */
export function matchingWords(text: string): string[] {
  const s = normalizeForMatching(text);
  const words: string[] = [];
  for (let i = 0; i < s.length; ) {
    const cls = charClass(s.charCodeAt(i));
    let j = i + 1;
    while (j < s.length && charClass(s.charCodeAt(j)) === cls) j++;
    if (cls !== 0) words.push(stemOf(s.slice(i, j), cls));
    i = j;
  }
  return words;
}

/** Creates a feature extractor with its own reusable buffers. */
export function createFeatureExtractor(options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): FeatureExtractor {
  let raw = new Int32Array(1024);
  let counts = new Int32Array(1024);
  let hashes = new Int32Array(1024);
  let n = 0;
  // Hangul syllables of the whole message without spaces, and their jamo.
  const hangul = new Int32Array(4096);
  const jamo = new Int32Array(4096 * 3);

  function push(h: number): void {
    if (n === raw.length) {
      const bigger = new Int32Array(raw.length * 2);
      bigger.set(raw);
      raw = bigger;
    }
    raw[n++] = h;
  }

  function pushNgrams(codes: Int32Array, length: number, min: number, max: number, kind: number, group: number): void {
    for (let size = min; size <= max && size > 0; size++) {
      const s = seed(kind, size);
      for (let start = 0; start + size <= length; start++) {
        let h = s;
        for (let k = start; k < start + size; k++) h = mix(h, codes[k]);
        push(withGroup(h, group));
      }
    }
  }

  const wordCodes = new Int32Array(64);

  function latinWord(token: string): void {
    // Character n-grams of " word " catch misspellings and word forms the stemmer does not join.
    const len = Math.min(token.length, wordCodes.length - 2);
    wordCodes[0] = 32;
    for (let k = 0; k < len; k++) wordCodes[k + 1] = token.charCodeAt(k);
    wordCodes[len + 1] = 32;
    const [min, max] = options.latinChars;
    pushNgrams(wordCodes, len + 2, min, max, 10, FeatureGroup.latinChars);
  }

  function sortAndCount(): FeatureBag {
    const view = raw.subarray(0, n).sort();
    if (hashes.length < n) {
      hashes = new Int32Array(raw.length);
      counts = new Int32Array(raw.length);
    }
    let size = 0;
    for (let k = 0; k < n; k++) {
      if (size > 0 && hashes[size - 1] === view[k]) counts[size - 1]++;
      else {
        hashes[size] = view[k];
        counts[size] = 1;
        size++;
      }
    }
    return { hashes: hashes.subarray(0, size), counts: counts.subarray(0, size), size };
  }

  function extract(text: string): FeatureBag {
    const s = normalizeForMatching(text);
    n = 0;
    let hangulLength = 0;
    let previous = 0;
    const wordSeed = seed(1, 0);
    const pairSeed = seed(2, 0);
    let i = 0;
    while (i < s.length) {
      const cls = charClass(s.charCodeAt(i));
      if (cls === 0) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < s.length && charClass(s.charCodeAt(j)) === cls) j++;
      let token = s.slice(i, j);
      let word: number;
      if (cls === 1) {
        let stem = stripKoreanSuffix(token);
        const canonical = canonicalWord(stem);
        if (canonical !== stem) {
          // 비번을 is read as 비밀번호을: the particle stays, the slang goes.
          token = canonical + token.slice(stem.length);
          stem = canonical;
        }
        for (let k = 0; k < token.length && hangulLength < hangul.length; k++) hangul[hangulLength++] = token.charCodeAt(k);
        word = hashString(wordSeed, stem);
        push(withGroup(word, FeatureGroup.koreanStem));
        if (stem !== token) push(withGroup(hashString(wordSeed, token), FeatureGroup.koreanStem));
      } else {
        token = canonicalWord(token);
        word = hashString(wordSeed, stemEnglish(token));
        push(withGroup(word, FeatureGroup.word));
        latinWord(token);
      }
      if (previous !== 0) push(withGroup(mix(mix(pairSeed, previous), word), FeatureGroup.wordPair));
      previous = word;
      i = j;
    }
    if (hangulLength > 0) {
      const [min, max] = options.hangulChars;
      pushNgrams(hangul, hangulLength, min, max, 20, FeatureGroup.hangulChars);
      const [jmin, jmax] = options.jamo;
      if (jmax > 0) {
        let jamoLength = 0;
        for (let k = 0; k < hangulLength; k++) jamoLength = pushJamo(hangul[k], jamo, jamoLength);
        pushNgrams(jamo, jamoLength, jmin, jmax, 30, FeatureGroup.jamo);
      }
    }
    // One feature shared by every general question ("what is phishing", "스팸 뜻이 뭐예요"), so that the model can
    // learn from all of them together that they are not a user's own problem with the topic they name.
    if (options.generalQuestions && isGeneralQuestion(text)) for (let k = 0; k < GENERAL_QUESTION_COUNT; k++) push(GENERAL_QUESTION_FEATURE);
    return sortAndCount();
  }

  return { extract };
}

/** The feature family stored in a hash. */
export function groupOf(hash: number): number {
  return hash & 7;
}
