/**
 * The one masking module: every text that is stored, relayed to agents or echoed to the user goes through
 * maskSensitive (user text, pasted errors, detail values, case summaries) or maskFileRef (attachment names
 * and URLs). Passwords after a cue, cards with their CVC and expiry, registration numbers, phone numbers,
 * API keys and tokens, and credentials in URLs are replaced by a label that says what was hidden
 * (`[카드번호]`, `[password]`). Case ids, dates, versions, order references and error codes are left alone.
 * Masking is idempotent: masked text masks to itself, so stored data can be rescanned with newer rules.
 */
import type { FileRef } from '../cases/types.js';
import { findPasswords } from './passwords.js';
import { findCards, findPhones, findRegistrationNumbers } from './personal-numbers.js';
import { findSecretTokens } from './secret-tokens.js';
import { SpanList, type SensitiveKind } from './sensitive-spans.js';
import { appendCopy, appendString, setUnit, startString, takeString } from './text-buffer.js';

export type { SensitiveKind } from './sensitive-spans.js';

/** What replaces each kind of sensitive data, in the language of the text around it. */
export const SENSITIVE_LABELS: Record<'ko' | 'en', Record<SensitiveKind, string>> = {
  ko: {
    password: '[비밀번호]',
    card: '[카드번호]',
    card_code: '[CVC]',
    card_expiry: '[유효기간]',
    rrn: '[주민등록번호]',
    foreigner_id: '[외국인등록번호]',
    phone: '[전화번호]',
    token: '[토큰]',
  },
  en: {
    password: '[password]',
    card: '[card number]',
    card_code: '[CVC]',
    card_expiry: '[card expiry]',
    rrn: '[RRN]',
    foreigner_id: '[foreigner ID]',
    phone: '[phone number]',
    token: '[token]',
  },
};

// The same labels percent-encoded, for file names and URLs.
const URL_LABELS = {
  ko: Object.fromEntries(Object.entries(SENSITIVE_LABELS.ko).map(([kind, label]) => [kind, encodeURIComponent(label)])),
  en: Object.fromEntries(Object.entries(SENSITIVE_LABELS.en).map(([kind, label]) => [kind, encodeURIComponent(label)])),
} as Record<'ko' | 'en', Record<SensitiveKind, string>>;

/** A masked text and the kinds of sensitive data that were found in it. */
export interface MaskResult {
  text: string;
  found: SensitiveKind[];
}

/** How a text is read: a file name or URL takes '_' as a space ("4111_1111_1111_1111.png"), and its labels are percent-encoded. */
interface MaskOptions {
  fileName?: boolean;
  urlSafe?: boolean;
}

// Full-width ASCII (４１１１), every dash (‐ – — − ﹣), and wide or no-break spaces: one UTF-16 unit each, so
// positions in the folded copy are positions in the original.
const FOLDABLE = /[\uFF01-\uFF5E\u2010-\u2015\u2212\uFE58\uFE63\u3000\u00A0]/;
// Runs of them, found one run at a time: a full-width card number is one or a few runs, not sixteen matches.
const FOLDABLE_RUNS = new RegExp(`${FOLDABLE.source}+`, 'g');
const HANGUL = /[\uAC00-\uD7A3]/;
// Reused by every call (masking never runs inside itself), so a message leaves no span objects behind.
const spans = new SpanList();

