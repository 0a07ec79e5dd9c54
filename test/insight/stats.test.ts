/** The statistics as pure functions: the window, the counting of turns and cases, and the figures worked out by hand. */
import { describe, expect, it } from 'vitest';
import type { SupportCase } from '../../src/cases/types.js';
import type { CaseHistory } from '../../src/insight/case-history.js';
import { tallyCases } from '../../src/insight/case-tally.js';
import { percentiles, statsReport } from '../../src/insight/stats.js';
import { dayKeyer, parseStatsWindow, WindowError, type StatsWindow } from '../../src/insight/stats-window.js';
import type { TurnLogEntry } from '../../src/insight/turn-log-entry.js';
import { tallyTurns } from '../../src/insight/turn-tally.js';

const now = new Date('2026-12-05T03:00:00.000Z'); // 12:00 in Seoul
const tz = 'Asia/Seoul';

async function* stream<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

let n = 0;
function turn(at: string, fields: Partial<TurnLogEntry>): TurnLogEntry {
  return { id: `console:${n++}`, at, channel: 'console', conversation: 'console:u1', userId: 'u1', lang: 'ko', route: 'default', intent: null, confidence: null, action: 'other', ...fields };
}

describe('stats window', () => {
  it('reads whole local days back from today, local dates and date-times with an offset', () => {
    // The last 7 days in Seoul, today (2026-12-05) the last of them: from 2026-11-29 00:00 KST.
    expect(parseStatsWindow({ since: '7d' }, now, tz)).toEqual({ since: new Date('2026-11-28T15:00:00.000Z'), until: now, now, timeZone: tz });
    expect(parseStatsWindow({ since: '1d' }, now, tz).since.toISOString()).toBe('2026-12-04T15:00:00.000Z');
    const dates = parseStatsWindow({ since: '2026-12-01', until: '2026-12-02' }, now, tz);
    expect(dates.since.toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(dates.until.toISOString()).toBe('2026-12-02T15:00:00.000Z');
    expect(parseStatsWindow({ since: '2026-12-01T09:00:00+09:00' }, now, tz).since.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseStatsWindow({}, now, tz).since.toISOString()).toBe('2026-11-05T15:00:00.000Z');
  });

  it('refuses what it cannot read, saying what to write', () => {
    expect(() => parseStatsWindow({ since: 'last week' }, now, tz)).toThrow(/--since: "last week" is not a period; write 7d/);
    expect(() => parseStatsWindow({ since: '2026-02-30' }, now, tz)).toThrow(WindowError);
    expect(() => parseStatsWindow({ since: '2026-12-01T09:00:00' }, now, tz)).toThrow(/offset/);
    expect(() => parseStatsWindow({ since: '2026-12-04', until: '2026-12-01' }, now, tz)).toThrow(/must be before --until/);
  });

  it('cuts days at local midnight, also in a zone half an hour off the hour', () => {
    const seoul = dayKeyer(tz);
    expect(seoul('2026-12-01T14:59:59.000Z')).toBe('2026-12-01');
    expect(seoul('2026-12-01T15:00:00.000Z')).toBe('2026-12-02');
    const india = dayKeyer('Asia/Kolkata');
    expect(india('2026-12-01T18:29:00.000Z')).toBe('2026-12-01');
    expect(india('2026-12-01T18:31:00.000Z')).toBe('2026-12-02');
  });
});

describe('stats figures', () => {
  const window: StatsWindow = { since: new Date('2026-12-01T00:00:00.000Z'), until: new Date('2026-12-03T00:00:00.000Z'), now, timeZone: 'UTC' };

  it('counts questions and their outcomes with the answer they follow, and derives the rates', async () => {
    const entries = [
      turn('2026-11-30T23:00:00.000Z', { action: 'answered', intent: 'app.push' }), // before the window
      turn('2026-12-01T00:00:00.000Z', { action: 'answered', intent: 'app.push', conversation: 'console:a' }),
      turn('2026-12-01T00:01:00.000Z', { action: 'other', outcome: 'solved', outcomeIntent: 'app.push', answeredAt: '2026-12-01T00:00:00.000Z', conversation: 'console:a' }),
      turn('2026-12-01T01:00:00.000Z', { action: 'answered', intent: 'account.find_id', conversation: 'console:b' }),
      turn('2026-12-01T01:01:00.000Z', { action: 'collecting', outcome: 'not_solved', outcomeIntent: 'account.find_id', answeredAt: '2026-12-01T01:00:00.000Z', conversation: 'console:b' }),
      turn('2026-12-01T01:05:00.000Z', { action: 'case_opened', outcomeIntent: 'account.find_id', answeredAt: '2026-12-01T01:00:00.000Z', conversation: 'console:b' }),
      turn('2026-12-02T10:00:00.000Z', { action: 'answered', intent: 'app.push', conversation: 'console:c' }),
      turn('2026-12-02T10:05:00.000Z', { action: 'out_of_scope', intent: 'oos', conversation: 'console:c' }),
      turn('2026-12-02T23:59:00.000Z', { action: 'answered', intent: 'app.push', conversation: 'console:d' }),
      // After the window: the solved answer was given in it, so it counts; the answer itself does not.
      turn('2026-12-03T00:01:00.000Z', { action: 'other', outcome: 'solved', outcomeIntent: 'app.push', answeredAt: '2026-12-02T23:59:00.000Z', conversation: 'console:d' }),
      turn('2026-12-03T00:02:00.000Z', { action: 'answered', intent: 'app.push', conversation: 'console:e' }),
    ];
    const turns = await tallyTurns(stream(entries), window, 'intent');
    const report = statsReport(turns, await tallyCases([], [], window), window, 'intent');
    expect(report.conversations).toBe(4);
    expect(report.questions).toEqual({ answered: 4, solved: 2, notSolved: 1, noReply: 1, unanswered: 1 });
    expect(report.selfServiceRate).toBe(0.75);
    expect(report.unansweredRate).toBe(0.2);
    expect(report.byIntent?.['app.push'].questions).toEqual({ answered: 3, solved: 2, notSolved: 0, noReply: 1, unanswered: 0 });
    expect(report.byIntent?.['account.find_id'].questions).toEqual({ answered: 1, solved: 0, notSolved: 1, noReply: 0, unanswered: 0 });
    expect(report.byIntent?.['account.find_id'].selfServiceRate).toBe(0);
    expect(report.byIntent?.oos.unansweredRate).toBe(1);
  });

  it('rates are null when nothing was counted', async () => {
    const report = statsReport(await tallyTurns(stream([]), window), await tallyCases([], [], window), window);
    expect(report).toMatchObject({ conversations: 0, selfServiceRate: null, unansweredRate: null, slaMetRate: null, firstResponseMinutes: { p50: null, p90: null }, csat: { count: 0, mean: null } });
  });

  it('counts cases: opened, steps in the window once per case, response and resolution times, SLA and ratings', async () => {
    const base = { intent: 'app.push', route: 'app', channel: 'console' as const, lang: 'ko' as const };
    const histories: CaseHistory[] = [
      // Replied after 30 minutes, in time; resolved, reopened, resolved again at 5 h: its resolution stands at 5 h; rated 4.
      { ...base, id: 'A', openedAt: '2026-12-01T00:00:00.000Z', dueAt: '2026-12-01T08:00:00.000Z', steps: [
        { kind: 'reply', at: '2026-12-01T00:30:00.000Z' }, { kind: 'reply', at: '2026-12-01T00:40:00.000Z' },
        { kind: 'resolved', at: '2026-12-01T02:00:00.000Z' }, { kind: 'reopened', at: '2026-12-01T03:00:00.000Z' },
        { kind: 'resolved', at: '2026-12-01T05:00:00.000Z' }, { kind: 'rated', at: '2026-12-01T06:00:00.000Z', rating: 4 },
        { kind: 'closed', at: '2026-12-01T06:00:00.000Z' },
      ] },
      // Replied after 10 hours, past due; reopened by the user and not resolved since.
      { ...base, id: 'B', openedAt: '2026-12-01T01:00:00.000Z', dueAt: '2026-12-01T09:00:00.000Z', steps: [
        { kind: 'reply', at: '2026-12-01T11:00:00.000Z' }, { kind: 'resolved', at: '2026-12-01T12:00:00.000Z' }, { kind: 'reopened', at: '2026-12-01T13:00:00.000Z' },
      ] },
      // No reply and past due: counted against the SLA.
      { ...base, route: 'default', id: 'C', openedAt: '2026-12-02T00:00:00.000Z', dueAt: '2026-12-02T08:00:00.000Z', steps: [] },
      // Withdrawn before it was due: it no longer waited for a reply.
      { ...base, id: 'D', openedAt: '2026-12-02T01:00:00.000Z', dueAt: '2026-12-05T08:00:00.000Z', steps: [{ kind: 'closed', at: '2026-12-02T01:10:00.000Z' }] },
      // Opened before the window, resolved and rated 5 in it.
      { ...base, id: 'E', openedAt: '2026-11-20T00:00:00.000Z', dueAt: '2026-11-21T00:00:00.000Z', steps: [
        { kind: 'reply', at: '2026-11-20T01:00:00.000Z' }, { kind: 'resolved', at: '2026-12-02T02:00:00.000Z' }, { kind: 'rated', at: '2026-12-02T03:00:00.000Z', rating: 5 },
      ] },
    ];
    const open = [{ id: 'B', status: 'claimed', dueAt: '2026-12-01T09:00:00.000Z' }, { id: 'C', status: 'open', dueAt: '2026-12-02T08:00:00.000Z' }, { id: 'F', status: 'open', dueAt: '2026-12-09T00:00:00.000Z' }, { id: 'G', status: 'resolved', dueAt: '2026-12-01T00:00:00.000Z' }].map(
      (c) => ({ ...c, intent: 'app.push', route: 'app', lang: 'ko', requester: { channel: 'console' }, createdAt: '2026-12-01T00:00:00.000Z' }) as SupportCase,
    );
    const cases = await tallyCases(stream(histories), open, window, 'day');
    const report = statsReport(await tallyTurns(stream([]), window), cases, window, 'day');
    expect(report.cases).toEqual({ opened: 4, resolved: 3, closed: 2, reopened: 2, open: 3, overdue: 2 });
    expect(report.firstResponseMinutes).toEqual({ p50: 315, p90: 543 }); // 30 and 600 minutes
    expect(report.resolutionMinutes).toEqual({ p50: 300, p90: 300 });
    expect(report.slaMetRate).toBe(0.3333); // A in time; B late; C past due without a reply
    expect(report.csat).toEqual({ count: 2, mean: 4.5, distribution: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 1 } });
    expect(Object.keys(report.byDay ?? {})).toEqual(['2026-12-01', '2026-12-02']);
    expect(report.byDay?.['2026-12-01'].cases).toEqual({ opened: 2, resolved: 2, closed: 1, reopened: 2, open: 3, overdue: 2 });
    expect(report.byDay?.['2026-12-02'].cases).toEqual({ opened: 2, resolved: 1, closed: 1, reopened: 0, open: 0, overdue: 0 });
    expect(report.byDay?.['2026-12-02'].csat.count).toBe(1);
  });

  it('percentiles interpolate between ranks like percentile_cont', () => {
    expect(percentiles([10])).toEqual({ p50: 10, p90: 10 });
    expect(percentiles([4, 1, 3, 2])).toEqual({ p50: 2.5, p90: 3.7 });
    expect(percentiles([])).toEqual({ p50: null, p90: null });
  });
});
