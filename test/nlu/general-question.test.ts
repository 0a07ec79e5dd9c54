/** General questions about a subject (knowledge or advice) versus a user's own problem with it, in both languages. */
import { describe, expect, it } from 'vitest';
import { createFeatureExtractor, DEFAULT_FEATURE_OPTIONS } from '../../src/nlu/features.js';
import { OOS, trainMatcher } from '../../src/nlu/matcher.js';
import type { LabelledExample } from '../../src/nlu/types.js';
import { isGeneralQuestion } from '../../src/nlu/general-question.js';

describe('general questions', () => {
  it('finds questions about what something is or means, how it works, tips and recommendations', () => {
    for (const text of ['피싱이랑 스미싱 차이가 뭐예요', '해킹 무슨 뜻이야', '메일 잘 쓰는 방법', '검색엔진 원리', '지도 앱 추천 좀', 'what is ransomware', 'what does junk mean', 'how do search engines work', 'tips for better searching', 'best offline map app', 'give me a secure password']) {
      expect(isGeneralQuestion(text), text).toBe(true);
    }
  });

  it('does not take a user\'s own problem for one, even with the same words', () => {
    for (const text of ['비번 까먹었어요', '제 메일 잘 안 보내지는 이유가 뭐예요', '스팸함 뜻대로 안 돼요', 'my password is not working', 'what is my username', 'tips for my account were not sent', 'I forgot my password']) {
      expect(isGeneralQuestion(text), text).toBe(false);
    }
  });

  it('gives every general question one shared feature, which a problem message does not have', () => {
    const extractor = createFeatureExtractor();
    const bag = (text: string) => new Set(extractor.extract(text).hashes);
    const [a, b, problem] = [bag('what is phishing'), bag('스팸 뜻이 뭐예요'), bag('I got a phishing mail')];
    const shared = [...a].filter((h) => b.has(h));
    expect(shared).toHaveLength(1);
    expect(problem.has(shared[0])).toBe(false);
  });

  it('is used only by a matcher whose out-of-scope examples teach it: without them it changes no score', () => {
    const intents: LabelledExample[] = [
      ...['I got a phishing mail', 'report a phishing email', 'someone sent me a scam mail', 'phishing message in my inbox'].map((text) => ({ intent: 'phishing', text })),
      ...['my password is not working', 'reset my password', 'I forgot my password', 'cannot sign in with my password'].map((text) => ({ intent: 'password', text })),
      ...['order a pizza', 'tell me a joke'].map((text) => ({ intent: OOS, text })),
    ];
    const general = ['what is spam', 'what is malware', 'explain ransomware', 'what does encryption mean', 'tips for safer browsing', 'how do search engines work'].map((text) => ({ intent: OOS, text }));
    const confidence = (m: ReturnType<typeof trainMatcher>) => m.rank('what is phishing')[0].confidence;
    const off = { features: { ...DEFAULT_FEATURE_OPTIONS, generalQuestions: false } };
    // Two out-of-scope examples are no lesson: the feature is left out, as if it were turned off.
    const few = [...intents, ...general.slice(0, 2)];
    expect(confidence(trainMatcher(few, { seed: 1 }))).toBe(confidence(trainMatcher(few, { ...off, seed: 1 })));
    // Six are: the general question gets less confidence in the topic it names.
    const many = [...intents, ...general];
    expect(confidence(trainMatcher(many, { seed: 1 }))).toBeLessThan(confidence(trainMatcher(many, { ...off, seed: 1 })));
  });
});
