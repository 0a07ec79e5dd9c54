/** Detects whether a message is Korean, English, both or neither, and picks the language to reply in. */
import type { Lang } from '../knowledge/types.js';
import { isHangul } from './hangul.js';

/** The script mix of a message. */
export type DetectedLanguage = 'ko' | 'en' | 'mixed' | 'unknown';

function countScripts(text: string): { hangul: number; latin: number } {
  let hangul = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHangul(c)) hangul++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) latin++;
    // Full-width Latin (ｗｉｆｉ) counts as Latin too.
    else if ((c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) latin++;
  }
  return { hangul, latin };
}

/** 'ko' for Hangul only, 'en' for Latin letters only, 'mixed' for both, 'unknown' when there are no letters of either. */
export function detectLanguage(text: string): DetectedLanguage {
  const { hangul, latin } = countScripts(text);
  if (hangul === 0 && latin === 0) return 'unknown';
  if (hangul === 0) return 'en';
  if (latin === 0) return 'ko';
  // A Korean sentence quoting an English product name ("wifi가 안돼요") is Korean; a stray 네 in English is English.
  if (hangul >= 2 * latin) return 'ko';
  if (latin >= 4 * hangul && hangul < 2) return 'en';
  return 'mixed';
}

/** The language to answer in: Korean when the message has meaningful Hangul, English when Latin only, else fallback. */
export function replyLanguage(text: string, fallback: Lang): Lang {
  const { hangul, latin } = countScripts(text);
  // A lone jamo such as "ㅋ" or "ㅠ" is an emoticon, not a language choice.
  const meaningfulHangul = hangul >= 2 || (hangul === 1 && latin === 0 && /[\uac00-\ud7a3]/.test(text));
  if (meaningfulHangul) return 'ko';
  if (latin >= 2) return 'en';
  return fallback;
}
