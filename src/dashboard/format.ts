/** How the dashboard writes numbers, rates, durations and times. */
import { formatZoned } from '../time/zoned-time.js';
import type { DashboardTexts } from './dashboard-texts.js';

/** A count with thousands separators. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** A rate (0-1) as a percentage with one decimal, or the texts' "no value". */
export function percent(rate: number | null, t: DashboardTexts): string {
  return rate === null ? t.noValue : `${(rate * 100).toFixed(1)}%`;
}

/** Minutes as minutes, hours or days, whichever reads best. */
export function minutes(m: number | null, t: DashboardTexts): string {
  if (m === null) return t.noValue;
  if (m < 90) return `${Math.round(m)} ${t.units.min}`;
  if (m < 48 * 60) return `${(m / 60).toFixed(1)} ${t.units.h}`;
  return `${(m / 1440).toFixed(1)} ${t.units.d}`;
}

/** An instant in the operator's zone, to the minute: "2026-11-23 10:00". */
export function localTime(iso: string | null | undefined, timeZone: string): string {
  return iso ? formatZoned(new Date(iso), timeZone).slice(0, 16).replace('T', ' ') : '–';
}
