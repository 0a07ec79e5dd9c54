/** Wall-clock arithmetic in an IANA time zone, built on Intl only (no tz database of our own). */

/** A local date and time as read on a wall clock in some zone; weekday is 1=Mon..7=Sun. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const FALLBACK_ZONE = 'Asia/Seoul';
const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** A cached formatter; an unknown zone falls back to Asia/Seoul instead of throwing. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  let f: Intl.DateTimeFormat;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
  } catch {
    f = formatterFor(FALLBACK_ZONE);
  }
  formatters.set(timeZone, f);
  return f;
}

/** The wall clock in `timeZone` at `instant`. */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const out: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type === 'weekday') out.weekday = WEEKDAYS[part.value] ?? 0;
    else if (part.type in out) out[part.type as keyof WallClock] = Number(part.value);
  }
  // Some engines print midnight as 24 even with h23.
  if (out.hour === 24) out.hour = 0;
  return out;
}

/** Minutes the zone is ahead of UTC at `instant` (540 for Asia/Seoul). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant when the wall clock in `timeZone` shows the given local time. Fields may overflow
 * (hour 24, day 0) like Date.UTC. In a DST gap the later offset wins; in an overlap, the earlier instant.
 */
export function fromWallClock(
  local: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0, local.second ?? 0);
  const first = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60000;
  const second = asUtc - offsetMinutes(new Date(first), timeZone) * 60000;
  return new Date(Math.min(first, second));
}

/** Adds whole calendar days to a local date (month and year roll over). */
export function addDays(date: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Day of week (1=Mon..7=Sun) of a local date. */
export function weekdayOf(date: { year: number; month: number; day: number }): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** "YYYY-MM-DD" of a local date. */
export function isoDate(date: { year: number; month: number; day: number }): string {
  return `${String(date.year).padStart(4, '0')}-${pad(date.month)}-${pad(date.day)}`;
}

/** ISO 8601 with the zone's offset at that instant, to the second: "2026-11-22T19:00:00+09:00". */
export function formatZoned(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  const off = offsetMinutes(instant, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${isoDate(w)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
