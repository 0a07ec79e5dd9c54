/**
 * When a problem started, from Korean or English time expressions, resolved against a given clock.
 *
 * The result is an ISO 8601 time with the zone's offset, or a date alone. Precision stays honest:
 * - "2시간 전", "30 minutes ago", "방금" → that instant, to the minute;
 * - an explicit time ("어제 저녁 7시", "11/20 오후 3시", "since yesterday 7pm") → that time;
 * - a part of day without an hour → a representative hour: 새벽/early morning 03:00, 아침/morning 08:00,
 *   오전 09:00, 점심/noon 12:00, 낮 13:00, 오후/afternoon 14:00, 저녁/evening 19:00, 밤/night/tonight 22:00;
 * - a day only ("어제", "3일 전", "지난주 금요일", "Nov 20") → that day, as a date without a time ("2026-11-22");
 * - "아까", "a while ago", "earlier today" → one hour before now.
 * A time without a day is today, or yesterday when that would be in the future. A 12-hour time
 * without 오전/오후/am/pm takes its latest past reading, except that 1–6 o'clock always means afternoon.
 * A date without a year is the most recent such date not after today.
 */
import { dropRetracted } from './mentions.js';
import { addDays, formatZoned, fromWallClock, isoDate, wallClock, weekdayOf, type WallClock } from '../../time/zoned-time.js';

type LocalDate = { year: number; month: number; day: number };

/** The clock and zone that relative expressions are resolved against. */
export interface TimeContext {
  now: Date;
  timeZone: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// "전" as "ago", not the first syllable of 전화 or 전체: "2시간 전에", "3일 전부터", "하루 전쯤".
const AGO = String.raw`전(?=$|[\s,.!?~)]|에|부터|쯤|이|인|까지|요|엔|정도|께|만|후|즈음)`;
// "하루 넘게 걸려요" is how long an answer takes, not when a problem began.
const NOT_DURATION_OF_WAIT = String.raw`(?!\s?(?:걸|소요|기다))`;

// Patterns built from the word lists below are compiled once (they carry no 'g' flag, so sharing is safe).
const compiled = new Map<string, RegExp>();
function rx(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    re = new RegExp(source);
    compiled.set(source, re);
  }
  return re;
}

const KO_COUNT: Record<string, number> = {
  한: 1, 두: 2, 세: 3, 네: 4, 다섯: 5, 여섯: 6, 일곱: 7, 여덟: 8, 아홉: 9, 열: 10, 열한: 11, 열두: 12,
};
const KO_DAYS: Record<string, number> = { 하루: 1, 이틀: 2, 사흘: 3, 나흘: 4, 닷새: 5, 엿새: 6, 이레: 7, 열흘: 10 };
const EN_COUNT: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  'a couple of': 2, 'couple of': 2, 'a couple': 2,
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const KO_WEEKDAYS = '월화수목금토일';
const EN_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const KO_NUM = '열두|열한|다섯|여섯|일곱|여덟|아홉|한|두|세|네|열';
const EN_NUM = 'a couple of|couple of|a couple|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
const MONTH_NAME = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;

type Part = 'dawn' | 'morning' | 'am' | 'noon' | 'day' | 'afternoon' | 'evening' | 'night';
const PART_HOUR: Record<Part, number> = { dawn: 3, morning: 8, am: 9, noon: 12, day: 13, afternoon: 14, evening: 19, night: 22 };
const PM_PARTS = new Set<Part>(['afternoon', 'evening', 'night']);
const AM_PARTS = new Set<Part>(['dawn', 'morning', 'am']);
const PARTS: Array<[RegExp, Part]> = [
  [/새벽|early\s+morning/i, 'dawn'],
  [/오전/, 'am'],
  [/아침|(?<![A-Za-z])morning/i, 'morning'],
  [/점심|(?<![A-Za-z])(?:noon|lunch(?:time)?)(?![A-Za-z])/i, 'noon'],
  [/오후|(?<![A-Za-z])afternoon/i, 'afternoon'],
  [/저녁|(?<![A-Za-z])evening/i, 'evening'],
  [/(?<![가-힣])낮(?=\s|에|부터|\d|$|열|한|두|세|네|다섯|여섯)/, 'day'],
  [/밤(?!새|낮)|(?<![A-Za-z])(?:tonight|night)(?![A-Za-z])/i, 'night'],
];

