import { describe, expect, it } from 'vitest';
import { embedLength, fitEmbed, LIMITS, splitContent, truncate } from '../../../src/channels/discord/limits.js';
import { escapeUserText, neutralizeMentions } from '../../../src/channels/discord/escape.js';

describe('splitContent', () => {
  it('keeps short text whole and drops empty or blank text', () => {
    expect(splitContent('안녕하세요')).toEqual(['안녕하세요']);
    expect(splitContent('')).toEqual([]);
    expect(splitContent(' \n ')).toEqual([]);
  });

  it('splits at line breaks within the limit and loses no words', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `줄 ${i} 내용입니다`);
    const chunks = splitContent(lines.join('\n'));
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(LIMITS.content);
    expect(chunks.join('\n')).toBe(lines.join('\n'));
  });

  it('cuts text without spaces hard, never inside an emoji (surrogate pair)', () => {
    const chunks = splitContent('a' + '😀'.repeat(1500));
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(LIMITS.content);
      expect(c).not.toMatch(/[\uD800-\uDBFF]$/);
      expect(c).not.toMatch(/^[\uDC00-\uDFFF]/);
    }
    expect(chunks.join('')).toBe('a' + '😀'.repeat(1500));
  });
});

describe('truncate and fitEmbed', () => {
  it('truncates with an ellipsis and keeps surrogate pairs whole', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab😀', 3)).toBe('ab…');
    expect(truncate('abc', 3)).toBe('abc');
  });

  it('keeps every part and the 6,000 total within Discord limits', () => {
    const big = 'x'.repeat(5000);
    const fitted = fitEmbed({
      title: big,
      description: big,
      footer: { text: big },
      fields: Array.from({ length: 40 }, (_, i) => ({ name: `${i}${big}`, value: big })),
    });
    expect(fitted.title?.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(fitted.description?.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(fitted.fields?.length).toBeLessThanOrEqual(LIMITS.embedFields);
    for (const f of fitted.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(embedLength(fitted)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('fills empty field names and values, which Discord rejects', () => {
    expect(fitEmbed({ fields: [{ name: '', value: '' }] }).fields).toEqual([{ name: '-', value: '-' }]);
  });
});

describe('mention safety', () => {
  it('breaks @everyone, @here, user, role and channel mentions', () => {
    const out = neutralizeMentions('@everyone @here <@123> <@!456> <@&789> <#1011> hi@example.com');
    expect(out).toBe('@\u200beveryone @\u200bhere <\u200b@123> <\u200b@!456> <\u200b@&789> <\u200b#1011> hi@example.com');
    expect(neutralizeMentions(out)).toBe(out);
  });

  it('escapes markdown in user text shown in cards', () => {
    expect(escapeUserText('**굵게** `code` @here')).toBe('\\*\\*굵게\\*\\* \\`code\\` @\u200bhere');
  });
});

describe('markdown escaping', () => {
  it('escapes masked links and line-start quotes, headings, lists; leaves plain text alone', () => {
    expect(escapeUserText('[무료](https://evil.example)')).toBe('\\[무료\\](https://evil.example)');
    expect(escapeUserText('> 인용\n# 제목\n- 항목\n1. 첫째')).toBe('\\> 인용\n\\# 제목\n\\- 항목\n1\\. 첫째');
    expect(escapeUserText('앱 버전 5.12.1 (안드로이드)')).toBe('앱 버전 5.12.1 (안드로이드)');
    expect(escapeUserText('5.12.1\n-1도\n#태그')).toBe('5.12.1\n-1도\n#태그');
  });
});
