/** The senses of a one-word message: which intents' examples use the word, and how much. */
import { describe, expect, it } from 'vitest';
import { createWordSenses } from '../../src/nlu/word-senses.js';

const senses = createWordSenses([
  { text: '로그인이 안 돼요 비밀번호 잊었어요', intent: 'password' },
  { text: '로그인 아이디가 기억 안 나요', intent: 'find_id' },
  { text: '모르는 기기에서 로그인 기록이 있어요', intent: 'hacked' },
  { text: '해외에서 로그인 시도가 있었대요', intent: 'hacked' },
  { text: '로그인 그만 물어봐', intent: 'oos' },
  { text: 'push notifications stopped', intent: 'push' },
]);

describe('word senses', () => {
  it('ranks the intents whose examples use the word by their share of them, particles and case aside', () => {
    expect(senses.of('로그인')).toEqual([
      { intent: 'hacked', confidence: 0.5 },
      { intent: 'find_id', confidence: 0.25 },
      { intent: 'password', confidence: 0.25 },
    ]);
    expect(senses.of('로그인이')).toEqual(senses.of('로그인'));
    expect(senses.of('Push')).toEqual([{ intent: 'push', confidence: 1 }]);
  });

  it('says nothing of a message of several words, or of a word no example uses', () => {
    expect(senses.of('로그인 안 돼요')).toBeUndefined();
    expect(senses.of('날씨')).toBeUndefined();
  });
});
