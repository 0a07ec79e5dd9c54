/** The network a user is on: 'wifi', 'mobile data' or 'wired'. */
import { findMentions, pickMention, type MentionPattern } from './mentions.js';

const A = '(?<![A-Za-z0-9])';
const Z = '(?![A-Za-z0-9])';

const CLEAR: MentionPattern[] = [
  { family: 'wifi', value: () => 'wifi', re: new RegExp(`와이\\s?파이|와파|무선\\s?랜|무선\\s?인터넷|공유기|${A}(?:wi-?\\s?fi|wlan|[25](?:\\.4)?\\s?ghz)${Z}`, 'gi') },
  {
    family: 'mobile data',
    value: () => 'mobile data',
    re: new RegExp(
      // "데이터" alone is too vague in a free message ("데이터가 사라졌어요"): only when it is clearly the connection.
      `셀룰러|엘티이|모바일\\s?데이터|데이터\\s?(?:로(?!\\s?(?:다운|받|저장|내보|백업|변환|제공))|에서|켜|연결|사용|쓰|환경|통신|모드|망|상태)|${A}(?:lte|5g(?!\\s?hz)|4g|3g|cellular|mobile\\s?data)${Z}`,
      'gi',
    ),
  },
  { family: 'wired', value: () => 'wired', re: new RegExp(`유선(?!\\s?(?:상담|전화|문의|으로\\s?(?:상담|문의|연락)))|랜\\s?선|랜\\s?케이블|이더넷|${A}(?:ethernet|wired|lan\\s?cable)${Z}`, 'gi') },
];

// In answer to "which network?", these short words are clear enough.
const LENIENT: MentionPattern[] = [
  ...CLEAR,
  { family: 'mobile data', value: () => 'mobile data', re: new RegExp(`데이터|모바일|통신사|${A}(?:data|mobile)${Z}`, 'gi') },
  { family: 'wired', value: () => 'wired', re: new RegExp(`(?<![가-힣])랜(?![가-힣])|${A}lan${Z}`, 'gi') },
];

/** The network clearly named in a free-form message. */
export function findNetwork(text: string): string | undefined {
  return pickMention(text, findMentions(text, CLEAR))?.value;
}

/** The network named in an answer to a question about it (short words accepted). */
export function findNetworkAnswer(text: string): string | undefined {
  return pickMention(text, findMentions(text, LENIENT))?.value;
}
