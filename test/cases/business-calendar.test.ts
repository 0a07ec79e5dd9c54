import { describe, expect, it } from 'vitest';
import {
  CalendarConfigError,
  createBusinessCalendar,
  DEFAULT_CALENDAR_OPTIONS,
  KOREAN_PUBLIC_HOLIDAYS_2026_2027,
  parseHolidayList,
  parseWorkdays,
} from '../../src/cases/business-calendar.js';

const seoul = createBusinessCalendar(DEFAULT_CALENDAR_OPTIONS);
const kst = (local: string) => new Date(`${local}+09:00`);
const plain = createBusinessCalendar({ ...DEFAULT_CALENDAR_OPTIONS, holidays: [] });

describe('addBusinessHours', () => {
  it.each([
    ['Monday 10:00 + 24h → Wednesday 16:00', '2026-11-23T10:00:00', 24, '2026-11-25T16:00:00'],
    ['Friday 17:00 + 24h → Wednesday 14:00', '2026-11-20T17:00:00', 24, '2026-11-25T14:00:00'],
    ['Saturday starts counting on Monday 9:00', '2026-11-21T15:00:00', 4, '2026-11-23T13:00:00'],
    ['before opening starts at 9:00', '2026-11-23T07:30:00', 2, '2026-11-23T11:00:00'],
    ['after closing starts the next morning', '2026-11-23T20:00:00', 1, '2026-11-24T10:00:00'],
    ['ending exactly at closing stays at 18:00', '2026-11-23T09:00:00', 9, '2026-11-23T18:00:00'],
    ['fractions of an hour', '2026-11-23T17:30:00', 1.5, '2026-11-24T10:00:00'],
  ])('%s', (_name, from, hours, due) => {
    expect(plain.addBusinessHours(kst(from), hours).getTime()).toBe(kst(due).getTime());
  });

  it('skips Korean public holidays (추석 2026: Thu 24 - Sat 26 September)', () => {
    // Wednesday 23 Sep 17:00 + 2h: 1h that day, then Mon 28 Sep.
    expect(seoul.addBusinessHours(kst('2026-09-23T17:00:00'), 2).getTime()).toBe(kst('2026-09-28T10:00:00').getTime());
  });

  it('skips substitute holidays (광복절 on Saturday → Monday 17 August 2026 is closed)', () => {
    expect(seoul.addBusinessHours(kst('2026-08-14T17:00:00'), 2).getTime()).toBe(kst('2026-08-18T10:00:00').getTime());
  });

  it('crosses the 2027 설날 break with its substitute day', () => {
    // Fri 5 Feb 2027 17:00: 1h, then Sat-Tue closed (6-9 Feb), Wed 10 Feb 9:00 + 1h.
    expect(seoul.addBusinessHours(kst('2027-02-05T17:00:00'), 2).getTime()).toBe(kst('2027-02-10T10:00:00').getTime());
  });

  it('counts in another zone, across a daylight-saving change', () => {
    const ny = createBusinessCalendar({ timeZone: 'America/New_York', workdays: [1, 2, 3, 4, 5], startHour: 9, endHour: 17, holidays: [], peakWindows: [] });
    // Fri 30 Oct 2026 16:00 EDT + 2h: 1h Friday, then Mon 2 Nov (now EST) 10:00.
    expect(ny.addBusinessHours(new Date('2026-10-30T16:00:00-04:00'), 2).toISOString()).toBe(new Date('2026-11-02T10:00:00-05:00').toISOString());
  });

  it('a Sunday-Thursday week with 24-hour days', () => {
    const cal = createBusinessCalendar({ timeZone: 'Asia/Dubai', workdays: [7, 1, 2, 3, 4], startHour: 0, endHour: 24, holidays: [], peakWindows: [] });
    // Thursday 20:00 + 6h → Friday and Saturday closed → Sunday 02:00.
    expect(cal.addBusinessHours(new Date('2026-11-26T20:00:00+04:00'), 6).toISOString()).toBe(new Date('2026-11-29T02:00:00+04:00').toISOString());
  });

  it('opens and closes on the minute (09:30-18:15)', () => {
    const cal = createBusinessCalendar({ ...DEFAULT_CALENDAR_OPTIONS, holidays: [], startHour: 9, startMinute: 30, endHour: 18, endMinute: 15 });
    // Monday 18:00 + 1h: 15 min that day, then Tuesday 09:30 + 45 min.
    expect(cal.addBusinessHours(kst('2026-11-23T18:00:00'), 1).getTime()).toBe(kst('2026-11-24T10:15:00').getTime());
    expect(cal.addBusinessHours(kst('2026-11-23T08:00:00'), 1).getTime()).toBe(kst('2026-11-23T10:30:00').getTime());
    expect(cal.isBusinessTime(kst('2026-11-23T09:29:00'))).toBe(false);
    expect(cal.isBusinessTime(kst('2026-11-23T09:30:00'))).toBe(true);
    expect(cal.isBusinessTime(kst('2026-11-23T18:14:00'))).toBe(true);
    expect(cal.isBusinessTime(kst('2026-11-23T18:15:00'))).toBe(false);
  });

  it('returns the start unchanged for zero, negative or non-numeric hours and for a calendar that never opens', () => {
    const from = kst('2026-11-23T10:00:00');
    for (const h of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) expect(seoul.addBusinessHours(from, h).getTime()).toBe(from.getTime());
    const closed = createBusinessCalendar({ ...DEFAULT_CALENDAR_OPTIONS, workdays: [] });
    expect(closed.addBusinessHours(from, 5).getTime()).toBe(from.getTime());
  });
});

