/**
 * Personal numbers in text: payment cards (Luhn-checked, with the CVC and expiry next to them), Korean
 * resident and foreigner registration numbers, and phone numbers. The text is already folded (ASCII
 * digits, '-' for every dash), so one pattern covers full-width digits and en dashes.
 */
import { getCountries, getCountryCallingCode, Metadata } from 'libphonenumber-js/min';
import { PatternScanner } from './pattern-scanner.js';
import type { SpanList } from './sensitive-spans.js';

// Card: 13-19 digits starting with an issuer digit (2-6), in groups split by spaces, dashes or dots ("4111 - 1111").
const CARD = new PatternScanner(/(?<![A-Za-z0-9.-])[2-6](?:[ .-]{0,3}\d){12,22}(?![A-Za-z0-9]|[.-]\d)/, 89, '[2-6]');
// A CVC with its cue anywhere; an expiry with its cue only in a message that has a card or CVC.
const CVC = /(?<![A-Za-z])(?:CVC2?|CVV2?|CID|CSC|보안\s?코드|security code)\s{0,2}(?:번호)?\s{0,2}(?:는|은|:|=)?\s{0,2}(\d{3,4})(?!\d)/gi;
const EXPIRY =
  /(?<![A-Za-z])(?:유효\s?기간|만료(?:일)?|exp(?:iry|iration)?(?:\s?date)?|valid\s?thru|MM\/YY)\s{0,2}(?:은|는|:|=)?\s{0,2}((?:0[1-9]|1[0-2])\s?[/.-]\s?(?:20)?\d{2})(?!\d)/gi;
// Right after a card number: "12/28" and "737" in the next few characters of its line are its expiry and CVC.
const AFTER_CARD = 30;
const BARE_EXPIRY = /(?<!\d)(?:0[1-9]|1[0-2])\s?\/\s?(?:20)?\d{2}(?!\d)/g;
const BARE_CVC = /(?<![\d/])\d{3,4}(?![\d/])/g;

// Registration number: YYMMDD, any dash or space (or none), then the gender/century digit (1-4 citizens, 5-8 foreigners).
const REGISTRATION = new PatternScanner(/(?<![A-Za-z0-9.-])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?: {0,2}- {0,2}| {1,2}|)[1-8]\d{6}(?![A-Za-z0-9]|-\d)/, 18, '\\d');
const REGISTRATION_CUE = /주민|외국인|등록\s?번호|RRN|resident|registration/i;
const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

// Korean phones: mobile (010), Seoul (02), area codes (031…064), 070 and 050x, with +82 or 0, any of - . space.
const KR_PHONE =
  new PatternScanner(/(?<![A-Za-z0-9.+-])(?:(?:\+|00)82[ .-]?(?:\(0\)|0)?[ .-]?|\(?0)(?:1[016789]|2|[3-6][1-5]|70|50[2-8]?)\)?[ .-]?\d{3,4}[ .-]?\d{4}(?![A-Za-z0-9]|[.-]\d)/, 23, '[+0(]');
// Other international numbers, checked against the possible lengths of their calling code in libphonenumber's metadata.
const INTL_PHONE = new PatternScanner(/(?<![A-Za-z0-9+])\+(?!82)[1-9]\d{0,2}(?:[ .-]?\(?\d{1,5}\)?){2,5}(?![A-Za-z0-9]|[.-]\d)/, 44, '\\+');
// North American numbers written without +1: (415) 555-2671, 415-555-2671, 415.555.2671 (area and exchange start 2-9).
const NANP_PHONE = new PatternScanner(/(?<![A-Za-z0-9.+-])(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-])[2-9]\d{2}[.-]\d{4}(?![A-Za-z0-9]|[.-]\d)/, 14, '[(2-9]');

// Digit groups of the card candidate being checked: a card run has at most 23 digits, so at most 23 groups.
const groupLengths = new Int32Array(32);
const groupEnds = new Int32Array(32);