const PART_AS_TIME =
  /(?:새벽|아침|오전|점심|낮|오후|저녁|밤)\s?(?:부터|에(?!요|도)|쯤|무렵|내내|께)|(?:since|this|from\s+the|all|last)\s+(?:early\s+)?(?:morning|afternoon|evening|night)|tonight/;

interface Parsed {
  date?: LocalDate;
  hour?: number;
  minute?: number;
  /** Whether the hour carried its own am/pm or 24-hour form. */
  hourFixed?: boolean;
  part?: Part;
}

/**
 * When something happened, as ISO 8601 in ctx.timeZone. `lenient` is for an answer to "when did it start?":
 * a bare hour ("7시") or part of day ("아침") is then enough, and greetings or plans are not filtered out.
 */
export function findOccurredAt(text: string, ctx: TimeContext, lenient = false): string | undefined {
  const t = dropRetracted(text.toLowerCase());
  const now = wallClock(ctx.now, ctx.timeZone);
  const zone = ctx.timeZone;
  const offset = relativeOffset(t);
  if (offset !== undefined) return formatZoned(new Date(Math.floor((ctx.now.getTime() - offset) / MINUTE) * MINUTE), zone);

  const p: Parsed = {};
  p.date = findDate(t, now);
  findTime(t, p, lenient || p.date !== undefined);
  if (p.date === undefined && p.hour === undefined && p.part === undefined) return undefined;
  if (!lenient && !clearInMessage(t, p)) return undefined;

  // A day without an hour or a part of it is a date: the user did not say a time, so none is made up.
  if (p.date !== undefined && p.hour === undefined && p.part === undefined) return isoDate(p.date);
  const today: LocalDate = { year: now.year, month: now.month, day: now.day };
  let date = p.date ?? today;
  let hour = p.hour ?? (p.part ? PART_HOUR[p.part] : 0);
  const minute = p.minute ?? 0;
  if (p.hour !== undefined && !p.hourFixed) hour = resolveHour(p.hour, p.part, date, today, now);
  if (hour >= 24) {
    date = addDays(date, 1);
    hour -= 24;
  }
  let at = fromWallClock({ ...date, hour, minute }, zone);
  // "저녁 7시부터" said in the morning: the latest such time that has already passed.
  if (!p.date && at.getTime() > ctx.now.getTime()) at = fromWallClock({ ...addDays(date, -1), hour, minute }, zone);
  return formatZoned(at, zone);
}

const GREETING = /좋은\s?(?:아침|오후|저녁|밤|하루)|good\s+(?:morning|afternoon|evening|night)/;
const ONLY_TODAY = /^(?:(?!어제|어젯|그제|그저께|yesterday|last|ago|since|부터|전(?!화)|지난|저번).)*$/;
// "저녁에 문의하면", "if I submit on friday evening": a hypothetical time, not when something happened.
const HYPOTHETICAL = /(?:하면|으면|라면|려면|이면|도\s?(?:되나|될까|돼요?\?))|(?<![A-Za-z])(?:if|will\s+i|would|should\s+i|when\s+(?:do|does|will|can))(?![A-Za-z])/;
// Plans and questions about times ("내일 오전에", "몇 시에 해요?") date no problem.
const FUTURE = /내일|모레|다음\s?(?:주|달)|담주|(?<![A-Za-z])(?:tomorrow|next\s+(?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday))(?![A-Za-z])/;
const ASKS_TIME = /언제|몇\s?시|(?<![A-Za-z])(?:what\s+time|when\s+(?:is|are|does|do|will|can|should))(?![A-Za-z])/;
const STARTED = /부터|이후|since|ago|전(?!화|체)|째|어제|어젯|yesterday|지난|last/;

