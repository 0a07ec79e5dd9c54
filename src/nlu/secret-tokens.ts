/**
 * Machine secrets in pasted text: API keys and tokens by their well-known prefixes, `Bearer`/`Basic`
 * credentials, `api_key=…`-style assignments, credentials in URLs and secret-looking query parameters.
 * The prefixes follow the public secret-scanning rule sets (gitleaks, GitHub secret scanning); those
 * rule sets scan files and repositories, too slow and too broad for a chat message, so the few rules
 * support chats meet are kept here as one pass of one regular expression.
 */
import type { SpanList } from './sensitive-spans.js';

// One alternation, one pass: each branch starts with a literal prefix, so most positions fail at once. The
// prefixes share one lookbehind, checked once per position instead of once per branch.
const KEY = new RegExp(
  String.raw`(?<![A-Za-z0-9])(?:` +
    [
      String.raw`(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])`, // AWS access key id
      String.raw`gh[pousr]_[A-Za-z0-9]{30,255}`, // GitHub tokens
      String.raw`github_pat_[A-Za-z0-9_]{22,255}`,
      String.raw`glpat-[A-Za-z0-9_-]{20,}`, // GitLab
      String.raw`xox[abposre]-[A-Za-z0-9-]{10,}`, // Slack bot/user/app tokens
      String.raw`xapp-\d-[A-Za-z0-9-]{10,}`,
      String.raw`sk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{20,}`, // OpenAI, Anthropic
      String.raw`(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}`, // Stripe secret and restricted keys
      String.raw`whsec_[A-Za-z0-9]{20,}`,
      String.raw`AIza[0-9A-Za-z_-]{35}`, // Google API key
      String.raw`ya29\.[0-9A-Za-z_-]{20,}`, // Google OAuth access token
      String.raw`GOCSPX-[A-Za-z0-9_-]{20,}`, // Google OAuth client secret
      String.raw`npm_[A-Za-z0-9]{36}`,
      String.raw`eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}(?:\.[A-Za-z0-9_-]*)?`, // JWT
    ].join('|') +
    ')|' +
    String.raw`-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----[\s\S]{0,8000}?(?:-----END [A-Z ]{0,20}PRIVATE KEY-----|$)`,
  'g',
);
// The credential after an HTTP auth scheme ("Authorization: Bearer …").
const AUTH_SCHEME = /(?<![A-Za-z])(?:Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{12,})/gi;
// "api_key=…", "client_secret: …", "aws_secret_access_key = …".
const ASSIGNMENT =
  /(?<![A-Za-z0-9_])(?:api[_-]?key|apikey|secret[_-]?key|client[_-]?secret|access[_-]?token|refresh[_-]?token|auth[_-]?token|aws_secret_access_key|private[_-]?key|secret|token)["']?\s{0,3}[:=]\s{0,3}["']?([A-Za-z0-9_./+=~-]{8,})/gi;
// Query and fragment parameters whose value is a credential (?token=…, &sig=…, #access_token=…).
const QUERY =
  /[?&#;](access_token|refresh_token|id_token|token|auth|api_key|apikey|key|password|passwd|pwd|pw|pass|secret|client_secret|sig|signature|code|session|sessionid|sid|otp|x-amz-signature|x-amz-credential|x-amz-security-token)=([^&#\s"'<>]+)/gi;
const PASSWORD_PARAMS = new Set(['password', 'passwd', 'pwd', 'pw', 'pass']);
// scheme://user:password@host — the password is masked, the user name kept. The pattern starts at "://", a
// literal the regex engine skips ahead to, and looks back for the scheme: starting at the scheme made it try
// every letter of the text as one.
const URL_CREDENTIALS = /:\/\/(?<=(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,15}:\/\/)[^\s/?#@:]{1,128}:([^\s/?#@]{1,128})@/g;
// AWS secret access keys are 40 characters of base64 with no prefix: only taken right after an access key id.
const AWS_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const AWS_SECRET_WINDOW = 160;
const AWS_KEY_ID = /^A[KSBC][IC]A/;
const HAS_DIGIT = /\d/;

/** Spans of API keys, tokens and credentials in text (already folded to ASCII digits and dashes). */
export function findSecretTokens(text: string, spans: SpanList): void {
  KEY.lastIndex = 0;
  for (let m = KEY.exec(text); m !== null; m = KEY.exec(text)) {
    const end = m.index + m[0].length;
    spans.add(m.index, end, 'token');
    if (AWS_KEY_ID.test(m[0])) findAwsSecret(text, end, spans);
  }
  AUTH_SCHEME.lastIndex = 0;
  for (let m = AUTH_SCHEME.exec(text); m !== null; m = AUTH_SCHEME.exec(text)) {
    if (m[1].startsWith('[')) continue;
    spans.add(m.index + m[0].length - m[1].length, m.index + m[0].length, 'token');
  }
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m !== null; m = ASSIGNMENT.exec(text)) {
    const value = m[1];
    // "token: expired" is a word, not a token: a credential has a digit or is long.
    if (!HAS_DIGIT.test(value) && value.length < 16) continue;
    spans.add(m.index + m[0].length - value.length, m.index + m[0].length, 'token');
  }
  // Both patterns below need a literal that most messages lack: skipping them then costs one indexOf.
  if (text.includes('=')) findQueryParameters(text, spans);
  if (text.includes('://')) findUrlCredentials(text, spans);
}

/** Spans of credentials in query and fragment parameters (?token=…, &pw=…). */
function findQueryParameters(text: string, spans: SpanList): void {
  QUERY.lastIndex = 0;
  for (let m = QUERY.exec(text); m !== null; m = QUERY.exec(text)) {
    const value = m[2];
    if (value.startsWith('[') || value.startsWith('%5B')) continue;
    const kind = PASSWORD_PARAMS.has(m[1].toLowerCase()) ? 'password' : 'token';
    spans.add(m.index + m[0].length - value.length, m.index + m[0].length, kind);
  }
}

/** Spans of passwords in URLs (scheme://user:password@host). */
function findUrlCredentials(text: string, spans: SpanList): void {
  URL_CREDENTIALS.lastIndex = 0;
  for (let m = URL_CREDENTIALS.exec(text); m !== null; m = URL_CREDENTIALS.exec(text)) {
    const end = m.index + m[0].length - 1;
    if (m[1].startsWith('[') || m[1].startsWith('%5B')) continue;
    spans.add(end - m[1].length, end, 'password');
  }
}

function findAwsSecret(text: string, from: number, spans: SpanList): void {
  const window = text.slice(from, from + AWS_SECRET_WINDOW);
  AWS_SECRET.lastIndex = 0;
  for (let m = AWS_SECRET.exec(window); m !== null; m = AWS_SECRET.exec(window)) {
    // Forty letters and digits with no digit and no case change are a word run, not a key.
    if (!HAS_DIGIT.test(m[0]) || !/[a-z]/.test(m[0]) || !/[A-Z]/.test(m[0])) continue;
    spans.add(from + m.index, from + m.index + 40, 'token');
  }
}
