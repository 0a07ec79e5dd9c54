/**
 * Passwords typed after a cue, in Korean and English: "비번은 사랑해1004 예요", "PW는 zxcv9876", "pass: s3cr3tPass",
 * "my password's Blu3Sky!x", "the password hunter3xyz stopped working". The cue is kept; the secret after it is
 * the span. After a cue with a separator ("는", ":", "is") any word of four characters or more counts; after a
 * bare space only a word that looks like a password does, so "password reset" and "비밀번호 5회 오류" stay.
 */
import type { SensitiveSpan } from './sensitive-spans.js';

const CUE = String.raw`(?:비밀\s?번호|비번|패스\s?워드|암호|(?<![A-Za-z])(?:passwords?|passwd|passcode|pass|pwd|pw|pin)(?![A-Za-z]))`;
const BETWEEN = String.raw`(\s{0,2}(?:[:=：]|(?:는|은|이|가|도|를|을|로)\s{0,2}[:=：]?|['’]s|\s(?:is|was|to)(?:\s(?:now|currently|set to|changed to))?|\s=)\s{0,3}|\s{1,3})`;
const TOKEN = String.raw`("[^"\n]{1,64}"|'[^'\n]{1,64}'|\S{1,64})`;
const PASSWORD = new RegExp(`${CUE}${BETWEEN}${TOKEN}`, 'gi');

// Words after "password is" that describe the password instead of being it.
const NOT_A_SECRET =
  /^(?:not|wrong|incorrect|correct|right|expired|invalid|too|the|same|reset|changed|change|being|still|working|broken|forgotten|lost|locked|different|weak|strong|long|short|required|needed|a|an|my|it|this|that|and|or|for|to|of|in|on|recovery|number|code|hint|manager|field|box|screen|page|mail|email|link|please|again|also|now|just|never|always|set|saved|stored|ok|okay|fine|empty|blank|here|there|case|sensitive|default|something|access|log|login|unlock|recover|work|use|enter|type|match)$/i;
// "비밀번호 5회", "8자리", "2단계": a count or a size, not a password.
const COUNT = /^\d+(?:회|번째|번|자리|글자|자|단계|년|월|일|시|분|초|개|차|원|times?|chars?|characters?|digits?|attempts?|tries)/i;
// Korean endings glued to the secret ("사랑해1004예요", "abc123으로").
const ENDING = /(?:이었는데|였는데|이었어요|였어요|입니다|이에요|인데요|이라고|이고요|에요|예요|이요|이고|인데|라고|이랑|으로|랑|로|요|고)$/;
const TRAILING_PUNCTUATION = /[,.!?;:)\]}>。、]+$/;

/** Spans of passwords written after a password cue. */
export function findPasswords(text: string, spans: SensitiveSpan[]): void {
  for (const m of text.matchAll(PASSWORD)) {
    const between = m[1];
    const written = m[2];
    const secret = secretPart(written, /\S/.test(between));
    if (!secret) continue;
    const start = m.index + m[0].length - written.length;
    spans.push({ start, end: start + secret.length, kind: 'password' });
  }
}

/**
 * The part of the word after a cue that is the password, or '' when the word is not one. Trailing
 * punctuation is ignored when judging the word ("locked," is no password) but masked with it ("S3cr3t!").
 */
function secretPart(written: string, separated: boolean): string {
  if (/^["']/.test(written) && written.length > 2 && written.endsWith(written[0])) return written;
  let masked = written;
  const ending = ENDING.exec(written.replace(TRAILING_PUNCTUATION, ''));
  if (ending && /[A-Za-z0-9]/.test(written.slice(0, ending.index))) masked = written.slice(0, ending.index);
  const word = masked.replace(TRAILING_PUNCTUATION, '');
  if (word.length < 4 || !/[A-Za-z0-9]/.test(word) || word.startsWith('[') || /^\*+$/.test(word)) return '';
  if (NOT_A_SECRET.test(word) || COUNT.test(word)) return '';
  return separated || looksLikePassword(word) ? masked : '';
}

/** Letters with digits, four digits or more, or a symbol inside a long word: what passwords look like, unlike words. */
function looksLikePassword(word: string): boolean {
  if (/^\d{4,}$/.test(word)) return true;
  const letters = /\p{L}/u.test(word);
  if (letters && /\d/.test(word)) return true;
  return letters && word.length >= 6 && /[!@#$%^&*+=~]/.test(word);
}
