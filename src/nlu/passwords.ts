/**
 * Passwords typed after a cue, in Korean and English: "비번은 사랑해1004 예요", "PW는 zxcv9876", "pass: s3cr3tPass",
 * "my password's Blu3Sky!x", "the password hunter3xyz stopped working". The cue is kept; the secret after it is
 * the span. After a cue with a separator ("는", ":", "is") any word of four characters or more counts; after a
 * bare space only a word that looks like a password does, so "password reset" and "비밀번호 5회 오류" stay.
 */
import { PatternScanner } from './pattern-scanner.js';
import type { SpanList } from './sensitive-spans.js';

const CUE = String.raw`(?:비밀\s?번호|비번|패스\s?워드|암호|(?<![A-Za-z])(?:passwords?|passwd|passcode|pass|pwd|pw|pin)(?![A-Za-z]))`;
const BETWEEN = String.raw`(\s{0,2}(?:[:=：]|(?:는|은|이|가|도|를|을|로)\s{0,2}[:=：]?|['’]s|\s(?:is|was|to)(?:\s(?:now|currently|set to|changed to))?|\s=)\s{0,3}|\s{1,3})`;
const TOKEN = String.raw`("[^"\n]{1,64}"|'[^'\n]{1,64}'|\S{1,64})`;
// At most 9 characters of cue, 20 between and 66 of token.
const PASSWORD = new PatternScanner(`${CUE}${BETWEEN}${TOKEN}`, 95, 'i');
// The parts of a match, found again from its start: a cue ends at one place only (it must end a word), and the
// words between end where the whole pattern took them to, the first place a token can follow.
const CUE_AT = new RegExp(CUE, 'iy');
const BETWEEN_AT = new RegExp(`${BETWEEN}(?=${TOKEN})`, 'iy');
const LEADING_SPACE = /\s*/y;

// Words after "password is" that describe the password instead of being it.
const NOT_A_SECRET =
  /^(?:not|wrong|incorrect|correct|right|expired|invalid|too|the|same|reset|changed|change|being|still|working|broken|forgotten|lost|locked|different|weak|strong|long|short|required|needed|a|an|my|it|this|that|and|or|for|to|of|in|on|recovery|number|code|hint|manager|field|box|screen|page|mail|email|link|please|again|also|now|just|never|always|set|saved|stored|ok|okay|fine|empty|blank|here|there|case|sensitive|default|something|access|log|login|unlock|recover|work|use|enter|type|match)$/i;
// "비밀번호 5회", "8자리", "2단계": a count or a size, not a password.
const COUNT = /^\d+(?:회|번째|번|자리|글자|자|단계|년|월|일|시|분|초|개|차|원|times?|chars?|characters?|digits?|attempts?|tries)/i;
// Korean endings glued to the secret ("사랑해1004예요", "abc123으로"), longest first: the longest one the word ends with is cut.
const ENDINGS = ['이었는데', '이었어요', '였는데', '였어요', '입니다', '이에요', '인데요', '이라고', '이고요', '에요', '예요', '이요', '이고', '인데', '라고', '이랑', '으로', '랑', '로', '요', '고'];
const ENDING_LAST_UNITS = new Set(ENDINGS.map((e) => e.charCodeAt(e.length - 1)));
const TRAILING_PUNCTUATION = new Set([...',.!?;:)]}>。、'].map((c) => c.charCodeAt(0)));

/** Spans of passwords written after a password cue. */
export function findPasswords(text: string, spans: SpanList): void {
  PASSWORD.reset();
  while (PASSWORD.next(text)) {
    CUE_AT.lastIndex = PASSWORD.start;
    CUE_AT.test(text);
    BETWEEN_AT.lastIndex = CUE_AT.lastIndex;
    BETWEEN_AT.test(text);
    const written = BETWEEN_AT.lastIndex;
    const length = secretLength(text, written, PASSWORD.end, hasNonSpace(text, CUE_AT.lastIndex, written));
    if (length > 0) spans.add(written, written + length, 'password');
  }
}

/**
 * How much of the word text[from, to) after a cue is the password, 0 when the word is not one. Trailing
 * punctuation is ignored when judging the word ("locked," is no password) but masked with it ("S3cr3t!").
 * Works on positions: only a word that passes the cheap checks is cut out for the word lists.
 */
function secretLength(text: string, from: number, to: number, separated: boolean): number {
  const first = text.charCodeAt(from);
  if ((first === 0x22 || first === 0x27) && to - from > 2 && text.charCodeAt(to - 1) === first) return to - from;
  let masked = to;
  const unpunctuated = withoutTrailingPunctuation(text, from, to);
  const ending = endingLength(text, from, unpunctuated);
  if (ending > 0 && hasAsciiAlphanumeric(text, from, unpunctuated - ending)) masked = unpunctuated - ending;
  const wordEnd = withoutTrailingPunctuation(text, from, masked);
  if (wordEnd - from < 4 || !hasAsciiAlphanumeric(text, from, wordEnd) || first === 0x5b || onlyStars(text, from, wordEnd)) return 0;
  const word = text.slice(from, wordEnd);
  if (NOT_A_SECRET.test(word) || COUNT.test(word)) return 0;
  return separated || looksLikePassword(word) ? masked - from : 0;
}

/** The length of the longest Korean ending that text[from, end) ends with (0: none). */
function endingLength(text: string, from: number, end: number): number {
  if (!ENDING_LAST_UNITS.has(text.charCodeAt(end - 1))) return 0;
  for (const e of ENDINGS) if (e.length <= end - from && text.endsWith(e, end)) return e.length;
  return 0;
}

/** Where text[from, end) ends without the punctuation that ends it. */
function withoutTrailingPunctuation(text: string, from: number, end: number): number {
  while (end > from && TRAILING_PUNCTUATION.has(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Whether text[from, end) has an ASCII letter or digit. */
function hasAsciiAlphanumeric(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) return true;
  }
  return false;
}

/** Whether text[from, to) has a character other than whitespace (to is where a token starts, never a space). */
function hasNonSpace(text: string, from: number, to: number): boolean {
  LEADING_SPACE.lastIndex = from;
  LEADING_SPACE.test(text);
  return LEADING_SPACE.lastIndex < to;
}

/** Whether text[from, end) is all stars ("****": already hidden by the user). */
function onlyStars(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) if (text.charCodeAt(i) !== 0x2a) return false;
  return true;
}

/** Letters with digits, four digits or more, or a symbol inside a long word: what passwords look like, unlike words. */
function looksLikePassword(word: string): boolean {
  if (/^\d{4,}$/.test(word)) return true;
  const letters = /\p{L}/u.test(word);
  if (letters && /\d/.test(word)) return true;
  return letters && word.length >= 6 && /[!@#$%^&*+=~]/.test(word);
}
