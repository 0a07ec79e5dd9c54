/** The error a user saw: the quoted message, error codes, HTTP statuses, or the text after "에러 메시지:". */

// Text introduced as the error: "에러 메시지: ...", "error says ...", "it says ...".
const INTRODUCED =
  /(?:에러|오류|error)\s?(?:메시지|메세지|문구|창|message|text)?\s?(?:는|은|가|이)?\s?[:：]\s*(.+)|(?:error|error\s+message|it|screen|popup|page|app)\s+(?:says|said|shows(?!\s+up)|showed(?!\s+up)|reads)\s*[:：]?\s*(.+)|(?:에러|오류)\s?(?:메시지|메세지|문구)(?:는|은|가|로|이)\s+(.+?)(?:\s?(?:라고|이라고|입니다|이에요|예요|이요)|$)/i;
// A single quote counts only away from letters, so "it's ... can't" is not a quotation.
const QUOTED = /"([^"\n]{2,300})"|(?<![A-Za-z])'([^'\n]{2,300})'(?![A-Za-z])|“([^”\n]{2,300})”|‘([^’\n]{2,300})’|「([^」\n]{2,300})」|『([^』\n]{2,300})』|《([^》\n]{2,300})》/g;
const CODES: RegExp[] = [
  // ERR_CONNECTION_RESET, CODE_XYZ, NET::ERR_CERT_DATE_INVALID
  /(?<![A-Za-z0-9_])(?:[A-Z]{2,}::)?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![A-Za-z0-9_])/g,
  // 0x80070005
  /(?<![A-Za-z0-9])0x[0-9A-Fa-f]{4,16}(?![A-Za-z0-9])/g,
  // NullPointerException, TypeError
  /(?<![A-Za-z0-9])[A-Z][A-Za-z]+(?:Exception|Error)(?![A-Za-z0-9])/g,
  // 오류코드 1003, 에러 코드: E-1003, error code 1003, error #1003
  /(?:오류|에러|error|err)\s?(?:코드|code|번호|no\.?|#)\s?(?:는|은|가|이|:|：|=|is)?\s?[A-Za-z]{0,3}-?\d{2,8}(?![\d.])/gi,
  // code 1003, 코드 E1003 (but not 주문번호 or a bare number)
  /(?<![가-힣A-Za-z])(?:코드|code)\s?(?:는|은|가|이|:|：|=|is)?\s?[A-Za-z]{0,3}-?\d{2,8}(?![\d.])/gi,
  // 오류 1003, error: 10035 (three digits are left to the HTTP rule)
  /(?:오류|에러|error)\s?[:：]?\s?[A-Za-z]{0,3}-?\d{4,8}(?![\d.])/gi,
];
// HTTP statuses: "HTTP 500", "500 에러", "404 오류", "error 404", "404 not found", "502 bad gateway".
const HTTP =
  /(?:http\s?(?:status\s?)?|(?:에러|오류|error|status)\s?)([1-5]\d{2})(?!\d)|(?<![\d.:-])([45]\d{2})\s?(?:에러|오류|error|페이지|page|코드|code|not\s?found|bad\s?gateway|forbidden|internal|unauthorized|service\s?unavailable|gateway\s?timeout|떠|뜨|가\s?떠|가\s?뜨|나와|나요|나옵)/gi;

const HTTP_STATUSES = new Set(['400', '401', '403', '404', '405', '408', '410', '413', '429', '500', '501', '502', '503', '504']);

// In a free-form message a quotation is an error message only next to words about errors or screens.
const ERROR_CUE =
  /에러|오류|실패|떠요|뜨|떴|나와|나옵|나오|경고|알림창|팝업|메시지|메세지|문구|없습니다|않습니다|할\s?수\s?없|만료|잘못|불가|차단|거부|(?<![A-Za-z])(?:error|fail|failed|denied|invalid|unable|cannot|can't|not\s+found|expired|says|said|shows|message|popup|alert|warning)(?![A-Za-z])/i;

/** The error message or code given in a message; `lenient` (an answer about the error) takes any quotation. */
export function findErrorMessage(text: string, lenient = false): string | undefined {
  const quotesCount = lenient || ERROR_CUE.test(text);
  const pieces: string[] = [];
  const intro = INTRODUCED.exec(text);
  if (intro) pieces.push(clean(intro[1] ?? intro[2] ?? intro[3]));
  QUOTED.lastIndex = 0;
  for (let m = quotesCount ? QUOTED.exec(text) : null; m; m = QUOTED.exec(text)) {
    const inner = clean(m.slice(1).find((g) => g !== undefined) ?? '');
    if (/[\p{L}\p{N}]/u.test(inner)) pieces.push(inner);
  }
  for (const re of CODES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) pieces.push(m[0].trim());
  }
  HTTP.lastIndex = 0;
  for (let m = HTTP.exec(text); m; m = HTTP.exec(text)) {
    const code = m[1] ?? m[2];
    // Mail servers answer with 5xx codes too (550, 554): only well-known web statuses are called HTTP.
    pieces.push(/^http/i.test(m[0]) || HTTP_STATUSES.has(code) ? `HTTP ${code}` : `code ${code}`);
  }
  const kept = dedupe(pieces.filter((p) => p.length > 0 && !/^\d+$/.test(p)));
  return kept.length > 0 ? kept.join(' / ').slice(0, 500) : undefined;
}

/** Drops pieces already contained in a longer piece ("ERR_X" inside the quoted message). */
function dedupe(pieces: string[]): string[] {
  const out: string[] = [];
  for (const p of pieces) {
    const lower = p.toLowerCase();
    const digits = p.replace(/\D/g, '');
    const covered = out.some((o) => o.toLowerCase().includes(lower) || (digits.length >= 3 && /^(?:HTTP|code) \d+$/.test(p) && o.includes(digits)));
    if (covered) continue;
    for (let i = out.length - 1; i >= 0; i--) if (lower.includes(out[i].toLowerCase())) out.splice(i, 1);
    out.push(p);
  }
  return out;
}

function clean(s: string): string {
  return s
    // The message ends with its sentence: "it says X. What do I do?" keeps X.
    .replace(/[.!?。](?:\s|$)[\s\S]*$|,\s+(?:but|and|so|please)\s[\s\S]*$/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“‘「『《]+|["'”’」』》]+$/g, '')
    .replace(/\s?(?:라고|이라고|하고)\s?(?:떠요|뜨네요|나와요|나오네요|나옵니다|뜹니다|떠서|나와서|떴어요|나왔어요).*$/, '')
    .replace(/[.!?。]+$/, '')
    .trim();
}
