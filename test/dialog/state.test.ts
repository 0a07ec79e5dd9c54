/** Saved states are versioned: the current version reads as it is, version 1 is migrated, anything else starts over. */
import { describe, expect, it } from 'vitest';
import { initialState, PHASE, restoreState, withPhase } from '../../src/dialog/state.js';
import { V1_COLLECTING } from '../support/v1-dialog-state.js';

describe('restoring a saved dialog state', () => {
  it('reads the current version as it is', () => {
    const s = { ...withPhase(initialState('slack', 'D1', 'U1', 'en'), PHASE.feedback('K7P-4QX', 'rating')), seen: ['a'] };
    expect(restoreState(structuredClone(s))).toEqual(s);
  });

  it('migrates a version 1 state mid-collection, keeping the question, the failed tries and what the core owns', () => {
    const s = restoreState(structuredClone(V1_COLLECTING));
    expect(s).toEqual({
      v: 2, phase: 'collecting', asking: 'os', caseId: null, failedAsks: 1, editing: false,
      channel: 'console', conversationId: 'u1', userId: 'u1', lang: 'ko', topic: 'app.push', answersTried: ['app.push'],
      slots: { device: 'mobile' }, summary: '앱 푸시가 안와요', files: [], misses: 0, offered: V1_COLLECTING.offered,
      transcript: V1_COLLECTING.transcript, seen: ['m1', 'm2', 'm3'], relayBudget: V1_COLLECTING.relayBudget,
    });
  });

  it('migrates each version 1 phase to its own fields', () => {
    const v1 = (fields: object) => restoreState({ ...V1_COLLECTING, asking: null, pending: [], ...fields });
    expect(v1({ phase: 'idle', wantsHuman: true })).toMatchObject({ phase: 'idle', wantsHuman: true, asking: null, caseId: null });
    expect(v1({ phase: 'handed_off', caseId: 'K7P-4QX' })).toMatchObject({ phase: 'handed_off', caseId: 'K7P-4QX' });
    expect(v1({ phase: 'feedback', caseId: 'K7P-4QX', feedbackStep: 'rating' })).toMatchObject({ phase: 'feedback', caseId: 'K7P-4QX', awaiting: 'rating' });
    expect(v1({ phase: 'confirming' })).toMatchObject({ phase: 'confirming', asking: null });
    // Collecting with nothing left to ask is at the summary.
    expect(v1({ phase: 'collecting' })).toMatchObject({ phase: 'confirming' });
    for (const p of ['idle', 'answered', 'clarifying', 'confirming', 'handed_off', 'feedback']) {
      const s = v1({ phase: p, caseId: 'K7P-4QX', feedbackStep: 'solved' }) ?? {};
      expect(Object.keys(s).filter((k) => ['pending', 'feedbackStep', 'failedAsks', 'editing'].includes(k)), p).toEqual([]);
    }
  });

  it('starts over on a state of the current version whose fields are not in their shape (a damaged record)', () => {
    const good = withPhase(initialState('slack', 'D1', 'U1', 'ko'), PHASE.collecting('os'));
    expect(restoreState(structuredClone(good))).toEqual(good);
    const damaged: object[] = [
      { ...good, transcript: 'not a list' },
      { ...good, asking: 'shoe_size' },
      { ...good, phase: 'handed_off' },
      { ...good, lang: 'fr' },
      { ...good, slots: { os: 14 } },
      { ...good, channel: 'telegram' },
    ];
    for (const raw of damaged) expect(restoreState(raw), JSON.stringify(raw).slice(0, 80)).toBeUndefined();
    // A field from a later release is kept as it was.
    expect(restoreState({ ...good, futureField: 1 })).toMatchObject({ futureField: 1 });
  });

  it('starts over on anything it cannot read', () => {
    for (const raw of [undefined, null, 'x', {}, { v: 3, phase: 'idle' }, { v: 1 }, { ...V1_COLLECTING, phase: 'dancing' }]) {
      expect(restoreState(raw)).toBeUndefined();
    }
  });
});
