import { describe, expect, it } from 'vitest';
import { applyAgentVerb, applyTimer, dueTimer, openCase } from '../../src/cases/lifecycle.js';
import type { SupportCase } from '../../src/cases/types.js';

const opened = '2026-11-23T01:00:00.000Z';
const base: SupportCase = {
  id: 'K7P-4QX', requester: { channel: 'console', conversationId: 'u1', userId: 'u1' }, lang: 'ko', intent: 'app.push',
  route: 'default', status: 'open', verification: 'pending', details: {}, summary: '', answersTried: [], transcript: [],
  files: [], assignee: null, createdAt: opened, dueAt: '2026-11-25T07:00:00.000Z', peak: false, resolvedAt: null,
  closedAt: null, rating: null, ratingComment: null, reminderSentAt: null, overdueAt: null, cardRefs: {}, updatedAt: opened,
};
const now = new Date('2026-11-23T02:00:00.000Z');

describe('case lifecycle', () => {
  it('opens a case from a finished inquiry: open, unassigned, due as given, logged as opened by the requester', () => {
    const slots = { device: 'mobile' };
    const transcript = [{ at: opened, from: 'user' as const, by: 'u1', text: '앱 푸시가 안와요' }];
    const { case: c, event } = openCase(
      {
        id: 'K7P-4QX', requester: { channel: 'slack', conversationId: 'D1', userId: 'U1', name: 'Kim' }, lang: 'ko',
        intent: 'billing.refund', route: 'billing', verify: true, details: slots, summary: '환불해 주세요',
        answersTried: ['billing.refund'], transcript, files: [{ name: 'receipt.png' }],
        dueAt: new Date('2026-11-25T07:00:00Z'), peak: true,
      },
      now,
    );
    expect(c).toMatchObject({
      id: 'K7P-4QX', status: 'open', assignee: null, verification: 'pending', route: 'billing', intent: 'billing.refund',
      details: { device: 'mobile' }, summary: '환불해 주세요', files: [{ name: 'receipt.png' }], peak: true,
      createdAt: now.toISOString(), updatedAt: now.toISOString(), dueAt: '2026-11-25T07:00:00.000Z', cardRefs: {},
      resolvedAt: null, closedAt: null, rating: null,
    });
    expect(event).toEqual({ caseId: 'K7P-4QX', at: now.toISOString(), actor: { kind: 'user', id: 'slack:U1' }, type: 'opened', data: { intent: 'billing.refund', route: 'billing' } });
    // The case owns its copies: the conversation going on does not change what was handed over.
    slots.device = 'pc';
    transcript.push({ at: opened, from: 'user', by: 'u1', text: 'more' });
    expect(c.details.device).toBe('mobile');
    expect(c.transcript).toHaveLength(1);
    const plain = openCase({ id: 'A', requester: c.requester, lang: 'en', intent: 'agent.request', route: 'default', verify: false, details: {}, summary: '', answersTried: [], transcript: [], files: [], dueAt: now, peak: false }, now);
    expect(plain.case.verification).toBe('not_required');
  });

  it('claims, verifies, resolves and reopens with a log event each', () => {
    const claimed = applyAgentVerb(base, 'claim', 'a1', now);
    if ('refused' in claimed) throw new Error('refused');
    expect(claimed.case).toMatchObject({ status: 'claimed', assignee: 'a1' });
    expect(claimed.event).toMatchObject({ caseId: 'K7P-4QX', type: 'claim', actor: { kind: 'agent', id: 'a1' } });
    const verified = applyAgentVerb(claimed.case, 'verify', 'a1', now);
    if ('refused' in verified) throw new Error('refused');
    expect(verified.case.verification).toBe('verified');
    expect(applyAgentVerb(verified.case, 'verify', 'a1', now)).toEqual({ refused: 'invalid_transition' });
    const resolved = applyAgentVerb(verified.case, 'resolve', 'a1', now);
    if ('refused' in resolved) throw new Error('refused');
    expect(resolved.case).toMatchObject({ status: 'resolved', resolvedAt: now.toISOString() });
    expect(applyAgentVerb(resolved.case, 'resolve', 'a1', now)).toEqual({ refused: 'invalid_transition' });
    const reopened = applyAgentVerb(resolved.case, 'reopen', 'a1', now);
    if ('refused' in reopened) throw new Error('refused');
    expect(reopened.case).toMatchObject({ status: 'claimed', resolvedAt: null });
  });

  it('a reply on an open case claims it for the replying agent and joins the transcript', () => {
    const r = applyAgentVerb(base, 'reply', 'a2', now, '확인 중입니다');
    if ('refused' in r) throw new Error('refused');
    expect(r.case).toMatchObject({ status: 'claimed', assignee: 'a2' });
    expect(r.case.transcript.at(-1)).toMatchObject({ from: 'agent', by: 'a2', text: '확인 중입니다' });
  });

  it('marks the first agent reply in the log and keeps its time on the case; later replies are not first', () => {
    const first = applyAgentVerb(base, 'reply', 'a2', now, '확인 중입니다');
    if ('refused' in first) throw new Error('refused');
    expect(first.case.firstReplyAt).toBe(now.toISOString());
    expect(first.event).toMatchObject({ type: 'reply', at: now.toISOString(), data: { text: '확인 중입니다', first: true } });
    const later = new Date('2026-11-23T03:00:00.000Z');
    const second = applyAgentVerb(first.case, 'reply', 'a1', later, '처리했습니다');
    if ('refused' in second) throw new Error('refused');
    expect(second.case.firstReplyAt).toBe(now.toISOString());
    expect(second.event.data).toEqual({ text: '처리했습니다' });
    // A claim is not a reply.
    const claimed = applyAgentVerb(base, 'claim', 'a1', now);
    if ('refused' in claimed) throw new Error('refused');
    expect(claimed.case.firstReplyAt ?? null).toBeNull();
  });

  it('fires the reminder, then the overdue flag, once each', () => {
    const opts = { reminderHours: 4, autoCloseDays: 3 };
    expect(dueTimer(base, new Date('2026-11-25T02:00:00Z'), opts)).toBeNull();
    expect(dueTimer(base, new Date('2026-11-25T03:30:00Z'), opts)).toBe('reminder');
    const reminded = applyTimer(base, 'reminder', new Date('2026-11-25T03:30:00Z')).case;
    expect(dueTimer(reminded, new Date('2026-11-25T04:00:00Z'), opts)).toBeNull();
    expect(dueTimer(reminded, new Date('2026-11-25T07:00:01Z'), opts)).toBe('overdue');
    const overdue = applyTimer(reminded, 'overdue', new Date('2026-11-25T07:00:01Z')).case;
    expect(dueTimer(overdue, new Date('2026-11-26T00:00:00Z'), opts)).toBeNull();
  });

  it('auto-closes a resolved case after the configured days without feedback', () => {
    const resolved: SupportCase = { ...base, status: 'resolved', resolvedAt: '2026-11-23T02:00:00.000Z' };
    const opts = { reminderHours: 4, autoCloseDays: 3 };
    expect(dueTimer(resolved, new Date('2026-11-26T01:59:00Z'), opts)).toBeNull();
    expect(dueTimer(resolved, new Date('2026-11-26T02:00:00Z'), opts)).toBe('auto_close');
    expect(applyTimer(resolved, 'auto_close', new Date('2026-11-26T02:00:00Z')).case.status).toBe('closed');
  });
});
