/** Saved states in version 1's shape, for migration tests. */

/** A version 1 state as the flat dialog saved it, in the middle of collecting for app.push. */
export const V1_COLLECTING = {
  v: 1, phase: 'collecting', channel: 'console', conversationId: 'u1', userId: 'u1', lang: 'ko',
  topic: 'app.push', answersTried: ['app.push'], slots: { device: 'mobile' }, pending: ['os', 'app_version', 'occurred_at'],
  asking: 'os', failedAsks: 1, editing: false, misses: 0, wantsHuman: false, offered: [{ value: 'skip', label: '건너뛰기' }],
  summary: '앱 푸시가 안와요', caseId: null, feedbackStep: null, files: [],
  transcript: [{ at: '2026-11-23T01:00:00.000Z', from: 'user', by: 'u1', text: '앱 푸시가 안와요' }],
  seen: ['m1', 'm2', 'm3'], relayBudget: { tokens: 20, at: '2026-11-23T01:00:00.000Z', held: 0 },
};