describe('isBusinessTime', () => {
  it.each([
    ['2026-11-23T09:00:00', true],
    ['2026-11-23T17:59:00', true],
    ['2026-11-23T18:00:00', false],
    ['2026-11-23T08:59:00', false],
    ['2026-11-21T12:00:00', false],
    ['2026-12-25T12:00:00', false],
    ['2026-07-17T12:00:00', false],
  ])('%s → %s', (at, open) => expect(seoul.isBusinessTime(kst(at))).toBe(open));
});

describe('isPeak', () => {
  it.each([
    ['2026-11-23T13:00:00', true],
    ['2026-11-23T13:59:00', true],
    ['2026-11-23T14:00:00', false],
    ['2026-11-23T12:59:00', false],
    ['2026-11-23T18:00:00', true],
    ['2026-11-23T23:59:00', true],
    ['2026-11-24T00:00:00', false],
    ['2026-11-23T10:00:00', false],
  ])('%s → %s', (at, peak) => expect(seoul.isPeak(kst(at))).toBe(peak));

  it('reads windows in the calendar zone and allows windows across midnight', () => {
    const cal = createBusinessCalendar({ ...DEFAULT_CALENDAR_OPTIONS, timeZone: 'Europe/London', peakWindows: [{ from: '22:00', to: '02:00' }] });
    expect(cal.isPeak(new Date('2026-11-23T23:00:00Z'))).toBe(true);
    expect(cal.isPeak(new Date('2026-11-24T01:30:00Z'))).toBe(true);
    expect(cal.isPeak(new Date('2026-11-24T02:00:00Z'))).toBe(false);
  });
});

describe('Korean public holidays 2026-2027', () => {
  it('lists the lunar holidays and substitute days', () => {
    for (const d of ['2026-02-17', '2026-03-02', '2026-05-25', '2026-08-17', '2026-09-25', '2026-10-05', '2027-02-07', '2027-02-09', '2027-05-13', '2027-09-15', '2027-10-11', '2027-12-27']) {
      expect(KOREAN_PUBLIC_HOLIDAYS_2026_2027).toContain(d);
    }
  });
  it('has no duplicates and only valid, sorted dates', () => {
    expect(new Set(KOREAN_PUBLIC_HOLIDAYS_2026_2027).size).toBe(KOREAN_PUBLIC_HOLIDAYS_2026_2027.length);
    expect(parseHolidayList(KOREAN_PUBLIC_HOLIDAYS_2026_2027.join(','))).toEqual([...KOREAN_PUBLIC_HOLIDAYS_2026_2027]);
  });
  it('does not give a substitute day for 현충일 or for a 추석 day on Saturday', () => {
    expect(KOREAN_PUBLIC_HOLIDAYS_2026_2027).not.toContain('2026-06-08');
    expect(KOREAN_PUBLIC_HOLIDAYS_2026_2027).not.toContain('2026-09-28');
  });
});

describe('configuration helpers', () => {
  it('parses holiday lists', () => {
    expect(parseHolidayList('2026-12-24, 2026-12-31\n2026-12-24')).toEqual(['2026-12-24', '2026-12-31']);
    expect(parseHolidayList('')).toEqual([]);
  });
  it.each(['2026-13-01', '2026-02-30', '26-12-24', 'christmas'])('rejects "%s" with a message naming it', (bad) => {
    expect(() => parseHolidayList(`2026-12-24,${bad}`)).toThrow(CalendarConfigError);
    expect(() => parseHolidayList(bad)).toThrow(bad);
  });

  it.each([
    ['mon-fri', [1, 2, 3, 4, 5]],
    ['Mon-Fri', [1, 2, 3, 4, 5]],
    ['monday-friday', [1, 2, 3, 4, 5]],
    ['mon,wed,fri', [1, 3, 5]],
    ['sun-thu', [1, 2, 3, 4, 7]],
    ['sat,sun', [6, 7]],
    ['1-5', [1, 2, 3, 4, 5]],
    ['월-금', [1, 2, 3, 4, 5]],
    ['mon-sun', [1, 2, 3, 4, 5, 6, 7]],
  ])('workdays "%s"', (spec, days) => expect(parseWorkdays(spec)).toEqual(days));

  it.each(['', 'weekdays', 'mon-', 'mon-fri-sat', '8', 'month'])('rejects workdays "%s"', (bad) => {
    expect(() => parseWorkdays(bad)).toThrow(CalendarConfigError);
  });
});
