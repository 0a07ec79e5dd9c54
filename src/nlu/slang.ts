/** Short forms and slang users type, mapped to the word the knowledge base's examples use. */

const SLANG = new Map<string, string>([
  // Korean
  ['비번', '비밀번호'],
  ['비밀번', '비밀번호'],
  ['아디', '아이디'],
  ['폰', '휴대폰'],
  ['핸폰', '휴대폰'],
  ['핸드폰', '휴대폰'],
  ['휴대전화', '휴대폰'],
  ['어플', '앱'],
  ['어플리케이션', '앱'],
  ['애플리케이션', '앱'],
  ['멜', '메일'],
  ['이멜', '이메일'],
  ['컴', '컴퓨터'],
  ['폰번', '전화번호'],
  ['전번', '전화번호'],
  ['인증번', '인증번호'],
  ['결재', '결제'],
  ['로긴', '로그인'],
  ['업뎃', '업데이트'],
  ['업글', '업그레이드'],
  ['알람', '알림'],
  ['푸쉬', '푸시'],
  ['상담사', '상담원'],
  ['고객센타', '고객센터'],
  // English
  ['pw', 'password'],
  ['pwd', 'password'],
  ['passwd', 'password'],
  ['acct', 'account'],
  ['pls', 'please'],
  ['plz', 'please'],
  ['msg', 'message'],
  ['msgs', 'messages'],
  ['u', 'you'],
  ['ur', 'your'],
  ['thx', 'thanks'],
  ['ty', 'thanks'],
  ['notif', 'notification'],
  ['notifs', 'notifications'],
]);

/** The usual word for a slang or short form (비번 → 비밀번호, pw → password), else the word itself. */
export function canonicalWord(word: string): string {
  return SLANG.get(word) ?? word;
}