/**
 * Whether a free-form message really dates the problem: a greeting ("좋은 아침"), a bare "오늘/today"
 * ("thanks for your help today") or a hypothetical ("밤에 문의하면") does not.
 */
function clearInMessage(t: string, p: Parsed): boolean {
  if (FUTURE.test(t)) return false;
  if ((HYPOTHETICAL.test(t) || ASKS_TIME.test(t)) && !STARTED.test(t)) return false;
  if (p.hour !== undefined) return true;
  if (p.part !== undefined && p.date === undefined) return !GREETING.test(t) && (PART_AS_TIME.test(t) || /부터|since/.test(t));
  if (p.date !== undefined && ONLY_TODAY.test(t) && /오늘|금일|today/.test(t) && p.part === undefined) return /오늘\s?(?:부터|아침|오전|오후|저녁|새벽|낮|밤)|since\s+today/.test(t);
  return true;
}

/** Milliseconds before now for "2시간 전", "30 minutes ago", "방금", "아까"; undefined when none. */
function relativeOffset(t: string): number | undefined {
  const shortlyBefore = rx(String.raw`(?:조금|좀|잠시|얼마)\s?${AGO}`);
  if (/방금|지금\s?막|막\s?방금|(?<![A-Za-z])just\s+now|a\s+moment\s+ago|a\s+minute\s+ago/.test(t) || shortlyBefore.test(t)) {
    if (shortlyBefore.test(t)) return 10 * MINUTE;
    return 0;
  }
  if (/아까|a\s+while\s+ago|a\s+bit\s+ago|earlier\s+today/.test(t)) return HOUR;
  let m = rx(String.raw`(\d{1,3}|${KO_NUM})\s?시간\s?(반)?\s?(?:쯤|정도|가량|남짓)?\s?(?:${AGO}|째)`).exec(t);
  if (m) return (count(m[1]) + (m[2] ? 0.5 : 0)) * HOUR || undefined;
  m = rx(String.raw`(\d{1,3})\s?분\s?(?:쯤|정도|가량)?\s?(?:${AGO}|째)`).exec(t);
  if (m) return Number(m[1]) * MINUTE;
  if (/반\s?시간\s?(?:쯤|정도)?\s?전(?!화|체)|half\s+an\s+hour\s+ago/.test(t)) return 30 * MINUTE;
  m = rx(String.raw`(?<![A-Za-z])(\d{1,3}|${EN_NUM})\s+(hours?|hrs?|minutes?|mins?)\s+ago`).exec(t);
  if (m) return count(m[1]) * (m[2].startsWith('h') ? HOUR : MINUTE) || undefined;
  m = rx(String.raw`(?<![A-Za-z])for\s+(?:the\s+(?:last|past)\s+)?(\d{1,3}|${EN_NUM})\s+(hours?|hrs?)(?![A-Za-z])`).exec(t);
  if (m) return count(m[1]) * HOUR || undefined;
  return undefined;
}

function count(word: string): number {
  if (/^\d+$/.test(word)) return Number(word);
  return KO_COUNT[word] ?? EN_COUNT[word] ?? NaN;
}

