/** Korean word forms: strips particles and common verb endings so that 비밀번호를 / 비밀번호가 / 비밀번호요 meet. */

// Longest first; each entry is removed only when at least one syllable stays in front of it.
const SUFFIXES = [
  '하고싶어요', '하고싶은데', '해주실래요', '해주시겠어요', '해주세요', '되었어요', '되었는데', '됐는데요', '했는데요', '인데요',
  '했어요', '했는데', '합니다', '습니다', '됩니다', '했습니다', '거든요', '을까요', '나요', '는데요', '던데요', '네요', '군요',
  '해줘요', '해줘', '해요', '돼요', '되요', '에서는', '에서도', '에게서', '으로는', '으로도', '이에요', '예요', '에요', '어요', '아요',
  '인가요', '한가요', '은데', '는데', '던데', '이랑', '에서', '에게', '한테', '까지', '부터', '처럼', '보다', '으로', '이나', '라도',
  '하고', '하는', '해서', '하면', '이요', '은', '는', '이', '가', '을', '를', '에', '의', '도', '만', '로', '와', '과', '랑', '요', '좀',
];

/** The word without a trailing particle or polite ending, or the word itself when nothing applies. */
export function stripKoreanSuffix(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.length > suffix.length && word.endsWith(suffix)) return word.slice(0, word.length - suffix.length);
  }
  return word;
}
