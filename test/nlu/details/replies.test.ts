import { describe, expect, it } from 'vitest';
import { DETAIL_NAMES } from '../../../src/knowledge/types.js';
import { extractAnswer, extractDetails, isCancel, isDontKnow } from '../../../src/nlu/details/index.js';

const ctx = { now: new Date('2026-11-23T10:00:00+09:00'), timeZone: 'Asia/Seoul' };

describe("don't know / skip", () => {
  it.each([
    '모르겠어요', '몰라요', '잘 모름', '잘 모르겠습니다', '기억이 안 나요', '버전은 잘 모르겠어요 ㅠㅠ', '글쎄요', '패스', '건너뛰기', '스킵할게요',
    '넘어가 주세요', "I don't know", 'idk', 'not sure', "I'm not sure", 'no idea', 'skip', 'pass', "can't remember", "I don't know my app version", 'n/a',
  ])('"%s" is don\'t-know', (text) => expect(isDontKnow(text)).toBe(true));

  it.each([
    '', '패스워드를 잊어버렸어요', '화면이 안 넘어가요', 'password reset', '5.12.1', '안드로이드 14', "I don't know why the app keeps crashing after the update",
    '와이파이', '네',
  ])('"%s" is not don\'t-know', (text) => expect(isDontKnow(text)).toBe(false));
});

describe('cancel', () => {
  it.each(['취소', '취소할게요', '취소해 주세요', '그만할래요', '그만', '접수 취소', '문의 취소할게요', '안 할래요', '중단', 'cancel', 'Cancel please', 'stop', 'never mind', 'Nevermind!', 'forget it', 'quit', 'nvm'])(
    '"%s" cancels',
    (text) => expect(isCancel(text)).toBe(true),
  );

  it.each(['결제 취소하고 싶어요', '주문 취소가 안 돼요', 'how do I cancel my subscription', 'push stopped working', '그만 좀 오류났으면', '', '🙂'])(
    '"%s" does not cancel',
    (text) => expect(isCancel(text)).toBe(false),
  );
});

describe('garbage never crashes and gives nothing', () => {
  const garbage = ['', '   ', '\u200B\u200C\u200D\uFEFF', '🙂🔥👍', '?!?!', 'ㅋㅋㅋㅋ', '\u0000\u0007\u001b[31m', 'a'.repeat(50_000), '가'.repeat(50_000), '\uD800', '١٢٣ مرحبا'];
  it.each(garbage.map((g) => [JSON.stringify(g).slice(0, 40), g]))('extractDetails(%s) is empty', (_label, text) => {
    expect(extractDetails(text, ctx)).toEqual({});
  });

  it.each(garbage.map((g) => [JSON.stringify(g).slice(0, 40), g]))('extractAnswer on %s never succeeds for a token detail', (_label, text) => {
    for (const name of ['url', 'order_ref', 'account_id', 'app_version', 'os', 'device', 'browser', 'network', 'occurred_at'] as const) {
      expect(extractAnswer(name, text, ctx).ok).toBe(false);
    }
  });

  it('tells an empty answer from an unusable one', () => {
    expect(extractAnswer('os', '', ctx)).toEqual({ ok: false, reason: 'absent' });
    expect(extractAnswer('os', '\u200B ', ctx)).toEqual({ ok: false, reason: 'absent' });
    expect(extractAnswer('os', '🙂', ctx)).toEqual({ ok: false, reason: 'unusable' });
  });

  it('finds details in a 50 KB message and ignores zero-width characters inside words', () => {
    const long = `안드\u200B로이드 14 와이\u200D파이 ${'ㅋ'.repeat(50_000)}`;
    expect(extractDetails(long, ctx)).toEqual({ os: 'Android 14', network: 'wifi' });
  });

  it('handles every detail name on odd input without throwing', () => {
    for (const name of DETAIL_NAMES) {
      for (const text of ['\uD800\uDFFF', '((((((((((', '--------', '@@@@@', '0x', 'http://', '1/1/1/1/1']) {
        expect(() => extractAnswer(name, text, ctx)).not.toThrow();
      }
    }
  });
});

describe('hedged answers are answers', () => {
  it.each(['잘 모르겠는데 아마 어제쯤', 'not sure, maybe 5.12', '모르겠어요 5.0 정도?', 'i think chrome, not sure'])('"%s"', (text) => expect(isDontKnow(text)).toBe(false));
});
