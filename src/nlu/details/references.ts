/** Identifiers a user quotes: page URLs, order or payment references, and login ids or e-mail addresses. */

const URL_CHARS = String.raw`[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]`;
const SCHEME_URL = new RegExp(String.raw`(?<![A-Za-z0-9])https?://${URL_CHARS}+`, 'gi');
const WWW_URL = new RegExp(String.raw`(?<![A-Za-z0-9.@/])www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/${URL_CHARS}*)?`, 'gi');
const TLDS = 'com|net|org|kr|co\\.kr|or\\.kr|go\\.kr|ac\\.kr|io|me|app|dev|info|biz|jp|cn|us|uk|tv|xyz|site|blog|page|ai|edu|gov|shop|store|link|ly|gl|to';
// cafe.example.com/abc, blog.naver.com/user/123, example.co.kr — not a file name or an e-mail domain.
const BARE_DOMAIN = new RegExp(String.raw`(?<![A-Za-z0-9.@/\-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:${TLDS})(?![A-Za-z0-9.-]*@)(?![A-Za-z0-9-])(?:/${URL_CHARS}*)?`, 'gi');
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![A-Za-z0-9])/g;

/** The text with every e-mail address replaced by what `replace` makes of it. */
export function replaceEmailAddresses(text: string, replace: (address: string) => string): string {
  return text.replace(EMAIL, replace);
}

/** The first web address in the text, without trailing punctuation. */
export function findUrl(text: string): string | undefined {
  const found: Array<{ at: number; url: string }> = [];
  for (const re of [SCHEME_URL, WWW_URL, BARE_DOMAIN]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) found.push({ at: m.index, url: trimUrl(m[0]) });
  }
  found.sort((a, b) => a.at - b.at || b.url.length - a.url.length);
  return found.find((f) => f.url.includes('.'))?.url;
}

