/**
 * Detail (slot) extraction for support cases, Korean and English: every detail a free-form message
 * clearly gives, and the value in an answer to a question about one detail. Pure: the clock is passed in,
 * nothing throws, bad input gives no details.
 *
 * Normalised values: occurred_at ISO 8601 with the zone offset, or a date alone when no time was said (precision rules in occurred-at.ts);
 * device 'pc' | 'mobile' | 'tablet'; os "Android 14", "iOS 17.2", "iPadOS", "Windows 11", "macOS 14",
 * "Linux", "ChromeOS"; browser "Chrome 120", "Safari", "Edge", "Whale", "Firefox", "Samsung Internet",
 * "Opera", "Internet Explorer 11", "Brave"; app_version "5.12.1" or "latest"; network 'wifi' |
 * 'mobile data' | 'wired'; url, order_ref, account_id as written; error_message the quoted or introduced
 * text and codes joined by " / " ("HTTP 500", "0x80070005", "오류코드 1003"); steps_tried the user's clauses.
 * When the user takes a value back ("iOS가 아니라 안드로이드", "크롬 말고 사파리", "not iOS, Android 14"),
 * the value kept is the one not taken back.
 */
import type { DetailName } from '../../knowledge/types.js';
import { findAppVersion, findAppVersionAnswer } from './app-version.js';
import { findErrorMessage } from './error-message.js';
import { findNetwork, findNetworkAnswer } from './network.js';
import { findOccurredAt } from './occurred-at.js';
import { findBrowser, findDevice, findOs } from './platform.js';
import { findAccountId, findAccountIdAnswer, findOrderRef, findOrderRefAnswer, findUrl } from './references.js';
import { hasSubstance } from './replies.js';
import { findStepsTried } from './steps-tried.js';

/** Replies that skip the detail being asked ("모르겠어요") or stop collecting ("취소"). */
export { isCancel, isDontKnow } from './replies.js';

/** The clock and IANA time zone ('Asia/Seoul' by default in the bot) that relative times resolve against. */
export interface DetailContext {
  now: Date;
  timeZone: string;
}

/** A detail's value, or why there is none: nothing was said about it, or what was said cannot be used. */
export type Extraction = { ok: true; value: string } | { ok: false; reason: 'absent' | 'unusable' };

// Longer messages are cut: a detail hides in the first lines, and regexes stay fast on 50 KB pastes.
const MAX_SCAN = 4000;
// A reply that asks back ("에러 메시지가 뭐예요?") is not an answer, even to a free-text question.
const ASKS_BACK = /[?？]\s*$|뭐예요|뭔가요|뭐죠|어디서\s?(?:봐|확인)|어떻게\s?(?:봐|확인|알)|무슨\s?말|(?<![A-Za-z])(?:what(?:'s| is| do you mean)|how do i (?:find|check|see)|where do i)(?![A-Za-z])/i;
const MAX_FREE_TEXT = 500;
const MAX_PASTED_ERROR = 2000;

/** Every detail found in a free-form user message (conservative: only clear mentions). */
export function extractDetails(text: string, ctx: DetailContext): Partial<Record<DetailName, string>> {
  const t = prepare(text);
  const out: Partial<Record<DetailName, string>> = {};
  if (!/[\p{L}\p{N}]/u.test(t)) return out;
  const found: Array<[DetailName, string | undefined]> = [
    ['occurred_at', findOccurredAt(t, ctx)],
    ['error_message', findErrorMessage(t)],
    ['device', findDevice(t)],
    ['os', findOs(t)],
    ['browser', findBrowser(t)],
    ['app_version', findAppVersion(t)],
    ['network', findNetwork(t)],
    ['steps_tried', findStepsTried(t)],
    ['account_id', findAccountId(t)],
    ['order_ref', findOrderRef(t)],
    ['url', findUrl(t)],
  ];
  for (const [name, value] of found) if (value) out[name] = value;
  return out;
}

/** The user's answer to a question about one detail (lenient: the whole text may be the answer). */
export function extractAnswer(name: DetailName, text: string, ctx: DetailContext): Extraction {
  const t = prepare(text);
  if (t.length === 0) return { ok: false, reason: 'absent' };
  if (!hasSubstance(t)) return { ok: false, reason: 'unusable' };
  const value = answerValue(name, t, ctx);
  return value ? { ok: true, value } : { ok: false, reason: 'unusable' };
}

function answerValue(name: DetailName, t: string, ctx: DetailContext): string | undefined {
  switch (name) {
    case 'occurred_at':
      return findOccurredAt(t, ctx, true);
    case 'error_message':
      if (ASKS_BACK.test(t)) return undefined;
      // Several lines are a pasted error (message, code, advice, version): kept whole, as the agent needs it.
      return t.includes('\n') ? freeText(t, MAX_PASTED_ERROR) : (findErrorMessage(t, true) ?? freeText(t));
    case 'steps_tried':
      return ASKS_BACK.test(t) ? undefined : (findStepsTried(t) ?? freeText(t));
    case 'device':
      return findDevice(t) ?? deviceFromOs(findOs(t));
    case 'os':
      return findOs(t);
    case 'browser':
      return findBrowser(t);
    case 'app_version':
      return findAppVersionAnswer(t);
    case 'network':
      return findNetworkAnswer(t);
    case 'account_id':
      return findAccountIdAnswer(t);
    case 'order_ref':
      return findOrderRefAnswer(t);
    case 'url':
      return findUrl(t);
  }
}

/** "안드로이드요" answers "which device?" well enough: the OS tells the kind of device. */
function deviceFromOs(os: string | undefined): string | undefined {
  if (!os) return undefined;
  if (/^(?:Android|iOS)/.test(os)) return 'mobile';
  if (/^iPadOS/.test(os)) return 'tablet';
  return 'pc';
}

function freeText(t: string, max = MAX_FREE_TEXT): string {
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** NFC, no zero-width or control characters, one space between words, at most MAX_SCAN characters. */
function prepare(text: string): string {
  return (typeof text === 'string' ? text : '')
    .slice(0, MAX_SCAN * 2)
    .normalize('NFC')
    // Terminal colour codes pasted from a console are not text.
    .replace(/\u001b\[[0-9;]*[A-Za-z]/g, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, ' ')
    .replace(/[ \t\u00A0\u3000]+/g, ' ')
    .trim()
    .slice(0, MAX_SCAN);
}
