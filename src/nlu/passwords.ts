/**
 * Passwords typed after a cue, in Korean and English: "비번은 사랑해1004 예요", "PW는 zxcv9876", "pass: s3cr3tPass",
 * "my password's Blu3Sky!x", "the password hunter3xyz stopped working". The cue is kept; the secret after it is
 * the span. After a cue with a separator ("는", ":", "is") any word of four characters or more counts; after a
 * bare space only a word that looks like a password does, so "password reset" and "비밀번호 5회 오류" stay.
 */
import type { SpanList } from './sensitive-spans.js';

const CUE = String.raw`(?:비밀\s?번호|비번|패스\s?워드|암호|(?<![A-Za-z])(?:passwords?|passwd|passcode|pass|pwd|pw|pin)(?![A-Za-z]))`;
// Between cue and password: a separator ("는", ":", "is", "'s"), each form with a character other than a space,
// or else only spaces.
const SEPARATOR = String.raw`\s{0,2}(?:[:=：]|(?:는|은|이|가|도|를|을|로)\s{0,2}[:=：]?|['’]s|\s(?:is|was|to)(?:\s(?:now|currently|set to|changed to))?|\s=)\s{0,3}`;
const SPACES = String.raw`\s{1,3}`;
const BETWEEN = `(?:${SEPARATOR}|${SPACES})`;
const TOKEN = String.raw`("[^"\n]{1,64}"|'[^'\n]{1,64}'|\S{1,64})`;
// The cue of the next password is found with what follows it looked at but not taken (the cue is the part
// the regex engine can skip ahead to), so its end is where the scan stops. From there what is between, up to
// where a password can follow, and the password itself are read with sticky tests: the same parts the whole
// pattern matches. Scanning the whole pattern gave only where a match ends, and finding where it starts took a
// second, slower search through the characters before it.
const NEXT_CUE = new RegExp(`${CUE}(?=${BETWEEN}${TOKEN})`, 'gi');
const SEPARATOR_AT = new RegExp(`${SEPARATOR}(?=${TOKEN})`, 'iy');
const SPACES_AT = new RegExp(`${SPACES}(?=${TOKEN})`, 'iy');
const TOKEN_AT = new RegExp(TOKEN, 'iy');

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
  NEXT_CUE.lastIndex = 0;
  while (NEXT_CUE.test(text)) {
    const cueEnd = NEXT_CUE.lastIndex;
    const separatorEnd = endAt(SEPARATOR_AT, text, cueEnd);
    const written = separatorEnd >= 0 ? separatorEnd : endAt(SPACES_AT, text, cueEnd);
    const end = endAt(TOKEN_AT, text, written);
    // The next cue is looked for after this password, as a scan of the whole pattern would.
    NEXT_CUE.lastIndex = end;
    const length = secretLength(text, written, end, separatorEnd >= 0);
    if (length > 0) spans.add(written, written + length, 'password');
  }
}

/** Where the sticky pattern matches up to from `at`, -1 if it does not match there. */
function endAt(sticky: RegExp, text: string, at: number): number {
  sticky.lastIndex = at;
  return sticky.test(text) ? sticky.lastIndex : -1;
}

/**
 * How much of the word text[from, to) after a cue is the password, 0 when the word is not one. Trailing
 * punctuation is ignored when judging the word ("locked," is no password) but masked with it ("S3cr3t!").
 * Works on positions: only a word that passes the cheap checks, and only for a list that can hold it, is cut out.
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
  if (describesPassword(text, from, wordEnd)) return 0;
  return separated || looksLikePassword(text.slice(from, wordEnd)) ? masked - from : 0;
}

/**
 * Whether text[from, end) describes the password ("wrong", "expired") or counts something ("5회", "8자리") instead
 * of being one. NOT_A_SECRET holds ASCII letters only (and without the u flag no other letter matches one of
 * them case-insensitively), COUNT starts with a digit: most passwords are neither, and are tried against neither.
 */
function describesPassword(text: string, from: number, end: number): boolean {
  if (onlyAsciiLetters(text, from, end)) return NOT_A_SECRET.test(text.slice(from, end));
  const first = text.charCodeAt(from);
  return first >= 0x30 && first <= 0x39 && COUNT.test(text.slice(from, end));
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

/** Whether text[from, end) is all ASCII letters. */
function onlyAsciiLetters(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
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
