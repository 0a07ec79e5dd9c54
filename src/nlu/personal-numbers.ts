/**
 * Personal numbers in text: payment cards (Luhn-checked, with the CVC and expiry next to them), Korean
 * resident and foreigner registration numbers, and phone numbers. The text is already folded (ASCII
 * digits, '-' for every dash), so one pattern covers full-width digits and en dashes.
 */
import luhn from 'fast-luhn';
import { getCountries, getCountryCallingCode, Metadata } from 'libphonenumber-js/min';
import { forEachMatch, type SensitiveSpan } from './sensitive-spans.js';

// Card: 13-19 digits starting with an issuer digit (2-6), in groups split by spaces, dashes or dots ("4111 - 1111").
const CARD = /(?<![A-Za-z0-9.-])[2-6](?:[ .-]{0,3}\d){12,22}(?![A-Za-z0-9]|[.-]\d)/g;
// A CVC with its cue anywhere; an expiry with its cue only in a message that has a card or CVC.
const CVC = /(?<![A-Za-z])(?:CVC2?|CVV2?|CID|CSC|보안\s?코드|security code)\s{0,2}(?:번호)?\s{0,2}(?:는|은|:|=)?\s{0,2}(\d{3,4})(?!\d)/gi;
const EXPIRY =
  /(?<![A-Za-z])(?:유효\s?기간|만료(?:일)?|exp(?:iry|iration)?(?:\s?date)?|valid\s?thru|MM\/YY)\s{0,2}(?:은|는|:|=)?\s{0,2}((?:0[1-9]|1[0-2])\s?[/.-]\s?(?:20)?\d{2})(?!\d)/gi;
// Right after a card number: "12/28" and "737" in the next few characters of its line are its expiry and CVC.
const AFTER_CARD = 30;
const BARE_EXPIRY = /(?<!\d)(?:0[1-9]|1[0-2])\s?\/\s?(?:20)?\d{2}(?!\d)/g;
const BARE_CVC = /(?<![\d/])\d{3,4}(?![\d/])/g;

// Registration number: YYMMDD, any dash or space (or none), then the gender/century digit (1-4 citizens, 5-8 foreigners).
const REGISTRATION = /(?<![A-Za-z0-9.-])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])( {0,2}- {0,2}| {1,2}|)[1-8]\d{6}(?![A-Za-z0-9]|-\d)/g;
const REGISTRATION_CUE = /주민|외국인|등록\s?번호|RRN|resident|registration/i;
const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

// Korean phones: mobile (010), Seoul (02), area codes (031…064), 070 and 050x, with +82 or 0, any of - . space.
const KR_PHONE =
  /(?<![A-Za-z0-9.+-])(?:(?:\+|00)82[ .-]?(?:\(0\)|0)?[ .-]?|\(?0)(?:1[016789]|2|[3-6][1-5]|70|50[2-8]?)\)?[ .-]?\d{3,4}[ .-]?\d{4}(?![A-Za-z0-9]|[.-]\d)/g;
// Other international numbers, checked against the possible lengths of their calling code in libphonenumber's metadata.
const INTL_PHONE = /(?<![A-Za-z0-9+])\+(?!82)[1-9]\d{0,2}(?:[ .-]?\(?\d{1,5}\)?){2,5}(?![A-Za-z0-9]|[.-]\d)/g;
// North American numbers written without +1: (415) 555-2671, 415-555-2671, 415.555.2671 (area and exchange start 2-9).
const NANP_PHONE = /(?<![A-Za-z0-9.+-])(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-])[2-9]\d{2}[.-]\d{4}(?![A-Za-z0-9]|[.-]\d)/g;

/** Spans of card numbers and the CVC and expiry written with them. */
export function findCards(text: string, spans: SensitiveSpan[]): void {
  let cardFound = false;
  for (const m of text.matchAll(CARD)) {
    const end = cardEnd(m[0]);
    if (end === 0) continue;
    cardFound = true;
    const after = m.index + end;
    spans.push({ start: m.index, end: after, kind: 'card' });
    const newline = text.indexOf('\n', after);
    const window = text.slice(after, newline === -1 ? after + AFTER_CARD : Math.min(newline, after + AFTER_CARD));
    if (!/\d/.test(window)) continue;
    forEachMatch(BARE_EXPIRY, window, (e) => spans.push({ start: after + e.index, end: after + e.index + e[0].length, kind: 'card_expiry' }));
    forEachMatch(BARE_CVC, window, (c) => spans.push({ start: after + c.index, end: after + c.index + c[0].length, kind: 'card_code' }));
  }
  let cvcFound = false;
  for (const m of text.matchAll(CVC)) {
    cvcFound = true;
    spans.push({ start: m.index + m[0].length - m[1].length, end: m.index + m[0].length, kind: 'card_code' });
  }
  if (!cardFound && !cvcFound) return;
  for (const m of text.matchAll(EXPIRY)) spans.push({ start: m.index + m[0].length - m[1].length, end: m.index + m[0].length, kind: 'card_expiry' });
}

