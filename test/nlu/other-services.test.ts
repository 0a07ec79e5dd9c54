/** Which other company's service a message is about: names as people write them, never the operator's own, never a sign-in with it. */
import { describe, expect, it } from 'vitest';
import { createServiceFinder } from '../../src/nlu/other-services.js';

const find = createServiceFinder(['네이버', '쿠팡', '구글', '애플 아이디', 'Gmail', 'Apple ID', 'Example Portal'], 'Example Portal');

describe('other services', () => {
  it('finds a service named with particles, in any case, and names of two words', () => {
    expect(find('네이버 비밀번호 까먹었어요')).toBe('네이버');
    expect(find('쿠팡에서 산 거 환불해 주세요')).toBe('쿠팡');
    expect(find('my GMAIL storage is full')).toBe('Gmail');
    expect(find('애플 아이디 비밀번호를 잊어버렸어요')).toBe('애플 아이디');
    expect(find('I forgot my apple id password')).toBe('Apple ID');
  });

  it('is about our service when the user signs in with the other account, or names their browser or app store', () => {
    expect(find('네이버 계정으로 로그인이 안 돼요')).toBeUndefined();
    expect(find('구글로 간편 로그인하면 오류가 나요')).toBeUndefined();
    expect(find('sign in with Google fails')).toBeUndefined();
    expect(find('구글 크롬에서 메일이 안 열려요')).toBeUndefined();
    expect(find('the app from Google Play keeps crashing')).toBeUndefined();
  });

  it('never counts the operator\'s own service, and finds nothing in a plain question', () => {
    expect(find('Example Portal password reset')).toBeUndefined();
    expect(find('비밀번호를 잊어버렸어요')).toBeUndefined();
  });
});
