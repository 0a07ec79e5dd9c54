/** Counts a message's Korean and English words, and picks the language to reply in. */
import type { Lang } from '../knowledge/types.js';
import { isHangul, isHangulSyllable } from './hangul.js';

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

/** The language to answer in: Korean when the message has meaningful Hangul, English when Latin only, else fallback. */
export function replyLanguage(text: string, fallback: Lang): Lang {
  const { korean, english, syllables } = countWords(text);
  // Bare jamo (ㅋㅋ, ㅠㅠ) are emoticons, not a language choice; one real syllable (네, 응) is.
  if (syllables > 0 && korean > 0) return 'ko';
  if (english > 0) return 'en';
  return fallback;
}
