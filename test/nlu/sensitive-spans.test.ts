import { describe, expect, it } from 'vitest';
import { SpanList, type SensitiveKind } from '../../src/nlu/sensitive-spans.js';

function merged(spans: SpanList): Array<[number, number, SensitiveKind]> {
  const out: Array<[number, number, SensitiveKind]> = [];
  spans.forEachMerged((start, end, kind) => out.push([start, end, kind]));
  return out;
}

function listOf(...added: Array<[number, number, SensitiveKind]>): SpanList {
  const spans = new SpanList();
  for (const [start, end, kind] of added) spans.add(start, end, kind);
  return spans;
}

describe('SpanList reads spans back in text order, overlapping ones merged', () => {
  it('orders spans added in any order and keeps apart those that only touch', () => {
    const spans = listOf([30, 35, 'phone'], [0, 4, 'password'], [10, 20, 'card'], [20, 25, 'card_code']);
    expect(merged(spans)).toEqual([[0, 4, 'password'], [10, 20, 'card'], [20, 25, 'card_code'], [30, 35, 'phone']]);
  });

  it('merges a chain of overlapping spans into one with the kind of the one that starts first', () => {
    const spans = listOf([12, 18, 'phone'], [5, 10, 'token'], [8, 14, 'card'], [16, 30, 'password']);
    expect(merged(spans)).toEqual([[5, 30, 'token']]);
  });

  it('takes the kind of the longer span when two start together, and of the first added when they are the same', () => {
    expect(merged(listOf([0, 13, 'rrn'], [0, 16, 'card'], [0, 13, 'phone']))).toEqual([[0, 16, 'card']]);
    expect(merged(listOf([4, 17, 'card'], [4, 17, 'rrn']))).toEqual([[4, 17, 'card']]);
    expect(merged(listOf([4, 17, 'rrn'], [4, 17, 'card']))).toEqual([[4, 17, 'rrn']]);
  });

  it('orders hundreds of spans, more than it first has room for, and starts empty after clear', () => {
    const spans = new SpanList();
    const kinds: SensitiveKind[] = ['token', 'card', 'phone', 'password'];
    // Four runs, each in text order and each spread over the whole text, the way the detectors add them.
    for (let run = 0; run < 4; run++) for (let i = 0; i < 150; i++) spans.add(i * 40 + run * 10, i * 40 + run * 10 + 5, kinds[run]);
    const all = merged(spans);
    expect(all).toHaveLength(600);
    expect(all.slice(0, 5)).toEqual([[0, 5, 'token'], [10, 15, 'card'], [20, 25, 'phone'], [30, 35, 'password'], [40, 45, 'token']]);
    expect(all.every(([start], i) => i === 0 || start > all[i - 1][0])).toBe(true);
    spans.clear();
    expect(merged(spans)).toEqual([]);
    spans.add(3, 4, 'rrn');
    expect(merged(spans)).toEqual([[3, 4, 'rrn']]);
  });
});
