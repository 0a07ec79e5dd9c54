/**
 * Business hours for response targets: "within 24 business hours" counts only open hours on workdays
 * that are not holidays, in the operator's time zone. Also tells when a moment falls in a peak window.
 */
import { addDays, fromWallClock, isoDate, wallClock, weekdayOf } from '../time/zoned-time.js';

/** How the support desk's week looks. */
export interface BusinessCalendarOptions {
  /** IANA zone the hours below are read in. */
  timeZone: string;
  /** Open days, 1=Mon..7=Sun. */
  workdays: number[];
  /** Opening hour, 0-23. */
  startHour: number;
  /** Minutes past the opening hour, 0-59 (default 0: 9:30 is startHour 9, startMinute 30). */
  startMinute?: number;
  /** Closing hour, 1-24 (after the opening time). */
  endHour: number;
  /** Minutes past the closing hour, 0-59 (default 0). */
  endMinute?: number;
  /** Closed dates, "YYYY-MM-DD" in the calendar's zone. */
  holidays: string[];
  /** Busy windows of any day, "HH:MM" to "HH:MM" ("24:00" is the end of the day; a window may wrap past midnight). */
  peakWindows: Array<{ from: string; to: string }>;
}

/** Business-time arithmetic over one set of options. */
export interface BusinessCalendar {
  /** The moment `hours` business hours after `from`; counting starts at the next opening when `from` is outside hours. */
  addBusinessHours(from: Date, hours: number): Date;
  /** True when the desk is open at `at`. */
  isBusinessTime(at: Date): boolean;
  /** True when `at` falls in a peak window (answers may take longer). */
  isPeak(at: Date): boolean;
}

/**
 * Public holidays in the Republic of Korea, 2026 and 2027, including lunar holidays (설날, 부처님오신날, 추석),
 * substitute holidays (대체공휴일), the 2026 local election day, 제헌절 (a public holiday again from 2026)
 * and 노동절 (May 1, a paid holiday for private-sector staff such as a support desk).
 */
export const KOREAN_PUBLIC_HOLIDAYS_2026_2027: readonly string[] = [
  '2026-01-01', // 신정
  '2026-02-16', '2026-02-17', '2026-02-18', // 설날 연휴 (설날 2/17)
  '2026-03-01', '2026-03-02', // 삼일절 (일) + 대체공휴일
  '2026-05-01', // 노동절
  '2026-05-05', // 어린이날
  '2026-05-24', '2026-05-25', // 부처님오신날 (일) + 대체공휴일
  '2026-06-03', // 제9회 전국동시지방선거
  '2026-06-06', // 현충일 (토; 대체공휴일 없음)
  '2026-07-17', // 제헌절
  '2026-08-15', '2026-08-17', // 광복절 (토) + 대체공휴일
  '2026-09-24', '2026-09-25', '2026-09-26', // 추석 연휴 (추석 9/25; 토요일은 대체 사유 아님)
  '2026-10-03', '2026-10-05', // 개천절 (토) + 대체공휴일
  '2026-10-09', // 한글날
  '2026-12-25', // 기독탄신일
  '2027-01-01', // 신정
  '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', // 설날 연휴 (설날 2/7 일) + 대체공휴일
  '2027-03-01', // 삼일절
  '2027-05-01', // 노동절 (토)
  '2027-05-05', // 어린이날
  '2027-05-13', // 부처님오신날
  '2027-06-06', // 현충일 (일; 대체공휴일 없음)
  '2027-07-17', '2027-07-19', // 제헌절 (토) + 대체공휴일
  '2027-08-15', '2027-08-16', // 광복절 (일) + 대체공휴일
  '2027-09-14', '2027-09-15', '2027-09-16', // 추석 연휴 (추석 9/15)
  '2027-10-03', '2027-10-04', // 개천절 (일) + 대체공휴일
  '2027-10-09', '2027-10-11', // 한글날 (토) + 대체공휴일
  '2027-12-25', '2027-12-27', // 기독탄신일 (토) + 대체공휴일
];

/** Asia/Seoul, Monday to Friday 9:00-18:00, Korean public holidays, busy 13-14 and 18-24. */
export const DEFAULT_CALENDAR_OPTIONS: BusinessCalendarOptions = {
  timeZone: 'Asia/Seoul',
  workdays: [1, 2, 3, 4, 5],
  startHour: 9,
  endHour: 18,
  holidays: [...KOREAN_PUBLIC_HOLIDAYS_2026_2027],
  peakWindows: [
    { from: '13:00', to: '14:00' },
    { from: '18:00', to: '24:00' },
  ],
};

// Enough to cross any run of closed days; a calendar with no open day at all stops here instead of looping.
const MAX_DAYS_SCANNED = 3700;
const HOUR_MS = 3_600_000;