/** Spans of card numbers and the CVC and expiry written with them. */
export function findCards(text: string, spans: SpanList): void {
  let cardFound = false;
  CARD.reset();
  while (CARD.next(text)) {
    const after = cardEnd(text, CARD.start, CARD.end);
    if (after === 0) continue;
    cardFound = true;
    spans.add(CARD.start, after, 'card');
    findCodesAfterCard(text, after, spans);
  }
  let cvcFound = false;
  CVC.lastIndex = 0;
  for (let m = CVC.exec(text); m !== null; m = CVC.exec(text)) {
    cvcFound = true;
    spans.add(m.index + m[0].length - m[1].length, m.index + m[0].length, 'card_code');
  }
  if (!cardFound && !cvcFound) return;
  EXPIRY.lastIndex = 0;
  for (let m = EXPIRY.exec(text); m !== null; m = EXPIRY.exec(text)) {
    spans.add(m.index + m[0].length - m[1].length, m.index + m[0].length, 'card_expiry');
  }
}

/** The expiry and CVC in the rest of the card's line, up to AFTER_CARD characters. */
function findCodesAfterCard(text: string, after: number, spans: SpanList): void {
  const limit = Math.min(after + AFTER_CARD, text.length);
  let end = after;
  let digit = false;
  for (; end < limit; end++) {
    const c = text.charCodeAt(end);
    if (c === 0x0a) break;
    if (c >= 0x30 && c <= 0x39) digit = true;
  }
  if (!digit) return;
  // Scanned in a copy of the window, so a number cut by the window's end still counts, as it always has.
  const window = text.slice(after, end);
  BARE_EXPIRY.lastIndex = 0;
  for (let e = BARE_EXPIRY.exec(window); e !== null; e = BARE_EXPIRY.exec(window)) {
    spans.add(after + e.index, after + e.index + e[0].length, 'card_expiry');
  }
  BARE_CVC.lastIndex = 0;
  for (let c = BARE_CVC.exec(window); c !== null; c = BARE_CVC.exec(window)) {
    spans.add(after + c.index, after + c.index + c[0].length, 'card_code');
  }
}

/**
 * Where the card number in the digit run text[start, end) ends (0: there is none). The run may carry a
 * number after the card ("4111 1111 1111 1111 737"), so ever shorter prefixes of whole groups are tried.
 */
function cardEnd(text: string, start: number, end: number): number {
  let groups = 0;
  let count = 0;
  for (let i = start; i < end; i++) {
    if (!isDigit(text.charCodeAt(i))) continue;
    if (i === start || !isDigit(text.charCodeAt(i - 1))) groupLengths[groups++] = 0;
    groupLengths[groups - 1]++;
    groupEnds[groups - 1] = i + 1;
    count++;
  }
  for (let k = groups; k >= 1; count -= groupLengths[--k]) {
    if (count < 13 || count > 19 || !cardGrouping(k)) continue;
    if (luhnValid(text, start, groupEnds[k - 1])) return groupEnds[k - 1];
  }
  return 0;
}

/** Cards are written in groups of 4 (the last may be shorter), Amex 4-6-5, Diners 4-6-4, or not grouped at all: "20240422-56999" is an order. */
function cardGrouping(groups: number): boolean {
  if (groups === 1) return true;
  let fours = true;
  for (let i = 0; i < groups - 1; i++) if (groupLengths[i] !== 4) fours = false;
  if (fours && groupLengths[groups - 1] <= 4) return true;
  return groups === 3 && groupLengths[0] === 4 && groupLengths[1] === 6 && (groupLengths[2] === 5 || groupLengths[2] === 4);
}

/**
 * The Luhn check over the digits of text[start, end), skipping separators. Written here rather than taken from
 * fast-luhn: that takes a string, and cutting one out per candidate was most of what card detection allocated.
 */
function luhnValid(text: string, start: number, end: number): boolean {
  let sum = 0;
  let double = false;
  for (let i = end - 1; i >= start; i--) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) continue;
    const d = c - 48;
    sum += double ? (d > 4 ? d * 2 - 9 : d * 2) : d;
    double = !double;
  }
  return sum % 10 === 0;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Spans of resident and foreigner registration numbers. */
