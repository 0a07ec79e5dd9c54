/** What the user already tried ("재부팅 해봤어요", "I cleared the cache"), kept in their own words. */

// Self-help actions users report, Korean and English.
const KO_ACTION =
  /재부팅|리부팅|재시작|껐다\s?(?:가\s?)?켜|껐다\s?켰|전원을?\s?(?:껐|끄)|재설치|다시\s?설치|삭제\s?후|지우고|앱\s?삭제|캐시|쿠키|업데이트|로그아웃|재로그인|다시\s?로그인|초기화|재설정|비밀번호\s?(?:변경|바꿔|바꾸|재설정)|비번\s?(?:변경|바꿔|바꾸)|다른\s?(?:브라우저|기기|폰|컴퓨터|네트워크|와이파이)|시크릿\s?모드|스팸\s?함|스팸\s?메일함|알림\s?(?:설정|권한)|권한|새로\s?고침|새로고침|강제\s?종료|설정\s?확인|다시\s?시도|재시도/;
// Korean past or attempted forms: 해봤어요, 했는데, 했고, 해도, 봤지만, 지웠어요 ...
const KO_TRIED = /(?:해\s?봤|해\s?보았|해\s?봐도|봤|보았|했|하였|해도|해\s?봐도|봐도|지웠|지워도|껐|켰|켜도|깔았|바꿨|바꾸었|바꿔도|눌렀|돌렸|시도)/;
const KO_NOT_TRIED = /안\s?해\s?봤|안\s?했|못\s?했|않았|안\s?봤|못\s?봤|해\s?볼게|해\s?보겠|해야\s?(?:하|되|돼)|하면\s?(?:되|돼)|어떻게|방법|나요\??$|까요\??$/;

const EN_PAST =
  'restarted|rebooted|reinstalled|re-installed|uninstalled|cleared|deleted|reset|updated|upgraded|logged|signed|turned|switched|changed|disabled|enabled|checked|tried|refreshed|removed|installed|did';
// Someone did it: "I restarted", "I've already tried", "already cleared", or a clause that opens with the verb ("reinstalled the app, ...").
// "my password was changed" or "settings changed" has no doer and reports a symptom.
const EN_DONE = new RegExp(
  [
    String.raw`(?<![A-Za-z])(?:i|i've|ive|i\s+have|we|we've)\s+(?:already\s+|also\s+|even\s+|just\s+|both\s+)?(?:${EN_PAST})(?![A-Za-z])`,
    String.raw`(?<![A-Za-z])already\s+(?:${EN_PAST})(?![A-Za-z])`,
    String.raw`(?<![A-Za-z])tried\s+(?:\w+ing|to\s+\w+|another|a\s+different|different)`,
    String.raw`^(?:already\s+|also\s+)?(?:${EN_PAST})(?![A-Za-z])`,
  ].join('|'),
  'i',
);
const FAILING_ATTEMPT =
  /(?<![A-Za-z])(?:tried|trying|attempted)\s+(?:to\s+)?(?:log(?:ging)?\s?in|sign(?:ing)?\s?in|login|open(?:ing)?|us(?:e|ing)|post(?:ing)?|upload(?:ing)?|send(?:ing)?|access(?:ing)?|pay(?:ing)?|buy(?:ing)?|withdraw(?:ing)?|transfer(?:ring)?|top(?:ping)?\s?up)(?![A-Za-z])/gi;
const EN_NOT_DONE = /(?<![A-Za-z])(?:haven't|have\s+not|didn't|did\s+not|not\s+yet|should\s+i|how\s+(?:do|can|to)|can\s+i|will\s+try|going\s+to)(?![A-Za-z])/i;
const EN_ACTION =
  /(?<![A-Za-z])(?:restart|reboot|reinstall|uninstall|install|cache|cookies?|log(?:ged)?\s+(?:out|in)|sign(?:ed)?\s+(?:out|in)|update|upgrade|reset|off\s+and\s+on|on\s+and\s+off|another\s+(?:browser|device|phone|network)|different\s+(?:browser|device|phone|network)|incognito|private\s+(?:mode|window)|spam\s+folder|junk|settings?|permissions?|notifications?|password|refresh|force\s+(?:quit|stop|close)|support)/i;

/** Clauses reporting something the user already did, joined; undefined when there are none. */
export function findStepsTried(text: string): string | undefined {
  const found = clauses(text).filter((c) => reportsAttempt(c));
  if (found.length === 0) return undefined;
  return found.join(', ').slice(0, 500);
}

/** True when a clause says an action was done (and not that it was not, or is being asked about). */
function reportsAttempt(raw: string): boolean {
  // Error codes like ERR_CONNECTION_RESET name no action of the user's, and "I tried to log in" is the failure itself.
  const clause = raw.replace(/(?<![A-Z0-9_])[A-Z0-9]+(?:_[A-Z0-9]+)+/g, ' ').replace(FAILING_ATTEMPT, ' ');
  const ko = KO_ACTION.exec(clause);
  if (ko && KO_TRIED.test(clause.slice(ko.index)) && !KO_NOT_TRIED.test(clause)) return true;
  return EN_DONE.test(clause.trim()) && EN_ACTION.test(clause) && !EN_NOT_DONE.test(clause);
}

/**
 * Splits a message into clauses at sentence ends and at Korean connective endings
 * ("했는데 ", "했고 ", "했지만 ") so unrelated parts of a long sentence stay out.
 */
function clauses(text: string): string[] {
  return text
    .split(/[.!?。\n;]+|,\s*|(?<=(?:는데|지만|니까|었고|았고|였고|했고|봤고|이고|으며|요))\s+|(?<!\s)\s+(?:and|but|then|so)\s+/)
    .map((c) => c.trim())
    .filter((c) => c.length > 1);
}
