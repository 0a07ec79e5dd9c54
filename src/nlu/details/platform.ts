/** Device kind, operating system and browser named in a message (Korean and English names, brands, versions). */
import { findMentions, pickMention, type MentionPattern } from './mentions.js';

// A version right after a name: "안드로이드 14", "iOS 17.2", "크롬 버전 120". Not "크롬 2시간 전".
const VERSION = String.raw`(?:\s?(?:버전|version|ver\.?|v)?\s?(\d{1,3}(?:\.\d{1,4}){0,3})(?![\d.]*\d)(?!\s?(?:시|분|일|월|년|개|번|초|주|%|hours?|hrs?|mins?|minutes?|days?|weeks?|times?)))?`;
// ASCII words need their own edges: \b does not know Hangul.
const A = '(?<![A-Za-z0-9])';
const Z = '(?![A-Za-z])';

// "Mac" the computer, not a Big Mac or mac 'n' cheese.
const MAC_WORD = `(?<!big\\s)${A}mac${Z}(?!\\s?(?:'n'|n'|&|and)\\s?cheese|\\s?address)`;

function re(source: string, flags = 'gi'): RegExp {
  return new RegExp(source, flags);
}

function named(name: string, version: string | undefined): string {
  return version ? `${name} ${version}` : name;
}

const DEVICE_PATTERNS: MentionPattern[] = [
  { family: 'tablet', value: () => 'tablet', re: re(`태블릿|타블렛|아이패드|갤탭|갤럭시\\s?탭|${A}(?:tablet|ipad|galaxy\\s?tab)`) },
  {
    family: 'mobile',
    value: () => 'mobile',
    re: re(
      [
        // A phone number, phone verification or phone billing says nothing about the device in use.
        '(?:핸드폰|휴대폰|휴대전화|스마트\\s?폰)(?!\\s?(?:번호|인증|소액\\s?결제|결제|명의|본인\\s?인증|요금))|아이폰',
        // "폰트" is a font.
        '(?<![가-힣])폰(?!트|\\s?번호|\\s?인증)',
        '갤럭시(?!\\s?(?:탭|북|버즈|워치))',
        '모바일(?!\\s?(?:데이터|네트워크|핫스팟))',
        `${A}(?:iphone|smart\\s?phone|cell\\s?phone(?!\\s?(?:bill|number|plan))|mobile\\s?phone(?!\\s?(?:bill|number|plan))|android\\s?phone|pixel\\s?\\d|galaxy(?!\\s?(?:tab|book|buds|watch)))`,
        // "the phone" is often a call ("talk on the phone"); a phone someone owns or uses is a device.
        `(?<=(?:my|new|old|own|work|company|android|samsung|same|another|other|this)\\s)phone(?!\\s?(?:number|call|no\\.?${Z}|bill|plan))`,
        `${A}phone\\s?(?:app|browser|screen|settings)`,
        `${A}mobile(?!\\s?(?:data|network|hotspot|number|carrier|billing|phone\\s?number))${Z}`,
      ].join('|'),
    ),
  },
  {
    family: 'pc',
    value: () => 'pc',
    re: re(
      [
        '컴퓨터|노트북|데스크\\s?탑|데스크\\s?톱|피씨|맥북|아이맥|맥\\s?미니|크롬\\s?북|갤럭시\\s?북',
        '(?<![가-힣])맥(?=\\s|$|에서|이에요|이요|이고|으로|을|입니다|[,.!?])',
        `${A}(?:pc|computer|laptop|desktop|notebook|macbook|imac|mac\\s?mini|chromebook|galaxy\\s?book)${Z}`,
        MAC_WORD,
      ].join('|'),
    ),
  },
];

const MACOS_NAMES: Array<[string, string]> = [
  ['tahoe|타호', '26'],
  ['sequoia|세쿼이아|세콰이어', '15'],
  ['sonoma|소노마', '14'],
  ['ventura|벤츄라|벤투라', '13'],
  ['monterey|몬터레이|몬테레이', '12'],
  ['big\\s?sur|빅\\s?서', '11'],
];

