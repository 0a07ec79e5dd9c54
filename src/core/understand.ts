/** Turns a raw inbound message into what the dialog acts on: cleaned, masked, language-tagged and matched. */
import { findCaseIdInText } from '../cases/case-id.js';
import { caseSolvedOfChoice } from '../dialog/choices.js';
import { MAX_INPUT_CHARS, MAX_MESSAGE_CHARS } from '../dialog/step.js';
import type { Understanding } from '../dialog/understanding.js';
import type { Lang } from '../knowledge/types.js';
import { replyLanguage } from '../nlu/language.js';
import { maskFileRef, maskSensitive } from '../nlu/sensitive-data.js';
import type { MatchResult, MessageMatcher } from '../nlu/types.js';
import type { InboundMessage } from '../channels/contract.js';

const NO_MATCH: MatchResult = { intent: 'oos', confidence: 0, ranked: [], ambiguous: false };

// Zero-width spaces, soft hyphens and BOMs hide inside words (비밀\u200B번호); bidi embeddings, overrides and
// isolates (U+202E) make text read differently from what it says. A zero-width joiner is kept only inside
// an emoji sequence (👨‍👩‍👧), where it is part of the picture.
const INVISIBLE = /[\u200B\u200C\u2060\uFEFF\u00AD\u180E\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]|(?<!\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/** Removes control and invisible characters and normalises Unicode and spaces, keeping line breaks and emoji sequences. */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00A0\u3000]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The first MAX_INPUT_CHARS of a text, without splitting a surrogate pair; `cut` says whether anything was dropped. */
export function boundInput(text: string): { text: string; cut: boolean } {
  if (text.length <= MAX_INPUT_CHARS) return { text, cut: false };
  const end = /[\uD800-\uDBFF]/.test(text[MAX_INPUT_CHARS - 1]) ? MAX_INPUT_CHARS - 1 : MAX_INPUT_CHARS;
  return { text: text.slice(0, end), cut: true };
}

/**
 * The language to reply in. Addresses, ids, codes and a lone product name ("Chrome", "iOS 17.2") in a
 * conversation under way are not a choice of language, so they keep its current one; a conversation's
 * first message ("login", "hi") is. Quoted text (code, `>` lines, "…") is what a screen said, not the user's
 * language; and in a conversation under way, a message of several lines is most often pasted, so it keeps the
 * language too (someone who switches language does it in their next line).
 */
export function conversationLanguage(text: string, current: Lang, underWay = true): Lang {
  if (underWay && text.includes('\n')) return current;
  // Whole whitespace-separated tokens are dropped, never a backtracking regex: this runs on every message.
  const words = withoutQuotedText(text)
    .split(/\s+/)
    .filter((token) => !/^(?:https?:\/\/|www\.)/i.test(token) && !token.includes('@') && !/[\d_./\\:#-]/.test(token))
    .join(' ');
  if (/[\uac00-\ud7a3]/.test(words)) return replyLanguage(words, current);
  const latinWords = words.match(/[A-Za-z]{2,}/g) ?? [];
  return latinWords.length >= (underWay ? 2 : 1) ? replyLanguage(words, current) : current;
}

/** The text without what it quotes: code blocks and spans, `>` lines, and text in double quotes or 「」. */
function withoutQuotedText(text: string): string {
  return text
    .replace(/```[\s\S]*?(?:```|$)/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/^>.*$/gm, ' ')
    .replace(/"[^"\n]*"|“[^”\n]*”|「[^」\n]*」|『[^』\n]*』/g, ' ');
}

/** The case a message is written to: the platform's (a reply in a case's thread), or the one a case's own button names. */
function addressedCase(message: InboundMessage): { addressedTo?: string } {
  const id = (message.caseId && findCaseIdInText(message.caseId)) ?? caseSolvedOfChoice(message.choice)?.caseId;
  return id ? { addressedTo: id } : {};
}

/** Understands one inbound message in the conversation's current language (`underWay`: the user has written before). */
export async function understand(matcher: MessageMatcher, message: InboundMessage, currentLang: Lang, underWay = true): Promise<Understanding> {
  // File names and URLs are masked like text: a file named after a card number reaches no one in clear.
  const maskedFiles = (message.files ?? []).map(maskFileRef);
  const files = maskedFiles.map((m) => m.file);
  const fileKinds = maskedFiles.flatMap((m) => m.found);
  const addressed = addressedCase(message);
  if (message.choice !== undefined) {
    return { shape: 'choice', text: '', lang: currentLang, match: NO_MATCH, sensitive: [...new Set(fileKinds)], caseIdMention: null, choice: message.choice, files, ...addressed };
  }
  const input = boundInput(message.text ?? '');
  const cleaned = cleanText(input.text);
  const masked = maskSensitive(cleaned);
  const text = masked.text;
  const sensitive = [...new Set([...masked.found, ...fileKinds])];
  const lang = message.lang ?? conversationLanguage(text, currentLang, underWay);
  const base = { text, lang, sensitive, files, caseIdMention: null, match: NO_MATCH, ...addressed };
  if (text.length === 0) return { ...base, shape: 'empty' };
  if (input.cut || text.length > MAX_MESSAGE_CHARS) return { ...base, shape: 'too_long', cut: input.cut };
  if (!/[\p{L}\p{N}]/u.test(text)) return { ...base, shape: 'no_words' };
  return { ...base, shape: 'text', match: await matcher.match(text), caseIdMention: findCaseIdInText(text) };
}
