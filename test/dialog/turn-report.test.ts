/** What each user turn reports for the turn log: its action, the outcome of the answer before it, and why it needs review. */
import { describe, expect, it } from 'vitest';
import type { SupportCase } from '../../src/cases/types.js';
import { initialState, type DialogState } from '../../src/dialog/state.js';
import { step, type DialogEnv, type StepResult } from '../../src/dialog/step.js';
import type { Understanding } from '../../src/dialog/understanding.js';
import type { Intent } from '../../src/knowledge/types.js';

function intent(id: string, kind: Intent['kind'], details: Intent['details'] = [], route: string | null = null): Intent {
  return {
    id, kind, details, verify: false, route, file: `${id}.yaml`,
    title: { ko: `${id} 제목`, en: `${id} title` },
    examples: { ko: [], en: [] },
    answer: { ko: `${id} 답변`, en: `${id} answer` },
  };
}

const intents = new Map([
  ['app.push', intent('app.push', 'diagnostic', ['device'], 'app')],
  ['account.find_id', intent('account.find_id', 'faq')],
  ['chitchat.greeting', intent('chitchat.greeting', 'smalltalk')],
  ['agent.request', intent('agent.request', 'system')],
  ['report.spam', intent('report.spam', 'handoff', ['url'])],
]);

let now = new Date('2026-11-23T01:00:00Z');
const env = (): DialogEnv => ({
  catalog: { byId: (id) => intents.get(id) },
  now,
  timeZone: 'Asia/Seoul',
  newCaseId: () => 'K7P-4QX',
  dueFor: (at) => ({ dueAt: new Date(at.getTime() + 86_400_000), peak: false }),
  responseHours: 24,
  answerOf: (i, lang) => i.answer[lang],
  otherServiceIn: () => undefined,
  routeOf: (i) => i?.route ?? 'default',
  digressionConfidence: 0.5,
  lowConfidence: 0.3,
});

const ranked = [
  { intent: 'app.push', confidence: 0.9123 },
  { intent: 'account.find_id', confidence: 0.05 },
];

function said(text: string, match: Partial<Understanding['match']> = {}): Understanding {
  return { shape: 'text', text, lang: 'ko', sensitive: [], caseIdMention: null, files: [], match: { intent: 'oos', confidence: 0, ranked: [], ambiguous: false, ...match } };
}
const pressed = (choice: string): Understanding => ({ ...said(''), shape: 'choice', choice });
const push = (text = '푸시 알림이 안 와요', confidence = 0.9123) => said(text, { intent: 'app.push', confidence, ranked });

/** Runs turns one after the other, the clock moving a minute each time, and returns each turn's result. */
function converse(turns: Understanding[], start: DialogState = initialState('console', 'u1', 'u1', 'ko'), ctx: Parameters<typeof step>[3] = {}): StepResult[] {
  const results: StepResult[] = [];
  let state = start;
  now = new Date('2026-11-23T01:00:00Z');
  for (const u of turns) {
    const r = step(env(), state, u, ctx);
    results.push(r);
    state = r.state;
    now = new Date(now.getTime() + 60_000);
  }
  return results;
}

