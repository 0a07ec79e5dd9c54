import { describe, expect, it } from 'vitest';
import { extractAnswer, extractDetails } from '../../../src/nlu/details/index.js';

// Monday 23 November 2026, 10:00 in Seoul.
const ctx = { now: new Date('2026-11-23T10:00:00+09:00'), timeZone: 'Asia/Seoul' };

describe('occurred_at in a free-form message', () => {
  it.each([
    ['어제 저녁 7시부터 푸시가 안 와요', '2026-11-22T19:00:00+09:00'],
    ['어제 밤 11시', '2026-11-22T23:00:00+09:00'],
    ['어젯밤부터 안 돼요', '2026-11-22T22:00:00+09:00'],
    ['오늘 아침부터 로그인이 안 돼요', '2026-11-23T08:00:00+09:00'],
    ['아까부터 안 돼요', '2026-11-23T09:00:00+09:00'],
    ['방금 결제했는데 두 번 나갔어요', '2026-11-23T10:00:00+09:00'],
    ['3일 전부터요', '2026-11-20'],
    ['2시간 전부터 지도가 안 떠요', '2026-11-23T08:00:00+09:00'],
    ['한 시간 전부터요', '2026-11-23T09:00:00+09:00'],
    ['30분 전에 메일 보냈어요', '2026-11-23T09:30:00+09:00'],
    ['지난주 금요일부터', '2026-11-20'],
    ['지난주 수요일 오후 2시에', '2026-11-18T14:00:00+09:00'],
    ['금요일부터 안 돼요', '2026-11-20'],
    ['11/20 오후 3시쯤', '2026-11-20T15:00:00+09:00'],
    ['11월 20일부터', '2026-11-20'],
    ['11월 20일 오전 10시 30분', '2026-11-20T10:30:00+09:00'],
    ['2026-11-20 15:00', '2026-11-20T15:00:00+09:00'],
    ['2026.11.19 부터', '2026-11-19'],
    ['그저께부터 메일이 안 와요', '2026-11-21'],
    ['이틀 전부터', '2026-11-21'],
    ['일주일 전부터', '2026-11-16'],
    ['3일째 안 돼요', '2026-11-21'],
    ['새벽 2시쯤', '2026-11-23T02:00:00+09:00'],
    ['저녁 7시부터 안 와요', '2026-11-22T19:00:00+09:00'],
    ['어제 저녁 일곱시', '2026-11-22T19:00:00+09:00'],
    ['어제 7시 반부터', '2026-11-22T07:30:00+09:00'],
    ['12월 25일부터', '2025-12-25'],
    ['since yesterday 7pm', '2026-11-22T19:00:00+09:00'],
    ['two days ago', '2026-11-21'],
    ['it started 3 days ago', '2026-11-20'],
    ['this morning', '2026-11-23T08:00:00+09:00'],
    ['since this afternoon', '2026-11-23T14:00:00+09:00'],
    ['last Friday', '2026-11-20'],
    ['an hour ago', '2026-11-23T09:00:00+09:00'],
    ['about 20 minutes ago', '2026-11-23T09:40:00+09:00'],
    ['on Nov 20 at 3pm', '2026-11-20T15:00:00+09:00'],
    ['November 19th', '2026-11-19'],
    ['since 18 Nov', '2026-11-18'],
    ['yesterday at 11:30 pm', '2026-11-22T23:30:00+09:00'],
    ['last night', '2026-11-22T22:00:00+09:00'],
    ['just now', '2026-11-23T10:00:00+09:00'],
    ['for 2 hours now', '2026-11-23T08:00:00+09:00'],
    ['a week ago', '2026-11-16'],
  ])('%s → %s', (text, iso) => {
    expect(extractDetails(text, ctx).occurred_at).toBe(iso);
  });

  it.each(['안녕하세요', 'good morning, my app crashes', '앱 버전 5.12.1', '24시간 안에 답변 주나요', '갤럭시 S23', '비밀번호를 바꾸고 싶어요'])(
    'no time in "%s"',
    (text) => {
      expect(extractDetails(text, ctx).occurred_at).toBeUndefined();
    },
  );

  it('resolves in other zones, with their daylight-saving offsets', () => {
    const ny = { now: new Date('2026-07-15T15:00:00Z'), timeZone: 'America/New_York' };
    expect(extractDetails('since yesterday 7pm', ny).occurred_at).toBe('2026-07-14T19:00:00-04:00');
    const nyWinter = { now: new Date('2026-12-15T15:00:00Z'), timeZone: 'America/New_York' };
    expect(extractDetails('since yesterday 7pm', nyWinter).occurred_at).toBe('2026-12-14T19:00:00-05:00');
    // The day after the switch back to standard time: "2 days ago" is still midnight local time.
    const afterSwitch = { now: new Date('2026-11-02T15:00:00Z'), timeZone: 'America/New_York' };
    expect(extractDetails('two days ago', afterSwitch).occurred_at).toBe('2026-10-31');
    const london = { now: new Date('2026-11-23T10:00:00Z'), timeZone: 'Europe/London' };
    expect(extractDetails('2시간 전', london).occurred_at).toBe('2026-11-23T08:00:00+00:00');
  });

  it('falls back to Asia/Seoul for an unknown zone instead of failing', () => {
    expect(extractDetails('어제 저녁 7시', { now: ctx.now, timeZone: 'Mars/Olympus' }).occurred_at).toBe('2026-11-22T19:00:00+09:00');
  });
});

