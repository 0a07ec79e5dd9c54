/** `deskbot stats` for a person at a terminal: the report as short sections, bars for shares, a table and sparklines per group. */
import { formatZoned } from '../time/zoned-time.js';
import { GROUP_FIELD, type Percentiles, type StatsFigures, type StatsReport } from './stats.js';
import { bar, sparkline, textTable } from './text-charts.js';
import type { GroupBy } from './turn-tally.js';

const BAR_WIDTH = 24;

/** The report as lines of text. */
export function renderStats(report: StatsReport, by?: GroupBy): string[] {
  const from = formatZoned(new Date(report.since), report.timeZone).slice(0, 16).replace('T', ' ');
  const to = formatZoned(new Date(report.until), report.timeZone).slice(0, 16).replace('T', ' ');
  const q = report.questions;
  const c = report.cases;
  const lines = [
    `deskbot stats: ${from} to ${to} (${report.timeZone})`,
    '',
    'Questions',
    `  conversations      ${count(report.conversations)}`,
    `  answered           ${count(q.answered)}   self-service ${percent(report.selfServiceRate)}`,
    ...shares(
      [
        ['solved', q.solved],
        ['not solved', q.notSolved],
        ['no reply', q.noReply],
      ],
      q.answered,
      '    ',
    ),
    `  unanswered         ${count(q.unanswered)}   ${percent(report.unansweredRate)} of questions`,
    '',
    'Cases',
    `  opened ${count(c.opened)}   resolved ${count(c.resolved)}   closed ${count(c.closed)}   reopened ${count(c.reopened)}`,
    `  now: ${count(c.open)} open, ${count(c.overdue)} overdue`,
    `  first response     ${durations(report.firstResponseMinutes)}`,
    `  resolution         ${durations(report.resolutionMinutes)}`,
    `  SLA met            ${percent(report.slaMetRate)}`,
    '',
    `Satisfaction         ${report.csat.mean === null ? 'no ratings' : `${report.csat.mean.toFixed(2)} / 5 from ${count(report.csat.count)} rating${report.csat.count === 1 ? '' : 's'}`}`,
    ...shares(
      (['5', '4', '3', '2', '1'] as const).map((stars) => [`${stars} stars`, report.csat.distribution[stars]]),
      report.csat.count,
      '  ',
    ),
  ];
  const groups = by ? report[GROUP_FIELD[by]] : undefined;
  if (by && groups) lines.push('', ...groupTable(by, groups));
  return lines;
}

/** A table of the groups with their main figures; by day, sparklines of the trends too. */
function groupTable(by: GroupBy, groups: Record<string, StatsFigures>): string[] {
  const entries = Object.entries(groups);
  // Days stay in order; other groups come largest first.
  if (by !== 'day') entries.sort(([ka, a], [kb, b]) => b.conversations + b.cases.opened - (a.conversations + a.cases.opened) || (ka < kb ? -1 : 1));
  const most = Math.max(0, ...entries.map(([, g]) => g.conversations));
  const header = [by, 'conv.', 'answered', 'self-serv.', 'unanswered', 'cases', 'resp. p50', 'CSAT', 'conversations'];
  const rows = entries.map(([key, g]) => [
    key,
    count(g.conversations),
    count(g.questions.answered),
    percent(g.selfServiceRate),
    count(g.questions.unanswered),
    count(g.cases.opened),
    g.firstResponseMinutes.p50 === null ? '-' : minutes(g.firstResponseMinutes.p50),
    g.csat.mean === null ? '-' : g.csat.mean.toFixed(1),
    bar(g.conversations, most, BAR_WIDTH),
  ]);
  const table = textTable(header, rows, new Set([1, 2, 3, 4, 5, 6, 7]));
  if (by !== 'day') return table;
  const figures = entries.map(([, g]) => g);
  const trend = (label: string, values: (number | null)[]) => `  ${label.padEnd(16)} ${sparkline(values)}`;
  return [
    ...table,
    '',
    'Trends, one character a day',
    trend('conversations', figures.map((g) => g.conversations)),
    trend('answered', figures.map((g) => g.questions.answered)),
    trend('self-service', figures.map((g) => g.selfServiceRate)),
    trend('cases opened', figures.map((g) => g.cases.opened)),
    trend('CSAT', figures.map((g) => g.csat.mean)),
  ];
}

/** Lines of labelled counts with their share of `whole` as a bar. */
function shares(items: [string, number][], whole: number, indent: string): string[] {
  return items.map(([label, n]) => `${indent}${label.padEnd(19 - indent.length + 2)}${count(n)}   ${(whole ? `${Math.round((n / whole) * 100)}%` : '').padStart(4)} ${bar(n, whole, BAR_WIDTH)}`.trimEnd());
}

function count(n: number): string {
  return n.toLocaleString('en-US').padStart(6);
}

function percent(rate: number | null): string {
  return rate === null ? '-' : `${(rate * 100).toFixed(1)}%`;
}

function durations(p: Percentiles): string {
  return p.p50 === null || p.p90 === null ? 'not measured yet' : `p50 ${minutes(p.p50)}   p90 ${minutes(p.p90)}`;
}

/** Minutes as minutes, hours or days, whichever reads best. */
function minutes(m: number): string {
  if (m < 90) return `${Math.round(m)} min`;
  if (m < 48 * 60) return `${(m / 60).toFixed(1)} h`;
  return `${(m / 1440).toFixed(1)} d`;
}
