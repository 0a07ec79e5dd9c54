/** Detects whether a message is Korean, English, both or neither, and picks the language to reply in. */
import type { Lang } from '../knowledge/types.js';
import { isHangul, isHangulSyllable } from './hangul.js';

/** The script mix of a message. */
export type DetectedLanguage = 'ko' | 'en' | 'mixed' | 'unknown';

function isLatin(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    // Full-width Latin (ｗｉｆｉ), as typed with a Korean IME.
    (c >= 0xff21 && c <= 0xff3a) ||
    (c >= 0xff41 && c <= 0xff5a)
  );
}

/** Words with Hangul, words with Latin letters only, and Hangul syllables (not bare jamo such as ㅋㅋ). */
export function countWords(text: string): { korean: number; english: number; syllables: number } {
  let korean = 0;
  let english = 0;
  let syllables = 0;
  let hasHangul = false;
  let hasLatin = false;
  const flush = () => {
    // A Korean particle glued to an English word ("wifi가") makes the word Korean.
    if (hasHangul) korean++;
    else if (hasLatin) english++;
    hasHangul = false;
    hasLatin = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHangul(c)) {
      hasHangul = true;
      if (isHangulSyllable(c)) syllables++;
    } else if (isLatin(c)) hasLatin = true;
    else if (!(c >= 0x30 && c <= 0x39) && c !== 0x27 && c !== 0x2019) flush();
  }
  flush();
  return { korean, english, syllables };
}

/** 'ko' for Korean words only, 'en' for English words only, 'mixed' when both carry weight, 'unknown' without letters. */
export function detectLanguage(text: string): DetectedLanguage {
  const { korean, english } = countWords(text);
  if (korean === 0 && english === 0) return 'unknown';
  if (english === 0) return 'ko';
  if (korean === 0) return 'en';
  // One English product name in a Korean sentence (or the reverse) does not make the message bilingual.
  const minority = Math.min(korean, english) / (korean + english);
  if (minority < 0.25) return korean > english ? 'ko' : 'en';
  return 'mixed';
}

/** The language to answer in: Korean when the message has meaningful Hangul, English when Latin only, else fallback. */
export function replyLanguage(text: string, fallback: Lang): Lang {
  const { korean, english, syllables } = countWords(text);
  // Bare jamo (ㅋㅋ, ㅠㅠ) are emoticons, not a language choice; one real syllable (네, 응) is.
  if (syllables > 0 && korean > 0) return 'ko';
  if (english > 0) return 'en';
  return fallback;
}
