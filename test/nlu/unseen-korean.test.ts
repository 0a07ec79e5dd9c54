import { describe, expect, it } from 'vitest';
import { createFeatureExtractor } from '../../src/nlu/features.js';
import { addScores, trainModel, vectorize, type Model } from '../../src/nlu/linear-model.js';
import { trainMatcher } from '../../src/nlu/matcher.js';
import { penalizeUnseenKorean, unseenKoreanMass } from '../../src/nlu/unseen-korean.js';
import type { LabelledExample } from '../../src/nlu/types.js';

// Two ParaKQC-like groups of paraphrases (train.jsonl g0000-style), plus an English one.
const EXAMPLES: LabelledExample[] = [
  ...['블루투스 스피커 인터넷에서 사면 얼마야?', '블루투스 스피커는 온라인에서 평균적으로 얼마정도 해?', '블루투스 스피커 온라인 가격 알려줘'].map((text) => ({ text, intent: 'speaker.price' })),
  ...['베란다 불 어떻게 켜고 꺼?', '베란다 조명 조정하는 방법 좀 알려줘', '베란다 조명은 어떻게 켜?'].map((text) => ({ text, intent: 'light.how' })),
  ...['how do I reset my password', 'forgot my password', 'reset password please'].map((text) => ({ text, intent: 'password.reset' })),
];

function vectorOf(model: Model, text: string): { index: Int32Array; value: Float32Array; size: number } {
  const bag = createFeatureExtractor().extract(text);
  const index = new Int32Array(bag.size);
  const value = new Float32Array(bag.size);
  const size = vectorize(model, bag.hashes, bag.counts, 0, bag.size, index, value, 0);
  return { index, value, size };
}

const model = trainModel(EXAMPLES, { unseenKoreanPenalty: 3, temperature: 0.25 });
const speaker = model.labels.indexOf('speaker.price');
const light = model.labels.indexOf('light.how');

describe('unseenKoreanMass', () => {
  it('is the share of a Korean message that the intent never saw', () => {
    const seen = vectorOf(model, '블루투스 스피커 얼마야?');
    const install = vectorOf(model, '블루투스 스피커 조명 켜는 방법 알려줘');
    const seenMass = unseenKoreanMass(model, seen.index, seen.value, 0, seen.size, speaker);
    const installMass = unseenKoreanMass(model, install.index, install.value, 0, install.size, speaker);
    // 조명, 켜, 방법 belong to the light intent only: much of the message is unseen by the speaker intent.
    expect(installMass).toBeGreaterThan(0.2);
    expect(seenMass).toBeLessThan(installMass / 3);
    expect(unseenKoreanMass(model, install.index, install.value, 0, install.size, light)).toBeGreaterThan(0.2);
  });

  it('is 0 for an English message', () => {
    const english = vectorOf(model, 'reset my password');
    expect(english.size).toBeGreaterThan(0);
    for (let c = 0; c < model.labels.length; c++) expect(unseenKoreanMass(model, english.index, english.value, 0, english.size, c)).toBe(0);
  });
});

describe('penalizeUnseenKorean', () => {
  it('lowers every score by the same amount, so the ranking stays', () => {
    const v = vectorOf(model, '블루투스 스피커 조명 켜는 방법 알려줘');
    const scores = new Float64Array(model.labels.length);
    addScores(model, v.index, v.value, 0, v.size, scores);
    const before = Float64Array.from(scores);
    penalizeUnseenKorean(model, v.index, v.value, 0, v.size, scores);
    const cut = before[0] - scores[0];
    expect(cut).toBeGreaterThan(0.5);
    for (let c = 0; c < scores.length; c++) expect(before[c] - scores[c]).toBeCloseTo(cut, 9);
  });

  it('does nothing with a penalty of 0', () => {
    const v = vectorOf(model, '블루투스 스피커 조명 켜는 방법 알려줘');
    const scores = new Float64Array(model.labels.length);
    addScores(model, v.index, v.value, 0, v.size, scores);
    const before = Float64Array.from(scores);
    penalizeUnseenKorean(model, v.index, v.value, 0, v.size, scores, 0);
    expect(scores).toEqual(before);
  });
});

describe('the matcher with the penalty', () => {
  const plain = trainMatcher(EXAMPLES, { unseenKoreanPenalty: 0, temperature: 2 });
  const penalized = trainMatcher(EXAMPLES, { unseenKoreanPenalty: 3, temperature: 2 });

  it('is less sure of a near miss that brings words only other intents have (방법)', () => {
    const text = '블루투스 스피커 설치 방법 알려줘';
    const a = plain.rank(text, 1)[0];
    const b = penalized.rank(text, 1)[0];
    expect(b.intent).toBe(a.intent);
    expect(b.confidence).toBeLessThan(a.confidence - 0.01);
    // A message made only of what the intent has seen keeps its confidence.
    const seen = '블루투스 스피커 온라인 가격 알려줘';
    expect(penalized.rank(seen, 1)[0].confidence).toBeCloseTo(plain.rank(seen, 1)[0].confidence, 9);
  });

  it('leaves English messages alone', () => {
    for (const text of ['I forgot my password', 'where is the light switch']) expect(penalized.rank(text, 3)).toEqual(plain.rank(text, 3));
  });

  it('chooses no penalty for an English-only knowledge base', () => {
    const english = EXAMPLES.filter((e) => e.intent === 'password.reset').concat(
      ['where can I see the price', 'how much does it cost', 'price please'].map((text) => ({ text, intent: 'price' })),
    );
    expect(trainModel(english, {}).unseenKoreanPenalty).toBe(0);
  });
});
