/** Short replies while details are being collected: "I don't know", "cancel", and answers with nothing in them. */

/** Lowercases and strips everything but letters and digits, so "모르겠어요 ㅠㅠ!!" and "I don't know." compare plainly. */
function squeeze(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[ㄱ-ㅎㅏ-ㅣ]+/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

// Squeezed forms (no spaces, no apostrophes). "패스워드" is not "패스", "안 넘어가요" is a symptom, not a skip.
const DONT_KNOW: RegExp[] = [
  /모르겠|몰라|모름|모릅니다|잘모르|기억이?(?:잘)?안나|기억(?:이)?나지않|확인이?어렵|확인을?못|알수가?없|글쎄/,
  /패스(?!워드)|건너뛰|건너띄|스킵|(?<!안)넘어가(?:주|줘|죠|자|요$)|넘어갈게|넘길게|생략|다음으로/,
  /idontknow|dontknow|donotknow|idk|dunno|notsure|noidea|cantremember|dontremember|cannotremember|notcertain|nextquestion/,
  /skip|pass(?!word|code|port)|unknown/,
];
// A don't-know reply may carry a few more letters ("버전은 잘 모르겠어요", "I don't know my app version").
const DONT_KNOW_EXTRA = 14;
const HEDGED = /\d|아마|쯤|정도|같아요|같은데|것\s?같|(?<![A-Za-z])(?:maybe|probably|i\s+think|around|about)(?![A-Za-z])/i;
const DONT_KNOW_EXACT = /^(?:na|n\/a|\?\?+|-+|x)$/i;

/** True when the reply says the user does not know the detail or wants to skip it. */
export function isDontKnow(text: string): boolean {
  if (DONT_KNOW_EXACT.test(text.trim())) return true;
  // "잘 모르겠는데 아마 어제쯤", "not sure, maybe 5.12": a hedged answer is still an answer.
  if (HEDGED.test(text)) return false;
  const s = squeeze(text);
  if (s.length === 0 || s.length > 40) return false;
  for (const re of DONT_KNOW) {
    const m = re.exec(s);
    if (m && s.length - m[0].length <= DONT_KNOW_EXTRA) return true;
  }
  return false;
}

// Whole-reply forms only: "결제 취소하고 싶어요" is a request about a payment, not a cancel.
const CANCEL_KO =
  /^(?:아|앗|음|그냥|이제|그럼|아니|됐고|됐어|아니요|아뇨)?(?:문의|접수|신청|질문|상담|이거|이건|그거|다)?(?:취소|그만|중단|중지|종료)(?:할게|할래|할께|해|해줘|해주세|해주세요|합니다|하겠습니다|하기|할게요|할래요|해요|요|둘게|둘래|둘게요|둘래요|하자|시켜줘|시켜주세요)*(?:요)?$|^(?:안할래|안할게|안할래요|안할게요|접수안할래요|접수안할게요|필요없어|필요없어요|필요없습니다|됐어요그만|나중에할게요|나중에할게)$/;
const CANCEL_EN =
  /^(?:please)?(?:cancel|stop|quit|abort|nevermind|nvm|forgetit|exit|enough)(?:it|this|that|please|now|asking|collecting|thecase|myrequest|therequest)*$|^(?:ok|okay|oh|actually|no)?(?:nevermind|forgetit|letsstop|iwanttostop|iwanttocancel|idontwanttocontinue|dontopenacase|noneedanymore|illdoitlater|nothanksimdone)$/;

/** True when the reply stops the collection ("취소", "그만할래요", "cancel", "never mind"). */
export function isCancel(text: string): boolean {
  const s = squeeze(text);
  if (s.length === 0 || s.length > 30) return false;
  return CANCEL_KO.test(s) || CANCEL_EN.test(s);
}

const LAUGH_OR_FILLER = /^(?:[ㅋㅎㅠㅜㄷㄱㅇ.]+|(?:ha)+h?|(?:he)+|lol+|lmao|hmm+|음+|흠+|어+|아+|오+|헐|네+|넵|응+|ㅇㅋ|ok|okay|yes|yeah|no|nope|아니요|아뇨|예|뭐|what|huh|uh+|um+|와|wow)$/i;

/** True when the reply contains something a human could read as an answer (not only laughter, emoji, fillers or "yes"). */
export function hasSubstance(text: string): boolean {
  const trimmed = text.trim();
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return false;
  const s = squeeze(trimmed);
  if (s.length === 0) return false;
  return !LAUGH_OR_FILLER.test(s) && !LAUGH_OR_FILLER.test(trimmed.replace(/[\s!?~.]+/g, ''));
}
