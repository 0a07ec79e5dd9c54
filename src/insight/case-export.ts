/**
 * `deskbot cases export`: cases as CSV or JSON Lines. The CSV starts with a UTF-8 byte order mark, so that Excel
 * reads Korean text as UTF-8, and is written by csv-stringify (quoting of commas, quotes and line breaks per RFC 4180).
 */
import { stringify } from 'csv-stringify/sync';
import type { SupportCase } from '../cases/types.js';

/** The formats `--format` takes. */
export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;

/** The columns of the CSV export, in order. */
const COLUMNS: Array<[header: string, value: (c: SupportCase) => string | number | null]> = [
  ['id', (c) => c.id],
  ['status', (c) => c.status],
  ['route', (c) => c.route],
  ['intent', (c) => c.intent],
  ['lang', (c) => c.lang],
  ['channel', (c) => c.requester.channel],
  ['requester', (c) => c.requester.name ?? c.requester.userId],
  ['opened_at', (c) => c.createdAt],
  ['due_at', (c) => c.dueAt],
  ['first_reply_at', (c) => c.firstReplyAt ?? null],
  ['resolved_at', (c) => c.resolvedAt],
  ['closed_at', (c) => c.closedAt],
  ['assignee', (c) => c.assignee],
  ['verification', (c) => c.verification],
  ['rating', (c) => c.rating],
  ['rating_comment', (c) => c.ratingComment],
  ['summary', (c) => c.summary],
  ['details', (c) => Object.entries(c.details).map(([k, v]) => `${k}=${v}`).join('; ')],
  ['transcript', (c) => c.transcript.map((t) => `[${t.at}] ${t.from === 'agent' ? `agent ${t.by}` : t.from}: ${t.text}`).join('\n')],
];

/** The byte order mark that makes Excel open a CSV file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

/** The header line of the CSV export (with the byte order mark). */
export function csvHeader(): string {
  return UTF8_BOM + stringify([COLUMNS.map(([h]) => h)], { record_delimiter: 'unix' });
}

/** One case as CSV lines (a quoted field may span lines). */
export function csvRow(c: SupportCase): string {
  return stringify([COLUMNS.map(([, value]) => value(c) ?? '')], { record_delimiter: 'unix' });
}

/** One case as a JSON line. */
export function jsonlRow(c: SupportCase): string {
  return `${JSON.stringify(c)}\n`;
}