/** The day the text names, if any. */
function findDate(t: string, now: WallClock): LocalDate | undefined {
  const today: LocalDate = { year: now.year, month: now.month, day: now.day };
  let m = /(?<!\d)(20\d{2}|19\d{2})\s?[-./년]\s?(\d{1,2})\s?[-./월]\s?(\d{1,2})(?!\d)/.exec(t);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /(?<!\d)(\d{1,2})\s?월\s?(\d{1,2})\s?일/.exec(t);
  if (m) return pastDate(Number(m[1]), Number(m[2]), today);
  m = rx(String.raw`(?<![A-Za-z])${MONTH_NAME}\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d:])`).exec(t);
  if (m) return pastDate(MONTHS.indexOf(m[1].slice(0, 3)) + 1, Number(m[2]), today);
  m = rx(String.raw`(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH_NAME}(?![A-Za-z])`).exec(t);
  if (m) return pastDate(MONTHS.indexOf(m[2].slice(0, 3)) + 1, Number(m[1]), today);
  m = /(?<![\d./:])(\d{1,2})\/(\d{1,2})(?![\d/])/.exec(t);
  if (m) return pastDate(Number(m[1]), Number(m[2]), today);
  // "11.20 오후 3시": a dotted month.day only next to a time, since "5.12" alone is a version.
  m = /(?<![\d.])(1[0-2]|0?[1-9])\.(\d{1,2})(?![\d.])(?=\s?(?:오전|오후|저녁|밤|새벽|아침|낮|\d{1,2}\s?시|\d{1,2}:\d{2}|부터|에\s))/.exec(t);
  if (m) return pastDate(Number(m[1]), Number(m[2]), today);
  m = /(지난|저번|이번)\s?달\s?(\d{1,2})\s?일/.exec(t);
  if (m) {
    const base = m[1] === '이번' ? today : addMonths(today, -1);
    return valid(base.year, base.month, Number(m[2]));
  }
  m = /(?<![\d월])(\d{1,2})\s?일\s?(?=부터|에|쯤|경|날|오전|오후|저녁|밤|새벽|아침|\d{1,2}\s?시)/.exec(t);
  if (m) {
    const d = Number(m[1]);
    const candidate = valid(today.year, today.month, d);
    if (candidate && d <= today.day) return candidate;
    const prev = addMonths(today, -1);
    return valid(prev.year, prev.month, d);
  }
  const wd = findWeekday(t, today);
  if (wd) return wd;
  const weekend = findWeekend(t, today);
  if (weekend) return weekend;
  return dayOffset(t, today);
}

/** "지난주 금요일", "이번주 월요일", "금요일부터", "last Friday", "on Monday". */
function findWeekday(t: string, today: LocalDate): LocalDate | undefined {
  const todayWd = weekdayOf(today);
  const mondayThisWeek = addDays(today, 1 - todayWd);
  const ko = rx(`(지난\\s?주|저번\\s?주|지지난\\s?주|이번\\s?주|금주|지난)?\\s?([${KO_WEEKDAYS}])(?:요일|욜)`).exec(t);
  if (ko) {
    const which = ko[1]?.replace(/\s/g, '');
    const wd = KO_WEEKDAYS.indexOf(ko[2]) + 1;
    if (which === '지난주' || which === '저번주') return addDays(mondayThisWeek, wd - 1 - 7);
    if (which === '지지난주') return addDays(mondayThisWeek, wd - 1 - 14);
    if (which === '이번주' || which === '금주') return addDays(mondayThisWeek, wd - 1);
    return mostRecent(today, todayWd, wd);
  }
  const m = rx(`(?<![a-z])(?:(last|this|past)\\s+)?(${EN_WEEKDAYS.join('|')})(?![a-z])`).exec(t);
  if (!m) return undefined;
  const wd = EN_WEEKDAYS.indexOf(m[2]) + 1;
  if (m[1] === 'this') return addDays(mondayThisWeek, wd - 1);
  return mostRecent(today, todayWd, wd);
}

/** "주말부터", "since the weekend", "last weekend": the Saturday of the latest weekend (this one when it is the weekend now). */
function findWeekend(t: string, today: LocalDate): LocalDate | undefined {
  if (!/주말|(?<![a-z])weekend/.test(t)) return undefined;
  const wd = weekdayOf(today);
  const sinceSaturday = (wd + 1) % 7;
  const previous = wd >= 6 && /지난|저번|last/.test(t) ? 7 : 0;
  return addDays(today, -sinceSaturday - previous);
}

/** The last such weekday before today: "금요일부터" said on a Friday means a week ago (today would be "오늘"). */
function mostRecent(today: LocalDate, todayWd: number, wd: number): LocalDate {
  return addDays(today, -((todayWd - wd + 7) % 7 || 7));
}

