/** `deskbot cases` for a terminal: the queue as a table, and one case with its timeline and transcript. */
import type { CaseEvent, SupportCase } from '../cases/types.js';
import { formatZoned } from '../time/zoned-time.js';
import { isOverdue } from './case-list.js';
import { textTable } from './text-charts.js';

/** A time in the operator's zone, to the minute: "2026-11-23 10:00". */
function local(iso: string | null | undefined, timeZone: string): string {
  return iso ? formatZoned(new Date(iso), timeZone).slice(0, 16).replace('T', ' ') : '-';
}

/** How long ago, in the largest whole unit: "3d", "5h", "12m". */
function age(fromIso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 60_000));
  if (minutes >= 2880) return `${Math.floor(minutes / 1440)}d`;
  if (minutes >= 120) return `${Math.floor(minutes / 60)}h`;
  return `${minutes}m`;
}

/** The queue as table lines, with a count; `(no cases)` when the filter keeps none. */
export function renderCaseTable(cases: readonly SupportCase[], now: Date, timeZone: string): string[] {
  if (cases.length === 0) return ['(no cases)'];
  const rows = cases.map((c) => [
    c.id,
    isOverdue(c, now) ? `${c.status} OVERDUE` : c.status,
    c.route,
    c.intent,
    age(c.createdAt, now),
    local(c.dueAt, timeZone),
    c.assignee ?? '-',
    `${c.requester.channel}:${c.requester.name ?? c.requester.userId}`,
  ]);
  return [...textTable(['case', 'status', 'route', 'intent', 'age', `due (${timeZone})`, 'assignee', 'requester'], rows, new Set([4])), `${cases.length} case${cases.length === 1 ? '' : 's'}`];
}

/** One case: its details, its event timeline and its transcript (masked when it was stored). */
export function renderCaseDetail(c: SupportCase, events: readonly CaseEvent[], now: Date, timeZone: string): string[] {
  const lines = [
    `Case ${c.id} — ${c.status}${isOverdue(c, now) ? ' (OVERDUE)' : ''}`,
    `Topic: ${c.intent} · route ${c.route} · language ${c.lang}`,
    `Requester: ${c.requester.name ?? c.requester.userId} on ${c.requester.channel}`,
    `Opened: ${local(c.createdAt, timeZone)} · due ${local(c.dueAt, timeZone)} · first agent reply ${local(c.firstReplyAt, timeZone)}`,
    `Assignee: ${c.assignee ?? '-'} · verification ${c.verification}${c.rating !== null ? ` · rating ${c.rating}/5${c.ratingComment ? ` "${c.ratingComment}"` : ''}` : ''}`,
    `Summary: ${c.summary || '-'}`,
  ];
  const details = Object.entries(c.details);
  if (details.length) lines.push('Details:', ...details.map(([k, v]) => `  ${k}: ${v}`));
  if (c.answersTried.length) lines.push(`Answers already tried: ${c.answersTried.join(', ')}`);
  lines.push('Timeline:', ...events.map((e) => `  ${local(e.at, timeZone)}  ${e.type.padEnd(22)} ${e.actor.kind}:${e.actor.id}`));
  lines.push('Transcript:', ...(c.transcript.length ? c.transcript.map((t) => `  ${local(t.at, timeZone)}  ${t.from === 'agent' ? `agent ${t.by}` : t.from}: ${t.text.replace(/\n/g, '\n      ')}`) : ['  (empty)']));
  return lines;
}
