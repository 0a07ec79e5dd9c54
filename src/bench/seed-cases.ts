/** Cases the benchmarks seed stores with. */
import { newCase } from '../cases/new-case.js';
import type { SupportCase } from '../cases/types.js';

/** The i-th closed, rated case about push notifications, of one of 5,000 users; every date is `at`. */
export function closedSeedCase(i: number, at: string): SupportCase {
  const user = `old-${i % 5000}`;
  return newCase({
    id: `SEED${i.toString(36).toUpperCase().padStart(6, '0')}`,
    requester: { channel: 'console', conversationId: `old-${i}`, userId: user },
    lang: 'ko',
    intent: 'app.push',
    route: 'default',
    createdAt: at,
    dueAt: at,
    status: 'closed',
    details: { os: 'Android 14', app_version: '5.12.1' },
    summary: '앱 푸시 알림이 안 와요',
    answersTried: ['app.push'],
    transcript: [{ at, from: 'user', by: user, text: '앱 푸시 알림이 안 와요' }],
    assignee: 'a1',
    resolvedAt: at,
    closedAt: at,
    rating: 5,
  });
}
