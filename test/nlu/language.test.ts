import { describe, expect, it } from 'vitest';
import { replyLanguage } from '../../src/nlu/language.js';

describe('replyLanguage', () => {
  it('answers in Korean when the message has Hangul words', () => {
    expect(replyLanguage('네', 'en')).toBe('ko');
    expect(replyLanguage('로그인이 안돼요 help', 'en')).toBe('ko');
  });

  it('answers in English for Latin-only messages', () => {
    expect(replyLanguage('ok thanks', 'ko')).toBe('en');
  });

  it('keeps the fallback for digits, emoji and bare jamo', () => {
    expect(replyLanguage('12345', 'ko')).toBe('ko');
    expect(replyLanguage('👍', 'en')).toBe('en');
    expect(replyLanguage('ㅠㅠ', 'en')).toBe('en');
  });
});
