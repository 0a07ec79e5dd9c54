/** One rule for identifiers on the agents' side: masked until the requester is verified, in full after. */
import { describe, expect, it } from 'vitest';
import { newCase } from '../../src/cases/new-case.js';
import { agentView, forAgents } from '../../src/core/agent-view.js';

const at = '2026-11-23T01:00:00.000Z';
const base = newCase({
  id: 'K7P-4QX', requester: { channel: 'console', conversationId: 'u1', userId: 'u1' }, lang: 'ko', intent: 'account.hacked',
  route: 'default', createdAt: at, dueAt: at, verification: 'pending',
  details: { account_id: 'hong_gildong', occurred_at: '2026-11-22' },
  summary: '아이디 hong_gildong 해킹, 연락은 minji.kim@example.com 으로',
  transcript: [{ at, from: 'user', by: 'u1', text: '제 메일은 minji.kim@example.com 이고 아이디는 hong_gildong 이에요' }],
});

describe('identifiers agents see', () => {
  it('masks the account id and every e-mail address before the requester is verified: details, summary, transcript, relays', () => {
    const seen = forAgents(base);
    const all = JSON.stringify([seen.details, seen.summary, seen.transcript]);
    expect(all).not.toContain('hong_gildong');
    expect(all).not.toContain('minji.kim@');
    expect(seen.details.account_id).toBe('ho********ng');
    expect(seen.transcript[0].text).toContain("mi*******@example.com");
    const relay = agentView({ kind: 'relay', caseId: base.id, from: 'u1', text: '다른 메일 lee.other@example.org 도 있어요' }, base);
    expect(relay).toMatchObject({ text: expect.not.stringContaining('lee.other@') });
  });

  it('shows them in full once an agent has verified the requester', () => {
    const verified = { ...base, verification: 'verified' as const };
    expect(forAgents(verified)).toEqual(verified);
    expect(agentView({ kind: 'relay', caseId: base.id, from: 'u1', text: 'lee.other@example.org' }, verified)).toMatchObject({ text: 'lee.other@example.org' });
  });
});
