/** Which language the bot replies in, message by message. */
import { describe, expect, it } from 'vitest';
import { conversationLanguage } from '../../src/core/understand.js';

describe('conversationLanguage', () => {
  it('takes a lone English word as the language of a conversation that starts with it', () => {
    expect(conversationLanguage('login', 'ko', false)).toBe('en');
    expect(conversationLanguage('hi', 'ko', false)).toBe('en');
    expect(conversationLanguage('로그인', 'en', false)).toBe('ko');
  });

  it('keeps the language of a conversation under way for a product name, an id or an address', () => {
    expect(conversationLanguage('Chrome', 'ko')).toBe('ko');
    expect(conversationLanguage('iOS 17.2', 'ko')).toBe('ko');
    expect(conversationLanguage('hong_123@example.com', 'ko')).toBe('ko');
    expect(conversationLanguage('ORD-2026-1234', 'en', false)).toBe('en');
  });

  it('switches for a sentence in the other language', () => {
    expect(conversationLanguage('my push notifications stopped', 'ko')).toBe('en');
    expect(conversationLanguage('푸시 알림이 안 와요', 'en')).toBe('ko');
  });
});
