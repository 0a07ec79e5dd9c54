/** Recognises short yes/no replies ("네 해결됐어요", "아니요 아직이요", "yes", "nope") in Korean and English. */

const NO = /(아니|아뇨|않|안\s?돼|안\s?되|안됨|아직|못\s?했|별로|그대로|계속\s?안|\bno\b|\bnope\b|\bnot\b|\bdidn'?t\b|\bdoesn'?t\b|\bstill\b|\bnah\b)/i;
const YES = /^(네|넵|예|응|어|ㅇㅇ|ㅇㅋ|오케이|좋아요|맞아요|맞습니다|해결|됐어요|됐습니다|됐네요|고마워|감사|\byes\b|\byep\b|\byeah\b|\bsure\b|\bok(ay)?\b|\bsolved\b|\bit worked\b|\bthat worked\b|\bfixed\b|\bthanks\b|\bcorrect\b)/i;

/** 'yes' or 'no' when a short reply clearly says so, else null (longer text is treated as a new message). */
export function parseYesNo(text: string): 'yes' | 'no' | null {
  const t = text.trim();
  if (t.length === 0 || t.length > 40) return null;
  if (NO.test(t)) return 'no';
  if (YES.test(t)) return 'yes';
  return null;
}

/** Words that only say "no, it did not work", in Korean and English. */
const NO_WORDS = /(아니요|아니오|아니|아뇨|아직도|아직|안\s?됐어요|안\s?됐네요|안\s?돼요|안\s?되네요|안\s?돼|안\s?됨|못\s?했어요|그대로예요|그대로네요|그대로|여전히|계속|해결|안|요|\bno\b|\bnope\b|\bnah\b|\bnot\b|\bstill\b|\bbroken\b|\bworking\b|\bwork(?:s|ed)?\b|\bdidn'?t\b|\bdoesn'?t\b|\bhelp(?:ed)?\b|\bsolved?\b|\bit\b|\bthat\b|\bthe\b|\bsame\b|\bproblem\b)/gi;

/** True when a no says nothing else ("아니요 안 됐어요", "no, still broken"): the answer "not solved", not a new question. */
export function isPlainNo(text: string): boolean {
  return parseYesNo(text) === 'no' && text.replace(NO_WORDS, ' ').replace(/[\s\p{P}\p{S}]+/gu, '').length === 0;
}

/** A rating from 1 to 5 typed as a digit ("5", "4점", "3/5", "5 stars"), else null. */
export function parseRating(text: string): number | null {
  const m = /^\s*([1-5])\s*(점|stars?|\/\s*5)?\s*[.!]?\s*$/i.exec(text);
  return m ? Number(m[1]) : null;
}
