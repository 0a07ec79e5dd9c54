/** Bounded transcripts: a case or conversation keeps its latest lines inline, never an ever-growing history. */
import { describe, expect, it } from 'vitest';
import { appendToTranscript, TRANSCRIPT_CHARS, TRANSCRIPT_LINE_CHARS, TRANSCRIPT_LINES } from '../../src/cases/transcript.js';
import type { TranscriptEntry } from '../../src/cases/types.js';

const line = (text: string, i = 0): TranscriptEntry => ({ at: `2026-11-23T10:00:${String(i % 60).padStart(2, '0')}Z`, from: 'user', by: 'u1', text });

describe('appendToTranscript', () => {
  it('keeps the newest lines up to the line limit', () => {
    let t: TranscriptEntry[] = [];
    for (let i = 0; i < TRANSCRIPT_LINES + 25; i++) t = appendToTranscript(t, line(`message ${i}`, i));
    expect(t).toHaveLength(TRANSCRIPT_LINES);
    expect(t[0].text).toBe('message 25');
    expect(t.at(-1)?.text).toBe(`message ${TRANSCRIPT_LINES + 24}`);
  });

  it('cuts one huge line and drops old lines until the characters fit', () => {
    let t = appendToTranscript([], line('first'));
    for (let i = 0; i < 10; i++) t = appendToTranscript(t, line('z'.repeat(10_000), i));
    expect(t.every((e) => e.text.length <= TRANSCRIPT_LINE_CHARS)).toBe(true);
    expect(t.reduce((sum, e) => sum + e.text.length, 0)).toBeLessThanOrEqual(TRANSCRIPT_CHARS);
    expect(t.at(-1)?.text.endsWith('…')).toBe(true);
    expect(t.some((e) => e.text === 'first')).toBe(false);
  });

  it('does not change the transcript it was given', () => {
    const before = [line('a')];
    appendToTranscript(before, line('b'));
    expect(before).toEqual([line('a')]);
  });
});
