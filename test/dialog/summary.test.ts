import { describe, expect, it } from 'vitest';
import { formatDetails, formatWhen } from '../../src/dialog/summary.js';

describe('summaries shown to users', () => {
  it('shows midnight as 00:00 in the operator time zone', () => {
    const text = formatWhen(new Date('2026-11-22T00:00:00+09:00'), 'ko', 'Asia/Seoul');
    expect(text).toContain('00:00');
    expect(text).not.toContain('24:00');
    expect(formatWhen(new Date('2026-11-25T07:00:00Z'), 'en', 'Asia/Seoul')).toBe('Wed, Nov 25, 16:00');
  });

  it('lists details with labels in the intent order, unknown translated', () => {
    const lines = formatDetails({ os: 'Android 14', device: 'unknown', occurred_at: '2026-11-22T19:00:00+09:00' }, 'ko', 'Asia/Seoul', ['device', 'os']);
    expect(lines).toEqual(['기기: 모름', '운영체제: Android 14', '발생 시점: 11월 22일 (일) 19:00']);
  });
});