/** A calendar for the given week, hours, holidays and peaks. Bad values never throw: a closed calendar adds nothing. */
export function createBusinessCalendar(options: BusinessCalendarOptions): BusinessCalendar {
  const zone = options.timeZone;
  const workdays = new Set(options.workdays);
  const holidays = new Set(options.holidays);
  // Opening and closing times in minutes since midnight.
  const start = options.startHour * 60 + (options.startMinute ?? 0);
  const end = options.endHour * 60 + (options.endMinute ?? 0);
  const peaks = options.peakWindows.map((w) => ({ from: minutesOf(w.from), to: minutesOf(w.to) })).filter((w) => w.from !== null && w.to !== null) as Array<{
    from: number;
    to: number;
  }>;
  const sane = Number.isFinite(start) && Number.isFinite(end) && start >= 0 && end <= 24 * 60 && start < end && workdays.size > 0;

  const isOpenDay = (d: { year: number; month: number; day: number }): boolean => workdays.has(weekdayOf(d)) && !holidays.has(isoDate(d));

  return {
    addBusinessHours(from, hours) {
      if (!sane || !Number.isFinite(hours) || hours <= 0 || Number.isNaN(from.getTime())) return new Date(from.getTime());
      let remaining = hours * HOUR_MS;
      let cursor = from.getTime();
      let day = wallClock(from, zone);
      for (let i = 0; i < MAX_DAYS_SCANNED; i++) {
        const date = { year: day.year, month: day.month, day: day.day };
        if (isOpenDay(date)) {
          const opens = fromWallClock({ ...date, minute: start }, zone).getTime();
          const closes = fromWallClock({ ...date, minute: end }, zone).getTime();
          const begin = Math.max(cursor, opens);
          if (begin < closes) {
            if (begin + remaining <= closes) return new Date(begin + remaining);
            remaining -= closes - begin;
          }
        }
        const next = addDays(date, 1);
        day = { ...day, ...next };
        cursor = fromWallClock(next, zone).getTime();
      }
      return new Date(cursor);
    },
    isBusinessTime(at) {
      if (!sane || Number.isNaN(at.getTime())) return false;
      const w = wallClock(at, zone);
      const m = w.hour * 60 + w.minute;
      return isOpenDay(w) && m >= start && m < end;
    },
    isPeak(at) {
      if (Number.isNaN(at.getTime())) return false;
      const w = wallClock(at, zone);
      const m = w.hour * 60 + w.minute;
      return peaks.some((p) => (p.from <= p.to ? m >= p.from && m < p.to : m >= p.from || m < p.to));
    },
  };
}

/** Minutes since midnight of "HH:MM" (00:00-24:00), or null. */
function minutesOf(hhmm: string): number | null {
  const m = /^(\d{1,2}):?(\d{2})?$/.exec(String(hhmm).trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

/** Raised by the configuration parsers; the message says what was wrong and how to write it. */
export class CalendarConfigError extends Error {}

/** Parses HOLIDAYS: dates "YYYY-MM-DD" separated by commas, spaces or new lines; throws CalendarConfigError naming the bad entry. */
export function parseHolidayList(spec: string): string[] {
  const out: string[] = [];
  for (const part of String(spec).split(/[\s,;]+/).filter(Boolean)) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(part);
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
      throw new CalendarConfigError(`HOLIDAYS: "${part}" is not a date; write YYYY-MM-DD, separated by commas (e.g. 2026-12-24,2026-12-31)`);
    }
    out.push(part);
  }
  return [...new Set(out)].sort();
}

const DAY_NAMES: Record<string, number> = {
  mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7,
  월: 1, 화: 2, 수: 3, 목: 4, 금: 5, 토: 6, 일: 7,
};

/** Parses BUSINESS_DAYS ("mon-fri", "mon,wed,fri", "sun-thu", "1-5", "월-금") into 1=Mon..7=Sun; throws CalendarConfigError. */
export function parseWorkdays(spec: string): number[] {
  const days = new Set<number>();
  const parts = String(spec).toLowerCase().split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) throw new CalendarConfigError('BUSINESS_DAYS: empty; write a range or list of days, e.g. mon-fri or mon,tue,wed');
  for (const part of parts) {
    const [a, b, extra] = part.split('-');
    const from = dayNumber(a);
    const to = b === undefined ? from : dayNumber(b);
    if (from === null || to === null || extra !== undefined) {
      throw new CalendarConfigError(`BUSINESS_DAYS: "${part}" is not a day or a range; use mon..sun (or 1..7), e.g. mon-fri or sat,sun`);
    }
    // A range may wrap the week end: "sun-thu" is Sunday to Thursday.
    for (let d = from, i = 0; i < 7; d = (d % 7) + 1, i++) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort((x, y) => x - y);
}

function dayNumber(word: string | undefined): number | null {
  if (word === undefined) return null;
  const w = word.trim();
  if (/^[1-7]$/.test(w)) return Number(w);
  const key = /^[a-z]/.test(w) ? w.slice(0, 3) : w.slice(0, 1);
  const known = DAY_NAMES[key];
  // Only real day names or their prefixes: "monday", "mon", "월요일", not "month".
  const full = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  if (/^[a-z]/.test(w) && !full.some((f) => f.startsWith(w) && w.length >= 3)) return null;
  if (/^[가-힣]/.test(w) && !/^[월화수목금토일](?:요일)?$/.test(w)) return null;
  return known ?? null;
}