/** The text with every recognised secret or personal number replaced by a label, and which kinds were found. */
export function maskSensitive(text: string, options: MaskOptions = {}): MaskResult {
  const original = typeof text === 'string' ? text : '';
  if (original.length === 0) return { text: original, found: [] };
  const folded = fold(original);
  spans.clear();
  findSecretTokens(folded, spans);
  const words = options.fileName ? folded.replace(/_/g, ' ') : folded;
  findCards(words, spans);
  findRegistrationNumbers(words, spans);
  findPhones(words, spans);
  findPasswords(words, spans);
  if (spans.size === 0) return { text: original, found: [] };
  const lang = HANGUL.test(original) ? 'ko' : 'en';
  const labels = options.urlSafe ? URL_LABELS[lang] : SENSITIVE_LABELS[lang];
  const found: SensitiveKind[] = [];
  // The original goes in first; the masked text is built after it from copies of its ranges and the labels.
  startString();
  appendString(original);
  let at = 0;
  spans.forEachMerged((start, end, kind) => {
    if (!found.includes(kind)) found.push(kind);
    appendCopy(at, start);
    appendString(labels[kind]);
    at = end;
  });
  appendCopy(at, original.length);
  return { text: takeString(original.length), found };
}

/** The text with full-width ASCII, dashes and wide spaces folded to plain ASCII, unit for unit; the text itself when it has none. */
function fold(text: string): string {
  FOLDABLE_RUNS.lastIndex = 0;
  if (!FOLDABLE_RUNS.test(text)) return text;
  startString();
  appendString(text);
  do {
    // Back from the run's end to its start.
    for (let at = FOLDABLE_RUNS.lastIndex - 1; at >= 0; at--) {
      const unit = foldedUnit(text.charCodeAt(at));
      if (unit === 0) break;
      setUnit(at, unit);
    }
  } while (FOLDABLE_RUNS.test(text));
  return takeString(0);
}

/** The ASCII unit a unit of FOLDABLE folds to, 0 for any other unit (the two list the same units). */
function foldedUnit(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000 || code === 0xa0) return 0x20;
  if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe58 || code === 0xfe63) return 0x2d;
  return 0;
}

/** A URL with its credentials, secret parameters and any sensitive data in its path masked; still a valid URL. */
export function maskUrl(url: string): MaskResult {
  const found = new Set<SensitiveKind>();
  // Percent-encoded parts ("%EC%B9%B4%EB%93%9C%20…") are masked first, as they read once decoded: an AWS key id
  // and its secret in one file name are only recognised together.
  const decodedParts = url.replace(/[^/?&=#]*%[0-9A-Fa-f]{2}[^/?&=#]*/g, (part) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return part;
    }
    const masked = maskSensitive(decoded, { fileName: true });
    if (masked.found.length === 0) return part;
    for (const kind of masked.found) found.add(kind);
    return encodeURIComponent(masked.text);
  });
  const whole = maskSensitive(decodedParts, { fileName: true, urlSafe: true });
  for (const kind of whole.found) found.add(kind);
  return { text: whole.text, found: [...found] };
}

/** An attachment with its file name and URL masked (a file named after a card number reaches no one in clear). */
export function maskFileRef(file: FileRef): { file: FileRef; found: SensitiveKind[] } {
  const name = maskSensitive(file.name, { fileName: true });
  const url = file.url === undefined ? undefined : maskUrl(file.url);
  const masked: FileRef = { ...file, name: name.text, ...(url ? { url: url.text } : {}) };
  return { file: masked, found: [...new Set([...name.found, ...(url?.found ?? [])])] };
}

/** A login id or e-mail as agents see it: enough to recognise, not enough to use ("ab****@example.com"). */
export function maskAccountId(id: string): string {
  const value = (typeof id === 'string' ? id : '').trim();
  const at = value.lastIndexOf('@');
  if (at > 0) return `${maskMiddle(value.slice(0, at), false)}${value.slice(at)}`;
  return maskMiddle(value, true);
}

/** Keeps two leading characters (and two trailing ones for long plain ids); stars the rest. */
function maskMiddle(s: string, keepTail: boolean): string {
  const chars = [...s];
  if (chars.length <= 2) return '*'.repeat(Math.max(chars.length, 1));
  if (chars.length <= 4) return chars[0] + '*'.repeat(chars.length - 1);
  const head = chars.slice(0, 2).join('');
  if (!keepTail || chars.length < 7) return head + '*'.repeat(chars.length - 2);
  return head + '*'.repeat(chars.length - 4) + chars.slice(-2).join('');
}