/** "오늘", "어제", "그저께", "3일 전", "일주일 전", "지난주", "two days ago", "for 3 days". */
function dayOffset(t: string, today: LocalDate): LocalDate | undefined {
  let m = rx(String.raw`(?<![A-Za-z])(\d{1,3}|${EN_NUM})\s+(days?|weeks?|months?)\s+ago`).exec(t);
  if (m) return backBy(today, count(m[1]), m[2]);
  m = rx(String.raw`(?<![A-Za-z])for\s+(?:the\s+(?:last|past)\s+)?(\d{1,3}|${EN_NUM})\s+(days?|weeks?|months?)(?![A-Za-z])`).exec(t);
  if (m) return backBy(today, count(m[1]), m[2]);
  m = rx(String.raw`(하루|이틀|사흘|나흘|닷새|엿새|이레|열흘)\s?(?:쯤|정도)?\s?(?:${AGO}|째|동안|넘게|간)${NOT_DURATION_OF_WAIT}`).exec(t);
  if (m) return addDays(today, -KO_DAYS[m[1]] + (/째/.test(m[0]) ? 1 : 0));
  m = rx(String.raw`일\s?주일\s?(?:쯤|정도)?\s?(?:${AGO}|째|동안|넘게)${NOT_DURATION_OF_WAIT}`).exec(t);
  if (m) return addDays(today, -7);
  m = rx(String.raw`(\d{1,3}|${KO_NUM})\s?(일|주|주일|달|개월)\s?(?:쯤|정도|가량)?\s?(${AGO}|째|동안|넘게|간|내내)${NOT_DURATION_OF_WAIT}`).exec(t);
  if (m) {
    const n = count(m[1]);
    if (!Number.isFinite(n)) return undefined;
    // "3일째" is the third day: it began two days ago.
    const back = m[3] === '째' && m[2] === '일' ? n - 1 : n;
    return backBy(today, back, m[2]);
  }
  if (/그저께|그제(?!서야|야)|엊그제|엊그저께|day\s+before\s+yesterday/.test(t)) return addDays(today, -2);
  if (/어제|어젯|어저께|yesterday|last\s+night/.test(t)) return addDays(today, -1);
  if (/오늘|금일|today|this\s+(?:morning|afternoon|evening)|tonight/.test(t)) return today;
  if (/지난\s?주|저번\s?주|last\s+week/.test(t)) return addDays(today, -7);
  if (/지난\s?달|저번\s?달|last\s+month/.test(t)) return addMonths(today, -1);
  return undefined;
}

function backBy(today: LocalDate, n: number, unit: string): LocalDate | undefined {
  if (!Number.isFinite(n) || n < 0 || n > 3660) return undefined;
  if (/^(?:주|주일|week)/.test(unit)) return addDays(today, -7 * n);
  if (/^(?:달|개월|month)/.test(unit)) return addMonths(today, -n);
  return addDays(today, -n);
}