describe('turn report', () => {
  it('an answer, then "solved": the reply settles the answer given a minute before, on its route', () => {
    const [answer, solved] = converse([push(), pressed('solved')]);
    expect(answer.report).toEqual({ action: 'answered', route: 'app' });
    expect(solved.report).toEqual({ action: 'other', route: 'app', answer: { intent: 'app.push', at: '2026-11-23T01:00:00.000Z', outcome: 'solved' } });
    expect(solved.state.lastAnswer).toBeUndefined();
  });

  it('"not solved" goes to review with the question it answered and the closest intents', () => {
    const [, notSolved] = converse([push('앱 알림이 하나도 안 떠요'), said('아니요')]);
    expect(notSolved.report).toEqual({
      action: 'collecting',
      route: 'app',
      answer: { intent: 'app.push', at: '2026-11-23T01:00:00.000Z', outcome: 'not_solved' },
      review: { reason: 'not_solved', text: '앱 알림이 하나도 안 떠요', closest: [{ intent: 'app.push', score: 0.912 }, { intent: 'account.find_id', score: 0.05 }] },
    });
  });

  it('moving on without answering "did this help?" is no reply, and the new question is answered', () => {
    const [, next] = converse([push(), said('아이디를 잊어버렸어요', { intent: 'account.find_id', confidence: 0.8, ranked: [{ intent: 'account.find_id', confidence: 0.8 }] })]);
    expect(next.report).toEqual({ action: 'answered', route: 'default', answer: { intent: 'app.push', at: '2026-11-23T01:00:00.000Z', outcome: 'no_reply' } });
    const [, restarted] = converse([push(), pressed('cmd:new')]);
    expect(restarted.report.answer?.outcome).toBe('no_reply');
  });

  it('a case opened after a not-solved answer names that answer; messages during the case are relayed', () => {
    const turns = converse([push(), pressed('not_solved'), said('갤럭시 S23'), pressed('confirm')]);
    expect(turns.map((r) => r.report.action)).toEqual(['answered', 'collecting', 'collecting', 'case_opened']);
    expect(turns[3].report).toEqual({ action: 'case_opened', route: 'app', caseId: 'K7P-4QX', answer: { intent: 'app.push', at: '2026-11-23T01:00:00.000Z' } });
    const opened = turns[3].caseChanges[0].case as SupportCase;
    const [relayed] = converse([said('스크린샷도 보낼게요')], turns[3].state, { activeCase: opened });
    expect(relayed.report).toEqual({ action: 'relayed', route: 'app', caseId: 'K7P-4QX' });
  });

  it('a case opened on a topic that was never answered names no answer', () => {
    const turns = converse([said('상담원 연결', { intent: 'agent.request', confidence: 0.9, ranked: [] }), said('갤럭시에서 푸시가 안 와요'), pressed('confirm')]);
    expect(turns.at(-1)?.report.action).toBe('case_opened');
    expect(turns.at(-1)?.report.answer).toBeUndefined();
    const findId = said('아이디를 잊어버렸어요', { intent: 'account.find_id', confidence: 0.8, ranked: [{ intent: 'account.find_id', confidence: 0.8 }] });
    const spam = said('스팸 문자를 신고하고 싶어요', { intent: 'report.spam', confidence: 0.9, ranked: [] });
    const afterOtherAnswer = converse([findId, spam, said('https://spam.example.com'), pressed('confirm')]);
    expect(afterOtherAnswer.at(-1)?.report).toEqual({ action: 'case_opened', route: 'default', caseId: 'K7P-4QX' });
  });

  it('out of scope keeps the masked text and the closest intents for review', () => {
    const [oos] = converse([said('오늘 날씨 어때요', { intent: 'oos', confidence: 0.08, ranked: [{ intent: 'account.find_id', confidence: 0.08 }] })]);
    expect(oos.report).toEqual({ action: 'out_of_scope', route: 'default', review: { reason: 'out_of_scope', text: '오늘 날씨 어때요', closest: [{ intent: 'account.find_id', score: 0.08 }] } });
  });

  it('an answer matched with low confidence is answered and listed for review; a confident one is not', () => {
    const [low] = converse([push('알림 뭔가 이상', 0.21)]);
    expect(low.report.action).toBe('answered');
    expect(low.report.review).toEqual({ reason: 'low_confidence', text: '알림 뭔가 이상', closest: [{ intent: 'app.push', score: 0.912 }, { intent: 'account.find_id', score: 0.05 }] });
    expect(converse([push('알림 뭔가 이상', 0.3)])[0].report.review).toBeUndefined();
  });

  it('"none of these" after a clarification is out of scope, reviewed with the clarified message and its ranking', () => {
    const ambiguous = said('알림이랑 아이디', { intent: 'app.push', confidence: 0.41, ranked, ambiguous: true });
    const [clarified, none] = converse([ambiguous, pressed('none')]);
    expect(clarified.report).toEqual({ action: 'clarified', route: 'app' });
    expect(none.report).toEqual({
      action: 'out_of_scope',
      route: 'default',
      review: { reason: 'none_of_these', text: '알림이랑 아이디', closest: [{ intent: 'app.push', score: 0.912 }, { intent: 'account.find_id', score: 0.05 }] },
    });
    // A topic picked from the clarification is answered, and a later "not solved" is reviewed with the clarified message.
    const [, picked, notSolved] = converse([ambiguous, pressed('intent:account.find_id'), pressed('not_solved')]);
    expect(picked.report.action).toBe('answered');
    expect(notSolved.report.review).toEqual({ reason: 'not_solved', text: '알림이랑 아이디', closest: [{ intent: 'app.push', score: 0.912 }, { intent: 'account.find_id', score: 0.05 }] });
  });

  it('smalltalk, status and help are smalltalk; a cancelled form is other', () => {
    const [hi] = converse([said('안녕하세요', { intent: 'chitchat.greeting', confidence: 0.9, ranked: [] })]);
    expect(hi.report.action).toBe('smalltalk');
    expect(converse([said('내 문의 어떻게 됐어요?', { intent: 'case.status', confidence: 0.9 })], undefined, { userCases: [] })[0].report.action).toBe('smalltalk');
    expect(converse([pressed('cmd:help')])[0].report.action).toBe('smalltalk');
    const [, , cancelled] = converse([push(), pressed('not_solved'), said('취소')]);
    expect(cancelled.report.action).toBe('other');
    expect(cancelled.state.lastAnswer).toBeUndefined();
  });
});
