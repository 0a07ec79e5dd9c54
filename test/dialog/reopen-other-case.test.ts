/** An agent reopening an older case does not take the user's conversation away from the case it is on. */
import { describe, expect, it } from 'vitest';
import { newCase } from '../../src/cases/new-case.js';
import { agentTurn } from '../../src/dialog/case-turns.js';
import { initialState, PHASE, withPhase } from '../../src/dialog/state.js';

const at = '2026-11-23T01:00:00.000Z';
const older = newCase({
  id: 'OLD-001', requester: { channel: 'console', conversationId: 'u1', userId: 'u1' }, lang: 'ko', intent: 'account.password_reset',
  route: 'default', createdAt: at, dueAt: at, status: 'closed', closedAt: at, assignee: 'a1',
});
const now = new Date('2026-11-24T01:00:00.000Z');
const reopen = { verb: 'reopen' as const, agent: { id: 'a1' } };

describe('reopening an older case', () => {
  it('leaves a conversation that is with an agent on another case where it is, and tells the user', () => {
    const onNewer = withPhase(initialState('console', 'u1', 'u1', 'ko'), PHASE.handedOff('NEW-002'));
    const r = agentTurn(older, onNewer, reopen, now);
    expect(r.state).toBeUndefined();
    expect(r.caseChanges[0].case.status).toBe('claimed');
    expect(r.userReplies.map((x) => x.text).join()).toContain('OLD-001');
  });

  it('brings an idle conversation back to the reopened case', () => {
    const r = agentTurn(older, initialState('console', 'u1', 'u1', 'ko'), reopen, now);
    expect(r.state).toMatchObject({ phase: 'handed_off', caseId: 'OLD-001' });
  });
});
