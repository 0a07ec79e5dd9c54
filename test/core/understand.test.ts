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

  it('never switches on quoted or pasted text: code, `>` lines, "…", or several lines in a conversation under way', () => {
    expect(conversationLanguage('"Access denied for this account"', 'ko')).toBe('ko');
    expect(conversationLanguage('`Permission denied (publickey)`', 'ko')).toBe('ko');
    expect(conversationLanguage('```\nFatal error: connection reset by peer\n```', 'ko')).toBe('ko');
    expect(conversationLanguage('> Your session has expired, please sign in again', 'ko')).toBe('ko');
    expect(conversationLanguage('Error 550: Message rejected\nPlease contact your administrator\nClient version 5.7.1', 'ko')).toBe('ko');
    // The words around a quote still count, and a first message of several lines is a choice of language.
    expect(conversationLanguage('it says "다시 시도해 주세요" every time', 'ko')).toBe('en');
    expect(conversationLanguage('my mail does not send\nwhat should I do', 'ko', false)).toBe('en');
  });
});
