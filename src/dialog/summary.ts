/** Human-readable summaries of collected details and of a case's status. */
import type { SupportCase } from '../cases/types.js';
import { DETAIL_NAMES, type DetailName, type Intent, type Lang } from '../knowledge/types.js';
import { texts } from './texts.js';

/** A date and time as users read it in the operator's time zone. */
export function formatWhen(d: Date, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-US', {
    timeZone,
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    // With hour12:false, ICU shows midnight as "24:00" of that date (read as the end of the day); h23 shows 00:00.
    hourCycle: 'h23',
  }).format(d);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date without a time ("2026-11-22") as users read it: "11월 22일 (일)", "Sun, Nov 22". */
function formatDay(date: string, lang: Lang): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', weekday: 'short' }).format(new Date(Date.UTC(year, month - 1, day)));
}

/** One detail's value for display ('unknown' translated, times formatted). */
export function formatDetailValue(name: DetailName, value: string, lang: Lang, timeZone: string): string {
  if (value === 'unknown') return texts(lang).unknownValue;
  if (name === 'occurred_at') {
    if (DATE_ONLY.test(value)) return formatDay(value, lang);
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return formatWhen(d, lang, timeZone);
  }
  // A pasted error of several lines stays whole in the case; shown on one line, so a summary's bullets stay bullets.
  return value.split('\n').map((line) => line.trim()).filter(Boolean).join(' / ');
}

/** "Label: value" lines for collected details, the intent's own details first. */
export function formatDetails(
  slots: Partial<Record<DetailName, string>>,
  lang: Lang,
  timeZone: string,
  order: readonly DetailName[] = [],
): string[] {
  const t = texts(lang);
  const names = [...new Set([...order, ...DETAIL_NAMES])].filter((n) => slots[n] !== undefined);
  return names.map((n) => `${t.labels[n]}: ${formatDetailValue(n, slots[n] as string, lang, timeZone)}`);
}

/** One line describing a case for its requester. */
export function formatCaseStatus(c: SupportCase, title: string, lang: Lang, timeZone: string): string {
  const t = texts(lang);
  const opened = formatWhen(new Date(c.createdAt), lang, timeZone);
  const due = formatWhen(new Date(c.dueAt), lang, timeZone);
  const parts = [c.id, title, t.caseStatus[c.status]];
  if (c.verification === 'pending') parts.push(t.verification.pending);
  parts.push(lang === 'ko' ? `접수 ${opened}` : `opened ${opened}`);
  if (c.status === 'open' || c.status === 'claimed') parts.push(lang === 'ko' ? `답변 예정 ${due}` : `answer due ${due}`);
  return parts.join(' · ');
}

/** The summary's bullet lines: the topic, then the details, the topic's own first. */
export function summaryLines(slots: Partial<Record<DetailName, string>>, topic: Intent | undefined, lang: Lang, timeZone: string): string[] {
  const lines: string[] = [];
  if (topic) lines.push(`• ${texts(lang).topicLabel}: ${topic.title[lang]}`);
  for (const line of formatDetails(slots, lang, timeZone, topic?.details)) lines.push(`• ${line}`);
  return lines;
}
