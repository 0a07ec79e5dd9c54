/** A message refused as too long is stored cut to the limit, never whole: no string the store keeps is longer. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConsoleSession } from '../support/console-session.js';

/** The longest string anywhere in a JSON value. */
function longestString(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return Math.max(0, ...value.map(longestString));
  if (value && typeof value === 'object') return Math.max(0, ...Object.values(value).map(longestString));
  return 0;
}

describe('a message over the limit', () => {
  it('is refused with the limit named, and stored cut to 4,000 characters', async () => {
    const s = await openConsoleSession({ now: '2026-11-23T10:00:00+09:00' });
    try {
      const [reply] = await s.send({ user: 'big', text: `앱 푸시 알림이 안 와요 ${'가'.repeat(600_000)}` });
      expect('text' in reply && reply.text).toContain('4000');
      await s.send({ user: 'big', text: '비밀번호를 잊어버렸어요' });
      const stored = JSON.parse(readFileSync(join(s.dataDir, 'deskbot.json'), 'utf8')) as unknown;
      expect(longestString(stored)).toBeLessThanOrEqual(4000);
      expect(JSON.stringify(stored)).toContain('가'.repeat(100));
    } finally {
      await s.close();
    }
  });
});