/**
 * How many characters of a digit run are a card number (0: none). The run may carry a number after the
 * card ("4111 1111 1111 1111 737"), so ever shorter prefixes of whole groups are tried.
 */
function cardEnd(run: string): number {
  const lengths: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    if (i === 0 || run.charCodeAt(i - 1) < 48 || run.charCodeAt(i - 1) > 57) lengths.push(0);
    lengths[lengths.length - 1]++;
    ends[lengths.length - 1] = i + 1;
  }
  const digits = run.replace(/\D/g, '');
  let count = digits.length;
  for (let k = lengths.length; k >= 1; count -= lengths[--k]) {
    if (count < 13 || count > 19) continue;
    if (!cardGrouping(lengths.slice(0, k)) || !luhn(digits.slice(0, count))) continue;
    return ends[k - 1];
  }
  return 0;
}

/** Cards are written in groups of 4 (the last may be shorter), Amex 4-6-5, Diners 4-6-4, or not grouped at all: "20240422-56999" is an order. */
function cardGrouping(lengths: number[]): boolean {
  if (lengths.length === 1) return true;
  if (lengths.slice(0, -1).every((n) => n === 4) && lengths[lengths.length - 1] <= 4) return true;
  return lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (lengths[2] === 5 || lengths[2] === 4);
}

/** Spans of resident and foreigner registration numbers. */
export function findRegistrationNumbers(text: string, spans: SensitiveSpan[]): void {
  for (const m of text.matchAll(REGISTRATION)) {
    const digits = m[0].replace(/\D/g, '');
    const separated = m[1] !== '';
    // Thirteen digits in a row are an order or invoice number as often as an RRN: they need a cue or a valid check digit.
    if (!separated && !REGISTRATION_CUE.test(text.slice(Math.max(0, m.index - 20), m.index)) && !checkDigitValid(digits)) continue;
    const foreigner = digits[6] >= '5';
    spans.push({ start: m.index, end: m.index + m[0].length, kind: foreigner ? 'foreigner_id' : 'rrn' });
  }
}

/** The check digit of numbers issued before October 2020 (citizens: 11 − sum mod 11; foreigners: 13 − sum mod 11). */
function checkDigitValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (digits.charCodeAt(i) - 48) * WEIGHTS[i];
  const last = digits.charCodeAt(12) - 48;
  const citizen = (11 - (sum % 11)) % 10;
  const foreigner = (13 - (sum % 11)) % 10;
  return digits[6] >= '5' ? last === foreigner : last === citizen;
}

/** Spans of Korean, international and North American phone numbers. */
export function findPhones(text: string, spans: SensitiveSpan[]): void {
  for (const m of text.matchAll(KR_PHONE)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'phone' });
  for (const m of text.matchAll(INTL_PHONE)) {
    const end = possiblePhoneEnd(m[0]);
    if (end > 0) spans.push({ start: m.index, end: m.index + end, kind: 'phone' });
  }
  for (const m of text.matchAll(NANP_PHONE)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'phone' });
}

let possibleLengths: Map<string, Set<number>> | undefined;

/**
 * National number lengths possible after each calling code, from libphonenumber's metadata. Its parser takes
 * 30-90 µs a number, too slow for every candidate of a long message; a lookup in this table takes nothing.
 */
function lengthsByCallingCode(): Map<string, Set<number>> {
  if (possibleLengths) return possibleLengths;
  possibleLengths = new Map();
  const metadata = new Metadata();
  for (const country of getCountries()) {
    metadata.selectNumberingPlan(country);
    const code = getCountryCallingCode(country);
    const lengths = possibleLengths.get(code) ?? new Set<number>();
    for (const n of metadata.numberingPlan?.possibleLengths() ?? []) lengths.add(n);
    possibleLengths.set(code, lengths);
  }
  return possibleLengths;
}

/** The longest prefix of "+CC …" groups that is a possible number for its calling code (0: none). */
function possiblePhoneEnd(written: string): number {
  const table = lengthsByCallingCode();
  let candidate = written;
  for (;;) {
    const digits = candidate.replace(/\D/g, '');
    for (let ccLength = 1; ccLength <= 3; ccLength++) {
      const lengths = table.get(digits.slice(0, ccLength));
      if (lengths?.has(digits.length - ccLength)) return candidate.length;
    }
    const cut = candidate.search(/[ .-]?\(?\d+\)?$/);
    if (cut <= 2) return 0;
    candidate = candidate.slice(0, cut);
  }
}
