/** The dialog engine as a pure function: deterministic given the state, the understood message and the environment. */
import { describe, expect, it } from 'vitest';
import { initialState, PHASE, withPhase } from '../../src/dialog/state.js';
import { step, type DialogEnv } from '../../src/dialog/step.js';
import type { Understanding } from '../../src/dialog/understanding.js';
import type { Intent } from '../../src/knowledge/types.js';

function intent(id: string, kind: Intent['kind'], details: Intent['details'] = []): Intent {
  return {
    id, kind, details, verify: false, route: null, file: `${id}.yaml`,
    title: { ko: `${id} 제목`, en: `${id} title` },
    examples: { ko: [], en: [] },
    answer: { ko: `${id} 답변`, en: `${id} answer` },
  };
}

const intents = new Map([
  ['account.password_reset', intent('account.password_reset', 'faq', ['account_id'])],
  ['account.find_id', intent('account.find_id', 'faq')],
  ['report.spam_phishing', intent('report.spam_phishing', 'handoff', ['url'])],
]);

const env: DialogEnv = {
  catalog: { byId: (id) => intents.get(id) },
  now: new Date('2026-11-23T01:00:00Z'),
  timeZone: 'Asia/Seoul',
  newCaseId: () => 'K7P-4QX',
  dueFor: (at) => ({ dueAt: new Date(at.getTime() + 86_400_000), peak: false }),
  responseHours: 24,
  answerOf: (i, lang) => i.answer[lang],
  otherServiceIn: () => undefined,
  routeOf: () => 'default',
  digressionConfidence: 0.5,
  lowConfidence: 0.3,
};

function said(text: string, match: Partial<Understanding['match']> = {}): Understanding {
  return {
    shape: 'text', text, lang: 'ko', sensitive: [], caseIdMention: null, files: [],
    match: { intent: 'oos', confidence: 0, ranked: [], ambiguous: false, ...match },
  };
}

const pressed = (choice: string): Understanding => ({ ...said(''), shape: 'choice', choice });

describe('dialog step', () => {
  it('asks which topic was meant when the top two are close, then answers the chosen one', () => {
    const s0 = initialState('console', 'u1', 'u1', 'ko');
    const ranked = [{ intent: 'account.password_reset', confidence: 0.41 }, { intent: 'account.find_id', confidence: 0.39 }];
    const r1 = step(env, s0, said('비번이랑 아이디 둘다 까먹음', { intent: 'account.password_reset', confidence: 0.41, ranked, ambiguous: true }));
    expect(r1.state.phase).toBe('clarifying');
    expect(r1.replies).toHaveLength(1);
    expect(r1.replies[0].choices?.map((c) => c.value)).toEqual(['intent:account.password_reset', 'intent:account.find_id', 'none']);

    const r2 = step(env, r1.state, pressed('intent:account.find_id'));
    expect(r2.decided).toEqual({ intent: 'account.find_id', confidence: 1 });
    expect(r2.replies[0].text.split('\n')[0]).toBe('account.find_id 답변');
    expect(r2.state.phase).toBe('answered');
  });

  it('asks first when one word points at a topic that opens a case at once; a sentence goes straight to collecting', () => {
    const s0 = initialState('console', 'u1', 'u1', 'ko');
    const ranked = [{ intent: 'report.spam_phishing', confidence: 0.9 }, { intent: 'account.find_id', confidence: 0.05 }];
    const oneWord = step(env, s0, said('신고', { intent: 'report.spam_phishing', confidence: 0.9, ranked }));
    expect(oneWord.state.phase).toBe('clarifying');
    expect(oneWord.replies[0].choices?.map((c) => c.value)).toEqual(['intent:report.spam_phishing', 'intent:account.find_id', 'none']);
    expect(step(env, oneWord.state, pressed('intent:report.spam_phishing')).state.phase).toBe('collecting');

    const sentence = step(env, s0, said('스팸 문자 신고할게요', { intent: 'report.spam_phishing', confidence: 0.9, ranked }));
    expect(sentence.state.phase).toBe('collecting');
    // An FAQ is answered even from one word: a wrong guess costs a "not solved", not a case.
    const faq = step(env, s0, said('비번', { intent: 'account.password_reset', confidence: 0.9, ranked: [{ intent: 'account.password_reset', confidence: 0.9 }] }));
    expect(faq.state.phase).toBe('answered');
  });

  it('"neither" is treated as out of scope with the closest topics', () => {
    const s = withPhase(initialState('console', 'u1', 'u1', 'ko'), PHASE.clarifying());
    const r = step(env, s, pressed('none'));
    expect(r.decided.intent).toBe('oos');
    expect(r.state.misses).toBe(1);
  });

  it('a typed number picks the offered choice', () => {
    const s0 = initialState('console', 'u1', 'u1', 'ko');
    const r1 = step(env, s0, said('비밀번호', { intent: 'account.password_reset', confidence: 0.9, ranked: [{ intent: 'account.password_reset', confidence: 0.9 }] }));
    expect(r1.state.offered.map((c) => c.value)).toEqual(['solved', 'not_solved']);
    const r2 = step(env, r1.state, said('2'));
    expect(r2.state.phase).toBe('collecting');
    expect(r2.state.asking).toBe('account_id');
  });

  it('takes a URL that contains a case id as the answer, not as a status question', () => {
    const url = 'https://cafe.example.com/post?id=K7P-4QX';
    const s = { ...withPhase(initialState('console', 'u1', 'u1', 'ko'), PHASE.collecting('url')), topic: 'report.spam_phishing' };
    const r = step(env, s, { ...said(url), caseIdMention: 'K7P-4QX' }, { userCases: [] });
    expect(r.state.slots.url).toBe(url);
    expect(r.state.phase).toBe('confirming');
  });

  it('does not mutate the state it was given and survives structuredClone', () => {
    const s0 = initialState('console', 'u1', 'u1', 'ko');
    const frozen = structuredClone(s0);
    const r = step(env, s0, said('비밀번호', { intent: 'account.password_reset', confidence: 0.9 }));
    expect(s0).toEqual(frozen);
    expect(structuredClone(r.state)).toEqual(r.state);
  });
});