function addMonths(d: LocalDate, n: number): LocalDate {
  const first = new Date(Date.UTC(d.year, d.month - 1 + n, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return { year: first.getUTCFullYear(), month: first.getUTCMonth() + 1, day: Math.min(d.day, lastDay) };
}

function valid(year: number, month: number, day: number): LocalDate | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 ? { year, month, day } : undefined;
}

/** A month and day without a year: this year's, or last year's when this year's is still ahead. */
function pastDate(month: number, day: number, today: LocalDate): LocalDate | undefined {
  const thisYear = valid(today.year, month, day);
  if (!thisYear) return valid(today.year - 1, month, day);
  const ahead = month > today.month || (month === today.month && day > today.day);
  return ahead ? valid(today.year - 1, month, day) : thisYear;
}

/** Fills hour, minute and part of day; `bareHourOk` accepts "7시" with nothing around it. */
function findTime(t: string, p: Parsed, bareHourOk: boolean): void {
  for (const [re, part] of PARTS) {
    if (re.test(t)) {
      p.part = part;
      break;
    }
  }
  let m = /(?<![\d:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])\s?(a\.?m\.?|p\.?m\.?)?/.exec(t);
  if (m) {
    p.hour = Number(m[1]);
    p.minute = Number(m[2]);
    if (m[3]) return setMeridiem(p, m[3]);
    p.hourFixed = p.hour >= 13 || p.hour === 0 || /^0\d/.test(m[1]);
    return;
  }
  m = /(?<![\d:.])(1[0-2]|0?\d)(?::([0-5]\d))?\s?(a\.?m\.?|p\.?m\.?)(?![A-Za-z])/.exec(t);
  if (m) {
    p.hour = Number(m[1]);
    p.minute = m[2] ? Number(m[2]) : 0;
    return setMeridiem(p, m[3]);
  }
  if (/(?<![A-Za-z])midnight|자정/.test(t)) {
    // "어젯밤 자정" closes that night: midnight at its end.
    p.hour = p.part === 'night' ? 24 : 0;
    p.minute = 0;
    p.hourFixed = true;
    return;
  }
  m = rx(
    String.raw`(?:(?<![\d.])(\d{1,2})|(?<=^|[\s,.(~]|새벽|아침|오전|점심|낮|오후|저녁|밤|어제|오늘|일)(${KO_NUM}))\s?시(?!간|적|즌|작|리|도|험|청|스|장|설|키|켜|킬|도)(?:\s?(\d{1,2})\s?분|\s?(반))?`,
  ).exec(t);
  if (m) {
    const marked = /^\s?(?:부터|에|쯤|경|정도|께|이후|넘어|무렵|전후)/.test(t.slice(m.index + m[0].length));
    if (bareHourOk || p.part !== undefined || marked || m[3] !== undefined || m[4] !== undefined) {
      const h = m[1] !== undefined ? Number(m[1]) : count(m[2]);
      if (Number.isFinite(h) && h <= 24) {
        p.hour = h;
        p.minute = m[3] ? Math.min(59, Number(m[3])) : m[4] ? 30 : 0;
        p.hourFixed = h >= 13 || h === 0;
        return;
      }
    }
  }
  m = /(?<![\d:.])(1[0-2]|[1-9])\s?o'?clock/.exec(t);
  if (m) {
    p.hour = Number(m[1]);
    p.minute = 0;
  }
}

function setMeridiem(p: Parsed, marker: string): void {
  const pm = marker.startsWith('p');
  const h = (p.hour ?? 0) % 12;
  p.hour = pm ? h + 12 : h;
  p.hourFixed = true;
}

/** A 12-hour reading placed by its part of day, or by the rule for bare hours (see the file comment). */
function resolveHour(h: number, part: Part | undefined, date: LocalDate, today: LocalDate, now: WallClock): number {
  if (part === 'night') {
    if (h === 12) return 24;
    return h <= 4 ? h + 24 : h < 12 ? h + 12 : h;
  }
  if (part === 'day') return h <= 6 ? h + 12 : h;
  if (part && PM_PARTS.has(part)) return h < 12 ? h + 12 : h;
  if (part && AM_PARTS.has(part)) return h === 12 ? 0 : h;
  if (part === 'noon') return h <= 6 ? h + 12 : h;
  if (h > 12) return h;
  const isToday = date.year === today.year && date.month === today.month && date.day === today.day;
  if (isToday) {
    const nowMinutes = now.hour * 60 + now.minute;
    const pm = h === 12 ? 12 : h + 12;
    const am = h === 12 ? 0 : h;
    if (pm * 60 <= nowMinutes) return pm;
    // 1-6 o'clock is afternoon even today; when that is still ahead it rolls back to yesterday.
    if (h > 6 && am * 60 <= nowMinutes) return am;
    return pm;
  }
  return h >= 1 && h <= 6 ? h + 12 : h;
}