export function findRegistrationNumbers(text: string, spans: SpanList): void {
  REGISTRATION.reset();
  while (REGISTRATION.next(text)) {
    const { start, end } = REGISTRATION;
    // YYMMDD, the separator, then seven digits.
    const separated = end - start > 13;
    // Thirteen digits in a row are an order or invoice number as often as an RRN: they need a cue or a valid check digit.
    if (!separated && !REGISTRATION_CUE.test(text.slice(Math.max(0, start - 20), start)) && !checkDigitValid(text, start)) continue;
    // The seventh digit tells citizens (1-4) from foreigners (5-8).
    const foreigner = text.charCodeAt(end - 7) >= 0x35;
    spans.add(start, end, foreigner ? 'foreigner_id' : 'rrn');
  }
}

/** The check digit of the thirteen digits at text[start], as issued before October 2020 (citizens: 11 − sum mod 11; foreigners: 13 − sum mod 11). */
function checkDigitValid(text: string, start: number): boolean {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (text.charCodeAt(start + i) - 48) * WEIGHTS[i];
  const last = text.charCodeAt(start + 12) - 48;
  const citizen = (11 - (sum % 11)) % 10;
  const foreigner = (13 - (sum % 11)) % 10;
  return text.charCodeAt(start + 6) >= 0x35 ? last === foreigner : last === citizen;
}

/** Spans of Korean, international and North American phone numbers. */
export function findPhones(text: string, spans: SpanList): void {
  KR_PHONE.reset();
  while (KR_PHONE.next(text)) spans.add(KR_PHONE.start, KR_PHONE.end, 'phone');
  // Every international number starts with '+'; most messages have none, and an indexOf skips the pass.
  if (text.includes('+')) {
    INTL_PHONE.reset();
    while (INTL_PHONE.next(text)) {
      const end = possiblePhoneEnd(text, INTL_PHONE.start, INTL_PHONE.end);
      if (end > 0) spans.add(INTL_PHONE.start, end, 'phone');
    }
  }
  NANP_PHONE.reset();
  while (NANP_PHONE.next(text)) spans.add(NANP_PHONE.start, NANP_PHONE.end, 'phone');
}

// The first one, two and three digits of the phone candidate being checked, each a possible calling code.
const callingCodes = new Int32Array(3);
let possibleLengths: Array<Set<number> | undefined> | undefined;

/**
 * National number lengths possible after each calling code (by its number: codes have no leading zero), from
 * libphonenumber's metadata. Its parser takes 30-90 µs a number, too slow for every candidate of a long
 * message; a lookup in this table takes nothing.
 */
function lengthsByCallingCode(): Array<Set<number> | undefined> {
  if (possibleLengths) return possibleLengths;
  possibleLengths = [];
  const metadata = new Metadata();
  for (const country of getCountries()) {
    metadata.selectNumberingPlan(country);
    const code = Number(getCountryCallingCode(country));
    const lengths = possibleLengths[code] ?? new Set<number>();
    for (const n of metadata.numberingPlan?.possibleLengths() ?? []) lengths.add(n);
    possibleLengths[code] = lengths;
  }
  return possibleLengths;
}

/** Where the longest prefix of the "+CC …" groups at text[start, end) that is a possible number for its calling code ends (0: none). */
function possiblePhoneEnd(text: string, start: number, end: number): number {
  const table = lengthsByCallingCode();
  for (;;) {
    let digits = 0;
    let code = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (!isDigit(c)) continue;
      digits++;
      if (digits > 3) continue;
      code = code * 10 + (c - 48);
      callingCodes[digits - 1] = code;
    }
    for (let ccLength = 1; ccLength <= 3 && ccLength < digits; ccLength++) {
      if (table[callingCodes[ccLength - 1]]?.has(digits - ccLength)) return end;
    }
    end = lastGroupStart(text, start, end);
    if (end - start <= 2) return 0;
  }
}

/** Where the last group of text[start, end) starts, with its separator and parenthesis ("+1 (415) 555" → at " 555"); -1 if it ends in no digit. */
function lastGroupStart(text: string, start: number, end: number): number {
  let at = end;
  if (text.charCodeAt(at - 1) === 0x29) at--;
  const digitsEnd = at;
  while (at > start && isDigit(text.charCodeAt(at - 1))) at--;
  if (at === digitsEnd) return -1;
  if (at > start && text.charCodeAt(at - 1) === 0x28) at--;
  const c = at > start ? text.charCodeAt(at - 1) : 0;
  if (c === 0x20 || c === 0x2e || c === 0x2d) at--;
  return at;
}
