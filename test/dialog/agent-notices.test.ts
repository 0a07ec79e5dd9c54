/** What agents are told about a case comes in one agents' language: English unless the operator chooses Korean. */
import { describe, expect, it } from 'vitest';
import type { SupportCase } from '../../src/cases/types.js';
import { agentTurn, timerTurn } from '../../src/dialog/case-turns.js';
import { initialState, PHASE, withPhase } from '../../src/dialog/state.js';
import { step, type DialogEnv } from '../../src/dialog/step.js';
import type { Understanding } from '../../src/dialog/understanding.js';

const at = '2026-11-23T01:00:00.000Z';
const closed: SupportCase = {
  id: 'K7P-4QX', requester: { channel: 'console', conversationId: 'u1', userId: 'u1' }, lang: 'en', intent: 'app.push',
  route: 'default', status: 'closed', verification: 'not_required', details: {}, summary: '', answersTried: [], transcript: [],
  files: [], assignee: 'a1', createdAt: at, dueAt: '2026-11-24T01:00:00.000Z', peak: false, resolvedAt: null,
  closedAt: at, rating: null, ratingComment: null, reminderSentAt: null, overdueAt: null, cardRefs: {}, updatedAt: at,
};
const action = { id: 'e1', channel: 'console' as const, agent: { id: 'a1' }, caseId: 'K7P-4QX', verb: 'resolve' as const };
const notices = (r: { agentMessages: Array<{ kind: string; text?: string }> } | null) => r?.agentMessages.filter((m) => m.kind === 'notice').map((m) => m.text);

describe("agents' notices", () => {
  it('refuse an action in English by default and in Korean when agents read Korean, whatever the user speaks', () => {
    const now = new Date('2026-11-23T02:00:00Z');
    expect(notices(agentTurn(closed, undefined, action, now))).toEqual(['Cannot resolve case K7P-4QX: it is closed.']);
    expect(notices(agentTurn(closed, undefined, action, now, 'ko'))).toEqual(['문의 K7P-4QX는 해결 처리할 수 없습니다: 지금 종료 상태입니다.']);
  });

  it('write the due time of an overdue case in the agents’ language', () => {
    const open = { ...closed, status: 'open' as const, closedAt: null, lang: 'ko' as const };
    const now = new Date('2026-11-24T02:00:00Z');
    const opts = { reminderHours: 4, autoCloseDays: 3, timeZone: 'Asia/Seoul' };
    expect(notices(timerTurn(open, undefined, now, opts))).toEqual(['Overdue: case K7P-4QX was due Tue, Nov 24, 10:00.']);
    expect(notices(timerTurn(open, undefined, now, { ...opts, agentsLang: 'ko' }))).toEqual(['기한 초과: 문의 K7P-4QX의 답변 기한은 11월 24일 (화) 10:00였습니다.']);
  });

  it("tell agents in their language when a user withdraws a case", () => {
    const env: DialogEnv = {
      catalog: { byId: () => undefined }, now: new Date('2026-11-23T02:00:00Z'), timeZone: 'Asia/Seoul', newCaseId: () => 'X',
      dueFor: (d) => ({ dueAt: d, peak: false }), responseHours: 24, answerOf: () => '', otherServiceIn: () => undefined, routeOf: () => 'default', digressionConfidence: 0.5, lowConfidence: 0,
    };
    const open = { ...closed, status: 'open' as const, closedAt: null, assignee: null };
    const s = withPhase(initialState('console', 'u1', 'u1', 'en'), PHASE.handedOff(open.id));
    const cancel: Understanding = {
      shape: 'text', text: 'cancel', lang: 'en', sensitive: [], caseIdMention: null, files: [],
      match: { intent: 'oos', confidence: 0, ranked: [], ambiguous: false },
    };
    expect(notices(step(env, s, cancel, { activeCase: open }))).toEqual(['The user withdrew case K7P-4QX.']);
    expect(notices(step({ ...env, agentsLang: 'ko' }, s, cancel, { activeCase: open }))).toEqual(['사용자가 문의 K7P-4QX를 취소했습니다.']);
  });
});
