/** The period `deskbot stats` reports on (`--since`, `--until`) and the local days it is cut into, in the operator's time zone. */
import { addDays, fromWallClock, isoDate, wallClock } from '../time/zoned-time.js';

/** The period statistics are counted over: [since, until), with `now` for what is "as of now". */
export interface StatsWindow {
  since: Date;
  until: Date;
  now: Date;
  /** The operator's time zone: dates on the command line and days of `--by day` are local to it. */
  timeZone: string;
}

/** The window when `--since` is not given. */
export const DEFAULT_SINCE = '30d';

const RELATIVE = /^(\d{1,4})d$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR_MS = 3_600_000;

/** A `--since`/`--until` value that cannot be read. */
export class WindowError extends Error {
  override readonly name = 'WindowError';
}

/**
 * Reads `--since` (`7d`: the last 7 local days, today included, from the first one's midnight; a date: from the start of that day; an ISO date-time) and
 * `--until` (a date: to the end of that day; an ISO date-time; default now). Dates are local to `timeZone`.
 */
export function parseStatsWindow(options: { since?: string; until?: string }, now: Date, timeZone: string): StatsWindow {
  const since = parseEdge('--since', options.since ?? DEFAULT_SINCE, now, timeZone, 'start');
  const until = options.until === undefined ? now : parseEdge('--until', options.until, now, timeZone, 'end');
  if (since.getTime() >= until.getTime()) throw new WindowError(`--since (${since.toISOString()}) must be before --until (${until.toISOString()})`);
  return { since, until, now, timeZone };
}

function parseEdge(flag: string, value: string, now: Date, timeZone: string, edge: 'start' | 'end'): Date {
  const relative = RELATIVE.exec(value);
  // Whole local days, today the last of them: figures that do not shift with the hour they are read at.
  if (relative) return fromWallClock(addDays(wallClock(now, timeZone), 1 - Math.max(1, Number(relative[1]))), timeZone);
  const date = DATE_ONLY.exec(value);
  if (date) {
    const day = { year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) };
    const check = new Date(Date.UTC(day.year, day.month - 1, day.day));
    if (check.getUTCMonth() !== day.month - 1 || check.getUTCDate() !== day.day) throw new WindowError(`${flag}: "${value}" is not a date`);
    return fromWallClock(edge === 'start' ? day : addDays(day, 1), timeZone);
  }
  // A date and time must say its offset, so that it means one instant wherever the command runs.
  const instant = /T.*(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(instant.getTime())) {
    throw new WindowError(`${flag}: "${value}" is not a period; write 7d, 30d (days up to now), a date (2026-11-01) or a date and time with its offset (2026-11-01T09:00:00+09:00)`);
  }
  return instant;
}

/** Each zone's local date of each hour looked up so far (a year is 8,760 hours): kept across counts, which a dashboard makes many of. */
const HOURS_BY_ZONE = new Map<string, Map<number, string>>();

/** The local date (`YYYY-MM-DD` in the zone) of instants (ISO or ms), cached per hour: days of a year of turns cost a few thousand lookups. */
export function dayKeyer(timeZone: string): (instant: string | number) => string {
  let byHour = HOURS_BY_ZONE.get(timeZone);
  if (!byHour) HOURS_BY_ZONE.set(timeZone, (byHour = new Map()));
  const hours = byHour;
  return (instant) => {
    const ms = typeof instant === 'number' ? instant : Date.parse(instant);
    const hour = Math.floor(ms / HOUR_MS);
    let key = hours.get(hour);
    if (key === undefined) {
      // An hour in which the local date changes (zones at a half-hour offset, such as +05:30) is read instant by instant.
      const first = isoDate(wallClock(new Date(hour * HOUR_MS), timeZone));
      if (first !== isoDate(wallClock(new Date(hour * HOUR_MS + HOUR_MS - 1), timeZone))) return isoDate(wallClock(new Date(ms), timeZone));
      key = first;
      hours.set(hour, key);
    }
    return key;
  };
}

/** Every local date from the window's first day to its last, in order (for `--by day`, days without traffic included). */
export function daysOf(window: StatsWindow): string[] {
  const first = wallClock(window.since, window.timeZone);
  const last = isoDate(wallClock(new Date(window.until.getTime() - 1), window.timeZone));
  const days: string[] = [];
  for (let d = { year: first.year, month: first.month, day: first.day }; ; d = addDays(d, 1)) {
    const key = isoDate(d);
    days.push(key);
    if (key >= last || days.length > 10_000) return days;
  }
}