function trimUrl(url: string): string {
  let u = url.replace(/[.,;:!?'"]+$/, '');
  // A closing bracket belongs to the URL only when it opened inside it.
  while (/[)\]]$/.test(u) && count(u, u.endsWith(')') ? '(' : '[') < count(u, u.slice(-1))) u = u.slice(0, -1).replace(/[.,;:!?'"]+$/, '');
  return u;
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

// "주문번호 2026-1120-555", "결제번호: T123456", "order #A12345", "receipt no. 9988", "transaction id 77aa11".
const ORDER_KEYWORD =
  /(?:주문\s?번호|결제\s?번호|거래\s?번호|승인\s?번호|영수증\s?번호|구매\s?번호|주문\s?id|결제\s?id|order\s?(?:number|no\.?|#|id|ref(?:erence)?)?|receipt\s?(?:number|no\.?|#|id)?|transaction\s?(?:number|no\.?|#|id)?|invoice\s?(?:number|no\.?|#)?|payment\s?(?:id|number|no\.?|#|ref(?:erence)?)|txn\s?(?:id)?)\s?(?:는|은|이|가|:|：|=|is|was)?\s?#?\s?([A-Za-z0-9][A-Za-z0-9\-_]{3,39})/gi;
// An id-like token on its own: ORD-2026-1234, PAY-20261120-01, T20261120-0001.
const ORDER_TOKEN = /(?<![A-Za-z0-9\-_*#])([A-Z]{1,6}-?\d{4,}(?:-[A-Z0-9]+)*)(?![A-Za-z0-9\-_*])/g;
// Prefixes that make a token an error code or a device, not an order.
const NOT_ORDER_BEFORE = /(?:에러|오류|error|err|code|코드|갤럭시|galaxy|iphone|아이폰)\s?[:#]?\s?$/i;

/** The order or payment reference in the text: after a keyword, or an id-like token such as ORD-2026-1234. */
export function findOrderRef(text: string): string | undefined {
  ORDER_KEYWORD.lastIndex = 0;
  for (let m = ORDER_KEYWORD.exec(text); m; m = ORDER_KEYWORD.exec(text)) {
    const id = m[1].replace(/[-_]+$/, '');
    if (/\d/.test(id) && id.replace(/\D/g, '').length >= 3) return id;
  }
  ORDER_TOKEN.lastIndex = 0;
  for (let m = ORDER_TOKEN.exec(text); m; m = ORDER_TOKEN.exec(text)) {
    if (/^[A-Z]/.test(m[1]) && !NOT_ORDER_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) return m[1];
  }
  return undefined;
}

/** In an answer to "what is the order number?": any id-like token with enough digits will do. */
export function findOrderRefAnswer(text: string): string | undefined {
  const clear = findOrderRef(text);
  if (clear) return clear;
  const m = /(?<![A-Za-z0-9\-_*#])([A-Za-z0-9][A-Za-z0-9\-_]{3,39})(?![A-Za-z0-9\-_*])/.exec(text);
  if (!m) return undefined;
  const digits = m[1].replace(/\D/g, '').length;
  return digits >= 4 && !/^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$/.test(m[1]) ? m[1].replace(/[-_]+$/, '') : undefined;
}

// "아이디는 abc123", "ID: hong_gd", "my id is kim1234", "username: foo", "계정은 foo@bar.com".
const ACCOUNT_KEYWORD =
  /(아이디|계정|로그인\s?id|(?<![A-Za-z])(?:user\s?name|user\s?id|login\s?(?:id|name)|account\s?(?:id|name)?|id))\s?(는|은|이|가|:|：|=|is|was)?\s?(?:is\s)?[:：]?\s?([A-Za-z0-9][A-Za-z0-9._-]{2,29})(?![A-Za-z0-9._@-])/gi;
// Words that follow "my account" or "ID" but are not ids.
const NOT_AN_ID = /^(?:is|was|has|have|got|and|the|for|not|been|being|number|password|locked|hacked|suspended|blocked|disabled|deleted|name|please|again|check|verification|card|reset|recovery|info|that|this|with|from|help)$/i;

/** The login id or e-mail address the user gives (e-mail anywhere; an id only after a keyword). */
export function findAccountId(text: string): string | undefined {
  EMAIL.lastIndex = 0;
  const email = EMAIL.exec(text);
  if (email) return email[0];
  ACCOUNT_KEYWORD.lastIndex = 0;
  for (let m = ACCOUNT_KEYWORD.exec(text); m; m = ACCOUNT_KEYWORD.exec(text)) {
    const id = m[3].replace(/[._-]+$/, '');
    // Without "는/:/is" between, only an id-shaped token counts ("account problem" is not an id).
    const idShaped = /[\d._-]/.test(id);
    // "my account is dormant" describes the account; only "account: x" or an id-shaped token names it.
    const bareAccount = /^(?:account|계정)$/i.test(m[1].trim());
    if (id.length >= 3 && !NOT_AN_ID.test(id) && (idShaped || (m[2] !== undefined && (!bareAccount || /^[:：=]$/.test(m[2]))))) return id;
  }
  return undefined;
}

/** In an answer to "what is your id?": a single id-shaped token will do. */
export function findAccountIdAnswer(text: string): string | undefined {
  const clear = findAccountId(text);
  if (clear) return clear;
  // Portal ids have at least four characters; a digit-first token needs a letter to look like an id.
  const tokens = text.match(/(?<![A-Za-z0-9._@*-])[A-Za-z][A-Za-z0-9._-]{3,29}(?![A-Za-z0-9._@*-])|(?<![A-Za-z0-9._@*-])(?=[0-9][A-Za-z0-9._-]{3,29}(?![A-Za-z0-9._@*-]))[0-9][A-Za-z0-9._-]*[A-Za-z][A-Za-z0-9._-]*(?![A-Za-z0-9._@*-])/g) ?? [];
  const ids = tokens.filter((t) => !NOT_AN_ID.test(t) && !/^(?:id|my|it|ok|okay|yes|no|lol|haha|hmm|idk)$/i.test(t));
  return ids.length === 1 ? ids[0].replace(/[._-]+$/, '') : undefined;
}
