/**
 * Messages about another company's service ("네이버 비밀번호 까먹었어요", "my gmail storage is full"): their words are
 * ours (password, mail, refund), but the account or order is not, so the bot must not answer as if it were. Names
 * are matched as the matcher reads words (particles and case aside: "쿠팡에서", "Gmail"); the operator's own service
 * never counts, and neither does signing in to ours with another service's account ("카카오 계정으로 로그인").
 */
import { matchingWords } from './features.js';

/** Signing in to this service with another's account, or linking one: about this service, not the other. */
const SIGN_IN_WITH = /(?:계정|아이디)?\s*으?로\s*(?:간편\s*)?(?:로그인|가입|회원가입)|연동|(?:log\s?in|sign\s?in|sign\s?up|login)\s+(?:with|via|using)/i;

/** Words after a company's name that make it the user's browser, phone or app store ("구글 크롬", "Google Play"): context, not the subject. */
const PLATFORM_WORDS: ReadonlySet<string> = new Set(matchingWords('크롬 chrome 크롬북 chromebook 플레이 play 플레이스토어 playstore 앱스토어 스토어 store 안드로이드 android 픽셀 pixel'));

/** Finds the other service a message is about. */
export type ServiceFinder = (text: string) => string | undefined;

/** Creates the finder for these names (as written in _out_of_scope.yaml); `own`, the operator's SERVICE_NAME, never counts. */
export function createServiceFinder(names: readonly string[], own?: string): ServiceFinder {
  const ownWords = own ? matchingWords(own).join(' ') : '';
  const byWords = new Map<string, string>();
  for (const name of names) {
    const words = matchingWords(name).join(' ');
    if (words && words !== ownWords) byWords.set(words, name);
  }
  const longest = Math.max(0, ...[...byWords.keys()].map((w) => w.split(' ').length));
  return (text) => {
    if (byWords.size === 0 || SIGN_IN_WITH.test(text)) return undefined;
    const words = matchingWords(text);
    for (let i = 0; i < words.length; i++) {
      for (let n = Math.min(longest, words.length - i); n >= 1; n--) {
        const name = byWords.get(words.slice(i, i + n).join(' '));
        if (name && !PLATFORM_WORDS.has(words[i + n])) return name;
      }
    }
    return undefined;
  };
}
