/**
 * General questions about a subject ("what is phishing", "스팸 뜻이 뭐예요", "비밀번호 잘 만드는 법", "best map app for
 * hiking") as opposed to a user's own problem with it ("my password doesn't work", "비번 까먹었어요"): they share the
 * topic's words, but ask for knowledge or advice the customer centre does not give.
 */

// A word between two cues is at most a few syllables long (\S{1,12}): an unbounded one made a message of the cue
// repeated 8,000 times take a second to test (test/core/hostile-input.test.ts feeds it a megabyte of each).

/** Asking what something is or means, how it works in general, or for tips, a recommendation or an example. */
const GENERAL_EN =
  /\b(?:what\s+(?:is|are)\s+(?:an?\s+)?\w+\s*\??$|what\s+does\s+\w+(?:\s+\w+)?\s+mean|define\b|meaning\s+of|explain\b|difference\s+between|how\s+do(?:es)?\s+\w+(?:\s+\w+)?\s+work|tips?\s+(?:for|on|to)\b|best\s+(?:\w+\s+){0,2}(?:app|apps|way|site|engine|tool)s?\b|which\s+(?:\w+\s+)?(?:app|site|engine)\s+is\s+(?:the\s+)?(?:best|most)|(?:give|make)\s+me\s+(?:up\s+)?an?\s+(?:\w+\s+)?(?:strong|secure|good|random)|what\s+makes\s+an?\s+\w+\s+(?:secure|strong|good)|how\s+to\s+(?:write|make|create|choose|pick)\s+an?\s+(?:\w+\s+)?(?:good|strong|secure|polite|formal)|how\s+do\s+hackers|is\s+it\s+safe\s+to|how\s+often\s+should|is\s+an?\s+\w+\s+better\s+than|how\s+to\s+read\s+an?\s|who\s+invented|where\s+does\s+the\s+word)/i;
const GENERAL_KO =
  /뜻|의미가?\s*(?:뭐|무엇)|(?:이)?란\s*(?:뭐|무엇)|차이(?:가|점)?\s*(?:뭐|무엇|있)|잘\s*(?:하는|만드는|쓰는|고르는|짓는)\s*(?:법|방법|팁|요령)|팁|요령|(?:어떻게|어케)\s*작동|원리|유래|쉽게\s*설명|수법|앱\s*(?:중에|뭐\s*쓰|추천)|(?:제일|가장)\s*정확|좋은\s*(?:\S{1,12}\s*)?앱|(?:강력한|안전한|튼튼한)\s*\S{1,12}\s*(?:만드는|만들기|고르는|정하는|추천)|(?:는|은)\s*게\s*좋(?:은가요|나요|을까요)|좋은\s*\S{1,12}\s*(?:조합|추천)|(?:뭐가|어떤\s*게|어디가)\s*(?:제일|가장)\s*좋|중에\s*(?:뭐가|어떤\s*게)\s*(?:제일|가장)/;

/** The user's own account, device or trouble: "my", "I can't", "제 계정", "안 돼요", "까먹었어요". */
const OWN_PROBLEM_EN = /\b(?:my|mine|i|i'm|i've|i'd|we|our|your|you|can't|cannot|won't|doesn't|didn't|isn't|not\s+working|error|failed|forgot|lost|hacked|locked)\b/i;
const OWN_PROBLEM_KO = /(?:^|\s)(?:제|내|저|나|저희)(?:\s|가|는|의|$)|안\s*(?:돼|되|와|떠|열|보|들어)|못\s*\S|오류|에러|까먹|잊어|잃어|틀렸|틀리|막혔|잠겼|해킹\s*당|털렸|했는데|됐는데|인데요|어요\s*ㅠ|요\s*ㅠ/;

/** Whether a message asks a general question about a subject, not about the user's own account or problem. */
export function isGeneralQuestion(text: string): boolean {
  const t = text.trim();
  if (GENERAL_KO.test(t)) return !OWN_PROBLEM_KO.test(t);
  if (GENERAL_EN.test(t)) return !OWN_PROBLEM_EN.test(t);
  return false;
}
