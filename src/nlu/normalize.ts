/** Text normalisation shared by tokenization and language detection. */

/** Longest text (in UTF-16 units) the matcher looks at: longer messages are cut so that a huge paste stays cheap. */
export const MAX_MATCH_CHARS = 2000;

// Zero-width, bidi and other invisible format characters: pasted text carries them inside words (비밀\u200B번호).
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;
// C0/C1 controls (tabs, line breaks, escape sequences) separate words.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/** NFKC-normalises, drops invisible and control characters, lowercases and cuts to MAX_MATCH_CHARS. */
export function normalizeForMatching(text: string): string {
  const cut = text.length > MAX_MATCH_CHARS * 2 ? text.slice(0, MAX_MATCH_CHARS * 2) : text;
  // NFKC folds full-width Latin (ｗｉｆｉ) and compatibility jamo forms; NFC alone would not.
  const folded = cut.normalize('NFKC').replace(INVISIBLE, '').replace(CONTROL, ' ').toLowerCase();
  return folded.length > MAX_MATCH_CHARS ? folded.slice(0, MAX_MATCH_CHARS) : folded;
}
