import { describe, expect, it } from 'vitest';
import { detectLanguage, replyLanguage } from '../../src/nlu/language.js';

describe('detectLanguage', () => {
  it('tells Korean, English, mixed and unknown apart', () => {
    expect(detectLanguage('비밀번호를 잊어버렸어요')).toBe('ko');
    expect(detectLanguage('I forgot my password')).toBe('en');
    expect(detectLanguage('my 비밀번호 is 안돼요 now')).toBe('mixed');
    expect(detectLanguage('😀👍 123 !!')).toBe('unknown');
    expect(detectLanguage('')).toBe('unknown');
  });

  it('reads a Korean sentence with an English product name as Korean', () => {
    expect(detectLanguage('wifi가 안돼요 iphone 앱에서 로그인 실패')).toBe('ko');
    expect(detectLanguage('ＷｉＦｉ 안돼요 정말 계속 안돼요')).toBe('ko');
  });
});

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