const OS_PATTERNS: MentionPattern[] = [
  { family: 'android', value: (m) => named('Android', m[1]), re: re(`(?:안드로이드|${A}android|${A}aos${Z})(?:\\s?os)?${VERSION}`) },
  { family: 'android', value: () => 'Android', re: re(`갤럭시|갤탭|${A}(?:galaxy|pixel)${Z}`) },
  { family: 'ios', value: (m) => named('iOS', m[1]), re: re(`(?:아이오에스|${A}ios${Z})${VERSION}`) },
  { family: 'ipados', value: (m) => named('iPadOS', m[1]), re: re(`${A}ipados${VERSION}`) },
  { family: 'ios', value: () => 'iOS', re: re(`아이폰|${A}iphone`) },
  { family: 'ipados', value: () => 'iPadOS', re: re(`아이패드|${A}ipad${Z}`) },
  {
    family: 'windows',
    value: (m) => named('Windows', m[1] && m[1].toLowerCase() === 'xp' ? 'XP' : m[1]),
    re: re(`(?:윈도우즈?|윈도|${A}windows|${A}win(?=\\s?(?:11|10|8|7|xp)))\\s?(11|10|8\\.1|8|7|xp)?(?![\\d.]*\\d)`),
  },
  {
    family: 'macos',
    value: (m) => named('macOS', m[1]),
    re: re(`(?:맥\\s?os|맥\\s?오에스|${A}mac\\s?os(?:\\s?x)?|${A}os\\s?x)${Z}(?:\\s?(1[0-5](?:\\.\\d{1,2}){0,2}|2[6-9](?:\\.\\d{1,2})?)(?![\\d.]*\\d))?`),
  },
  ...MACOS_NAMES.map(
    ([names, major]): MentionPattern => ({
      family: 'macos',
      value: (m) => `macOS ${m[1] && m[1].split('.')[0] === major ? m[1] : major}`,
      re: re(`(?:${names})(?:\\s?(\\d{2}(?:\\.\\d{1,2}){0,2})(?![\\d.]*\\d))?`),
    }),
  ),
  {
    family: 'macos',
    value: () => 'macOS',
    re: re(`맥북|아이맥|맥\\s?미니|(?<![가-힣])맥(?=\\s|$|에서|이에요|이요|이고|으로|을|입니다|[,.!?])|${A}(?:macbook|imac|mac\\s?mini)${Z}|${MAC_WORD}`),
  },
  { family: 'linux', value: () => 'Linux', re: re(`리눅스|우분투|데비안|페도라|${A}(?:linux|ubuntu|debian|fedora)${Z}`) },
  { family: 'chromeos', value: () => 'ChromeOS', re: re(`크롬\\s?북|크롬\\s?os|${A}(?:chromebook|chrome\\s?os)${Z}`) },
];

const BROWSERS: Array<[string, string]> = [
  ['Chrome', `구글\\s?크롬|크롬(?!\\s?(?:북|os|캐스트))|${A}chrome(?!\\s?(?:book|os|cast))${Z}`],
  ['Safari', `사파리|${A}safari${Z}`],
  ['Edge', `엣지|(?<!cutting\\s)(?<!the\\s)${A}(?:microsoft\\s|ms\\s)?edge${Z}`],
  ['Whale', `웨일|${A}whale${Z}`],
  ['Firefox', `파이어\\s?폭스|파폭|${A}firefox${Z}`],
  ['Samsung Internet', `삼성\\s?인터넷|삼성\\s?브라우저|${A}samsung\\s?(?:internet|browser)${Z}`],
  ['Opera', `오페라|${A}opera${Z}`],
  ['Brave', `브레이브|${A}brave\\s?(?:browser|브라우저)`],
];