describe('occurred_at as an answer', () => {
  it.each([
    ['7시쯤이요', '2026-11-23T07:00:00+09:00'],
    ['3시', '2026-11-22T15:00:00+09:00'],
    ['어제요', '2026-11-22'],
    ['오늘', '2026-11-23'],
    ['yesterday', '2026-11-22'],
    ['아침', '2026-11-23T08:00:00+09:00'],
    ['3일 전부터요', '2026-11-20'],
  ])('%s → %s', (text, iso) => {
    expect(extractAnswer('occurred_at', text, ctx)).toEqual({ ok: true, value: iso });
  });

  it.each(['업데이트 후부터요', 'ㅋㅋ', '?', '🙂🙂'])('"%s" is unusable', (text) => {
    expect(extractAnswer('occurred_at', text, ctx)).toEqual({ ok: false, reason: 'unusable' });
  });
});

describe('occurred_at corrections', () => {
  it.each([
    ['어제가 아니라 오늘 아침부터요', '2026-11-23T08:00:00+09:00'],
    ['지난주 말고 그저께부터', '2026-11-21'],
    ['not yesterday, this morning', '2026-11-23T08:00:00+09:00'],
  ])('%s → %s', (text, iso) => expect(extractDetails(text, ctx).occurred_at).toBe(iso));
});

describe('more ways to say when', () => {
  it.each([
    ['어제 오후 3시 반쯤', '2026-11-22T15:30:00+09:00'],
    ['그제 밤', '2026-11-21T22:00:00+09:00'],
    ['오늘 새벽 4시', '2026-11-23T04:00:00+09:00'],
    ['엊그제부터', '2026-11-21'],
    ['지난달 20일부터', '2026-10-20'],
    ['20일부터 안돼요', '2026-11-20'],
    ['25일부터 안돼요', '2026-10-25'],
    ['이번주 월요일부터', '2026-11-23'],
    ['저번주 토요일 밤 10시', '2026-11-21T22:00:00+09:00'],
    ['한 달 전부터', '2026-10-23'],
    ['2주 전', '2026-11-09'],
    ['5분 전에', '2026-11-23T09:55:00+09:00'],
    ['반 시간 전', '2026-11-23T09:30:00+09:00'],
    ['15:30쯤부터', '2026-11-22T15:30:00+09:00'],
    ['오후 3:30부터', '2026-11-22T15:30:00+09:00'],
    ['어제 19시', '2026-11-22T19:00:00+09:00'],
    ['어제 낮 2시', '2026-11-22T14:00:00+09:00'],
    ['11.20 오후 3시', '2026-11-20T15:00:00+09:00'],
    ['11월20일 15시', '2026-11-20T15:00:00+09:00'],
    ['어젯밤 자정쯤', '2026-11-23T00:00:00+09:00'],
    ['자정쯤부터', '2026-11-23T00:00:00+09:00'],
    ['주말부터 안 돼요', '2026-11-21'],
    ['점심 먹고 나서부터', '2026-11-22T12:00:00+09:00'],
    ['7pm yesterday', '2026-11-22T19:00:00+09:00'],
    ['yesterday evening', '2026-11-22T19:00:00+09:00'],
    ['the day before yesterday', '2026-11-21'],
    ['Monday morning', '2026-11-16T08:00:00+09:00'],
    ['since this Monday', '2026-11-23'],
    ['3 weeks ago', '2026-11-02'],
    ['nov 20th 3:15pm', '2026-11-20T15:15:00+09:00'],
    ['since 20 November 2026', '2026-11-20'],
    ['since the weekend', '2026-11-21'],
  ])('%s → %s', (text, iso) => expect(extractDetails(text, ctx).occurred_at).toBe(iso));

  it('a weekend said on a weekend is this one, "last weekend" the one before', () => {
    const sunday = { now: new Date('2026-11-29T10:00:00+09:00'), timeZone: 'Asia/Seoul' };
    expect(extractDetails('주말부터 안 돼요', sunday).occurred_at).toBe('2026-11-28');
    expect(extractDetails('since last weekend', sunday).occurred_at).toBe('2026-11-21');
  });

  it.each(['a few days ago', '몇 시간 전부터', '내일 오전에 예정된 수업', '몇 시에 답변 오나요?', '5.12 버전'])('"%s" is too vague or not in the past', (text) => {
    expect(extractDetails(text, ctx).occurred_at).toBeUndefined();
  });
});

describe('a day without a time', () => {
  it('is a date, shown without a made-up time ("yesterday" is not "Sun, Nov 22, 00:00")', async () => {
    const { formatDetailValue } = await import('../../../src/dialog/summary.js');
    const day = extractDetails('yesterday', { now: new Date('2026-11-23T10:00:00+09:00'), timeZone: 'Asia/Seoul' }).occurred_at as string;
    expect(day).toBe('2026-11-22');
    expect(formatDetailValue('occurred_at', day, 'en', 'Asia/Seoul')).toBe('Sun, Nov 22');
    expect(formatDetailValue('occurred_at', day, 'ko', 'Asia/Seoul')).toBe('11월 22일 (일)');
    // A time that was said keeps it.
    expect(formatDetailValue('occurred_at', '2026-11-22T19:00:00+09:00', 'en', 'Asia/Seoul')).toBe('Sun, Nov 22, 19:00');
  });
});
