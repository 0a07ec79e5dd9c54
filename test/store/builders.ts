/** Builders of complete test records, shared by the store contract, store tests and fixture scripts. */
import { newCase } from '../../src/cases/new-case.js';
import type { CaseEvent, SupportCase } from '../../src/cases/types.js';
import type { TurnLogEntry } from '../../src/insight/turn-log-entry.js';

/** Builds a complete case; the contract changes only the fields a test is about. */
export function makeCase(id: string, overrides: Partial<SupportCase> = {}): SupportCase {
  const at = overrides.createdAt ?? '2026-11-23T01:00:00.000Z';
  return newCase({
    id,
    requester: { channel: 'slack', conversationId: 'D100', userId: 'U100', name: '김민지' },
    lang: 'ko',
    intent: 'app.push',
    route: 'default',
    details: { os: 'Android 14', app_version: '5.12.1' },
    summary: '앱 푸시 알림이 안 와요',
    answersTried: ['app.push'],
    transcript: [{ at, from: 'user', by: 'U100', text: '어제부터 푸시 알림이 안 와요 😢' }],
    files: [{ name: 'screen.png', id: 'F1' }],
    createdAt: at,
    dueAt: '2026-11-24T01:00:00.000Z',
    updatedAt: at,
    ...overrides,
  });
}

/** Builds a case event. */
export function makeEvent(caseId: string, type: string, at: string, data?: Record<string, unknown>): CaseEvent {
  return { caseId, at, actor: { kind: 'bot', id: 'bot' }, type, ...(data ? { data } : {}) };
}

/** Builds a turn log entry of user U100 on Slack; tests change only the fields they are about. */
export function makeTurn(id: string, at: string, overrides: Partial<TurnLogEntry> = {}): TurnLogEntry {
  return {
    id,
    at,
    channel: 'slack',
    conversation: 'slack:D100',
    userId: 'U100',
    lang: 'ko',
    route: 'default',
    intent: 'app.push',
    confidence: 0.82,
    action: 'answered',
    ...overrides,
  };
}