const BROWSER_PATTERNS: MentionPattern[] = [
  ...BROWSERS.map(([name, source]): MentionPattern => ({ family: name, value: (m) => named(name, m[1]), re: re(`(?:${source})${VERSION}`) })),
  // "IE" only in capitals: "ie" is too common inside other text.
  { family: 'Internet Explorer', value: (m) => named('Internet Explorer', m[1]), re: re(`(?:인터넷\\s?익스플로러|익스플로러|${A}internet\\s?explorer${Z})${VERSION}`) },
  { family: 'Internet Explorer', value: (m) => named('Internet Explorer', m[1]), re: re(`${A}IE(?![A-Za-z])\\s?(\\d{1,2})?(?!\\d)`, 'g') },
];

/** Korean words of model names, as the makers write them. */
const MODEL_WORDS: Record<string, string> = { 프로: 'Pro', 맥스: 'Max', 플러스: 'Plus', 미니: 'Mini', 울트라: 'Ultra', 노트: 'Note', 플립: 'Flip', 폴드: 'Fold', 에어: 'Air' };

/** A model's words in the maker's spelling: "s23 울트라" → "S23 Ultra", "pro max" → "Pro Max". */
function modelName(words: string): string {
  return words
    .trim()
    .split(/\s+/)
    .map((w) => MODEL_WORDS[w] ?? (/^[a-z]{1,2}\d/i.test(w) || /^(?:se|xr|xs|x|fe)$/i.test(w) ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1).toLowerCase()))
    .join(' ')
    .replace(/\s?\+$/, '+');
}

const SUFFIX = (words: string) => `(?:\\s?(${words}))?`;

/** Phone and tablet models with their number ("iPhone 13", "Galaxy S23 Ultra", "Pixel 8 Pro", "iPad Air"): agents need the model, not only the kind. */
const MODEL_PATTERNS: MentionPattern[] = [
  {
    family: 'iphone',
    value: (m) => `iPhone ${modelName([m[1], m[2]].filter(Boolean).join(' '))}`,
    re: re(`(?:${A}iphone|아이폰)\\s?(\\d{1,2}|se|xr|xs|x)(?![\\d.])${SUFFIX('pro\\s?max|pro|plus|mini|max|프로\\s?맥스|프로|플러스|미니')}`),
  },
  {
    family: 'galaxy',
    value: (m) => `Galaxy ${modelName([m[1], m[2]].filter(Boolean).join(' ').replace(/([a-z])\s(\d)/i, '$1$2'))}`,
    re: re(`(?:${A}galaxy|갤럭시)\\s?([sazmf]\\s?\\d{1,2}|(?:note|노트)\\s?\\d{1,2}|z\\s?(?:flip|fold|플립|폴드)\\s?\\d?)(?![\\d.])${SUFFIX('ultra|plus|fe|울트라|플러스|\\+')}`),
  },
  { family: 'pixel', value: (m) => `Pixel ${modelName([m[1], m[2]].filter(Boolean).join(' '))}`, re: re(`${A}pixel\\s?(\\d{1,2}a?)(?![\\d.])${SUFFIX('pro|xl')}`) },
  { family: 'ipad', value: (m) => `iPad ${modelName(m[1])}`, re: re(`(?:${A}ipad|아이패드)\\s?(pro|air|mini|프로|에어|미니)`) },
];

/** The device named in the text: its model when one is given ("iPhone 13"), else its kind: 'pc', 'mobile' or 'tablet'. */
export function findDevice(text: string): string | undefined {
  return pickMention(text, findMentions(text, MODEL_PATTERNS))?.value ?? pickMention(text, findMentions(text, DEVICE_PATTERNS))?.value;
}

/** The operating system named in the text, with its version when given ("Android 14", "macOS 14", "Windows 11"). */
export function findOs(text: string): string | undefined {
  return pickMention(text, findMentions(text, OS_PATTERNS))?.value;
}

/** The browser named in the text, with its version when given ("Chrome 120"). */
export function findBrowser(text: string): string | undefined {
  return pickMention(text, findMentions(text, BROWSER_PATTERNS))?.value;
}
