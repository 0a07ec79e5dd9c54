/** The app version a user reports: "5.12.1", or "latest" for "최신 버전". */
import { dropRetracted } from './mentions.js';

const LATEST = /최신\s?(?:버전|업데이트|버젼)|최신(?:이에요|입니다|이요|꺼|거)|업데이트\s?(?:다|모두|전부)\s?했|(?<![A-Za-z])(?:(?:latest|newest|most\s+recent|current)\s+(?:version|update|release|build)|up\s?-?to\s?-?date)(?![A-Za-z])/i;
// A version token: 5.12.1, v5.12, 12.3.0 (not a date like 2026.11.20, not an IP-like 1.2.3.4.5).
const TOKEN = String.raw`v?(\d{1,3}(?:\.\d{1,4}){1,3})(?![\d.]*\d)`;
// Cues that the token is the app's version rather than the OS's or browser's.
const KEYWORDED = new RegExp(
  String.raw`(?:앱\s?버전|어플\s?버전|버전|버젼|app\s+version|version|ver\.?)\s?(?:은|는|이|:|：|=|is)?\s?${TOKEN}|(?:앱|어플|app)(?:은|는|이|:)?\s?${TOKEN}|${TOKEN}\s?(?:버전|버젼)|(?<![A-Za-z0-9.])v(\d{1,3}(?:\.\d{1,4}){0,3})(?![\d.]*\d)`,
  'gi',
);
// Names after which a number is an OS or browser version, not the app's.
const OTHER_OWNER = /(?:android|안드로이드|ios|아이오에스|windows|윈도우?즈?|macos|mac\s?os|chrome|크롬|safari|사파리|edge|엣지|firefox|파이어폭스|whale|웨일|ipados|삼성\s?인터넷|오페라|opera)\s?(?:버전|버젼|version|ver\.?|v)?\s?(?:은|는|이|:)?\s?$/i;
const BARE = new RegExp(`(?<![A-Za-z0-9.\\-])${TOKEN}`, 'gi');

/** The app version clearly given in a free-form message (a number alone is not a version unless it has 3 parts). */
export function findAppVersion(raw: string): string | undefined {
  const text = dropRetracted(raw);
  KEYWORDED.lastIndex = 0;
  for (let m = KEYWORDED.exec(text); m; m = KEYWORDED.exec(text)) {
    const v = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (v && plausible(v) && !OTHER_OWNER.test(text.slice(Math.max(0, m.index - 16), m.index))) return v;
  }
  if (LATEST.test(text)) return 'latest';
  // A three-part number like 5.12.1 is a version wherever it stands, unless an OS or browser owns it.
  BARE.lastIndex = 0;
  for (let m = BARE.exec(text); m; m = BARE.exec(text)) {
    const v = m[1];
    if (v.split('.').length === 3 && plausible(v) && !OTHER_OWNER.test(text.slice(Math.max(0, m.index - 16), m.index))) return v;
  }
  return undefined;
}

/** The app version in an answer to "which app version?": any version-like token will do. */
export function findAppVersionAnswer(raw: string): string | undefined {
  const clear = findAppVersion(raw);
  const text = dropRetracted(raw);
  if (clear) return clear;
  BARE.lastIndex = 0;
  for (let m = BARE.exec(text); m; m = BARE.exec(text)) if (plausible(m[1])) return m[1];
  return undefined;
}

function plausible(v: string): boolean {
  const parts = v.split('.');
  // 2026.11.20 is a date; 11.20 alone could be either, so only the year-like form is refused.
  return !(parts.length >= 3 && Number(parts[0]) >= 1900) && parts.length <= 4;
}
