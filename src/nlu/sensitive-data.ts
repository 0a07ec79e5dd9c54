/**
 * Masking of secrets and personal numbers typed into chat, before anything is stored, logged or relayed:
 * passwords, card numbers (Luhn-checked), Korean resident registration numbers and phone numbers.
 * Case ids, dates, app versions, order references and error codes are left alone.
 */

/** A kind of sensitive data the masker recognises. */
export type SensitiveKind = 'password' | 'card' | 'rrn' | 'phone';

/** The mask that replaces a password: language-neutral and of fixed length, so it leaks nothing. */
export const PASSWORD_MASK = '********';

// Resident registration number: YYMMDD-GNNNNNN with a real date and a gender/century digit 1-4.
const RRN = /(?<![\d*#-])(\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\s?(-?)\s?([1-4])\d{6}(?![\d-])/g;
// 13-19 digits, optionally grouped by single spaces or dashes.
const CARD = /(?<![\dA-Za-z*#.-])\d(?:[ -]?\d){12,18}(?![\dA-Za-z*-])/g;
// Korean mobile (010-1234-5678), Seoul (02-123-4567), area codes (031-...), 070 and +82 forms.
const KR_PHONE = /(?<![\dA-Za-z*#.-])(?:(\+82)[ -]?0?(1[016789]|2|[3-6][1-5]|70)|(01[016789]|02|0[3-6][1-5]|070))[ -]?(\d{3,4})[ -]?(\d{4})(?![\dA-Za-z*-])/g;
// Other international numbers: +CC followed by 7-12 digits in groups.
const INTL_PHONE = /(?<![\dA-Za-z*#])(\+(?!82)\d{1,3})[ -]?(\(?\d{1,4}\)?(?:[ -]?\d{2,4}){1,3})(?![\dA-Za-z*])/g;
// "비번은 abc123!@", "비밀번호: hunter2", "my password is hunter2", "pw: ..." — the secret is the token after.
// Korean labels may be followed directly by the secret; English ones need "is", ":" or "=" ("password reset" is no secret).
const SECRET = String.raw`("[^"\s]{1,64}"|'[^'\s]{1,64}'|[^\s가-힣]{1,64})(?=$|[\s,.!?)]|로|으로|이고|이에요|입니다|이요|예요|요|인데|라고|이라고|이랑|랑|에요|이었|였)`;
const PASSWORD = new RegExp(
  String.raw`(비밀\s?번호|비번|패스워드|암호)(\s?(?:는|은|이|가|도|를|을)?\s?(?:[:=：]\s?)?)${SECRET}` +
    String.raw`|(?<![A-Za-z])(password|passwd|passcode|pwd|pw|pin)(\s?(?:is\s|was\s|[:=：])\s?(?:[:=：]\s?)?)${SECRET}`,
  'gi',
);
// Words after "password is" that describe the password instead of being it.
const NOT_A_SECRET =
  /^(?:not|wrong|incorrect|correct|right|expired|invalid|too|the|same|reset|changed|change|being|still|working|broken|forgotten|lost|locked|different|weak|strong|long|short|required|needed|a|an|my|it|this|that|and|or|for|to|of|in|on|recovery|number|code|hint|manager|field|box|screen|page|mail|email|link|please|again|[*]+|\[.*)$/i;

/** The text with every recognised secret or personal number masked, and which kinds were found. */
export function maskSensitive(text: string): { text: string; found: SensitiveKind[] } {
  const found = new Set<SensitiveKind>();
  let out = typeof text === 'string' ? text : '';
  out = out.replace(RRN, (whole, _yy: string, _mm: string, _dd: string, dash: string) => {
    // Thirteen digits with no dash are only an RRN when no card check claims them.
    if (!dash && luhnValid(whole.replace(/\D/g, ''))) return whole;
    found.add('rrn');
    return '######-*******';
  });
  out = out.replace(CARD, (whole) => {
    const digits = whole.replace(/\D/g, '');
    if (!luhnValid(digits) || /^0/.test(digits) || !consistentGroups(whole)) return whole;
    found.add('card');
    return `****-****-****-${digits.slice(-4)}`;
  });
  out = out.replace(KR_PHONE, (whole, cc: string | undefined, ccArea: string | undefined, area: string | undefined, _mid: string, last: string) => {
    found.add('phone');
    return cc ? `${cc} ${ccArea}-****-${last}` : `${area}-****-${last}`;
  });
  out = out.replace(INTL_PHONE, (whole, cc: string, rest: string) => {
    const digits = rest.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 12) return whole;
    found.add('phone');
    return `${cc} ****-${digits.slice(-4)}`;
  });
  out = out.replace(PASSWORD, (whole, koLabel?: string, koBetween?: string, koSecret?: string, enLabel?: string, enBetween?: string, enSecret?: string) => {
    const label = koLabel ?? enLabel ?? '';
    const between = koBetween ?? enBetween ?? '';
    // Trailing punctuation is ignored when judging the word ("locked," is not a password) but masked with it.
    const bare = (koSecret ?? enSecret ?? '').replace(/[,.!?;:)]+$/, '').replace(/^["']|["']$/g, '');
    // Four characters at least: "비밀번호 5회 오류" counts attempts, it does not reveal a password.
    if (bare.length < 4 || NOT_A_SECRET.test(bare) || !/[A-Za-z0-9]/.test(bare) || bare === PASSWORD_MASK) return whole;
    found.add('password');
    return `${label}${between}${PASSWORD_MASK}`;
  });
  return { text: out, found: [...found] };
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

/** The Luhn checksum that every payment card number satisfies. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Cards are written in groups of 4 (or Amex 4-6-5): "4111 1111 1111 1111", not a list of short numbers. */
function consistentGroups(written: string): boolean {
  const groups = written.split(/[ -]/);
  if (groups.length === 1) return true;
  return groups.every((g) => g.length >= 4) || /^\d{4}[ -]\d{6}[ -]\d{5}$/.test(written);
}
