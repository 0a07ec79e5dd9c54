/** A realistic support case for card tests. */
import { newCase } from '../../../src/cases/new-case.js';
import type { SupportCase } from '../../../src/cases/types.js';

/** A case as the core would hand it to the agents' side. */
export function sampleCase(overrides: Partial<SupportCase> = {}): SupportCase {
  return newCase({
    id: 'CS-7Q2K9',
    requester: { channel: 'discord', conversationId: '1300000000000000999', userId: '1300000000000000998', name: 'kim' },
    lang: 'ko',
    intent: 'app.push',
    route: 'default',
    details: { os: 'Android 14', app_version: '5.12.1', occurred_at: '2026-11-22T19:00:00+09:00' },
    summary: '앱 푸시 알림이 안 와요',
    answersTried: ['app.push'],
    transcript: [
      { at: '2026-11-23T01:00:00.000Z', from: 'user', by: 'u', text: '앱 푸시 알림이 안 와요' },
      { at: '2026-11-23T01:00:01.000Z', from: 'bot', by: 'bot', text: '알림 설정을 확인해 보세요.' },
    ],
    createdAt: '2026-11-23T01:00:00.000Z',
    dueAt: '2026-11-24T01:00:00.000Z',
    updatedAt: '2026-11-23T01:00:02.000Z',
    ...overrides,
  });
}
