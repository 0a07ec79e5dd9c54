import { describe, expect, it } from 'vitest';
import { caseButtons, caseEmbed, caseThreadName, parseCaseButton } from '../../../src/channels/discord/card.js';
import { choiceRows, choiceValue } from '../../../src/channels/discord/choices.js';
import { embedLength, LIMITS } from '../../../src/channels/discord/limits.js';
import { sampleCase } from './cases.js';

describe('case card', () => {
  it('shows what an agent needs: id, intent, language, requester, details, answers tried, due time, verification, status', () => {
    const e = caseEmbed(sampleCase({ verification: 'pending' }));
    const text = JSON.stringify(e);
    expect(e.title).toBe('CS-7Q2K9 · app.push');
    expect(e.description).toContain('앱 푸시 알림이 안 와요');
    for (const part of ['"Status"', '"open"', '"Language"', '"ko"', 'kim (<@1300000000000000998>)', 'Android 14', '5.12.1', 'Answers already tried', '<t:1795482000:f>', 'pending']) {
      expect(text).toContain(part);
    }
  });

  it('stays within embed limits whatever the user wrote, and neutralises mentions in it', () => {
    const huge = '@everyone **' + '가'.repeat(9000);
    const c = sampleCase({
      summary: huge,
      transcript: Array.from({ length: 30 }, () => ({ at: '2026-11-23T01:00:00.000Z', from: 'user' as const, by: 'u', text: huge })),
      details: { error_message: huge, steps_tried: huge, url: huge, device: huge, os: huge, browser: huge },
      files: Array.from({ length: 50 }, (_, i) => ({ name: `file-${i}.png`, url: `https://cdn.example/${i}.png` })),
    });
    const e = caseEmbed(c);
    expect(embedLength(e)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(e.description?.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(JSON.stringify(e)).not.toMatch(/@everyone/);
  });

  it('offers the buttons the case can take now', () => {
    const ids = (c = sampleCase()) => caseButtons(c).map((b) => b.custom_id);
    expect(ids()).toEqual(['case:claim:CS-7Q2K9', 'case:resolve:CS-7Q2K9', 'case:close:CS-7Q2K9']);
    expect(ids(sampleCase({ verification: 'pending', status: 'claimed' }))).toEqual(['case:claim:CS-7Q2K9', 'case:verify:CS-7Q2K9', 'case:resolve:CS-7Q2K9', 'case:close:CS-7Q2K9']);
    expect(ids(sampleCase({ status: 'closed' }))).toEqual(['case:reopen:CS-7Q2K9']);
  });

  it('reads case buttons back, and nothing else', () => {
    expect(parseCaseButton('case:verify:CS-7Q2K9')).toEqual({ verb: 'verify', caseId: 'CS-7Q2K9' });
    expect(parseCaseButton('case:reply:CS-7Q2K9')).toBeUndefined();
    expect(parseCaseButton('choice:solved')).toBeUndefined();
  });

  it('names the thread after the case so it can be found again', () => {
    expect(caseThreadName(sampleCase({ intent: 'x'.repeat(200) }))).toMatch(/^CS-7Q2K9 · x+…$/);
    expect(caseThreadName(sampleCase({ intent: 'x'.repeat(200) })).length).toBe(LIMITS.threadName);
  });
});

describe('choices', () => {
  it('renders up to five choices as one row of buttons and reads presses back', () => {
    const rows = choiceRows([1, 2, 3, 4, 5].map((n) => ({ value: `rate:${n}`, label: '★'.repeat(n) })));
    expect(rows).toHaveLength(1);
    expect(rows[0].components.map((c) => ('custom_id' in c ? c.custom_id : ''))).toEqual(['choice:rate:1', 'choice:rate:2', 'choice:rate:3', 'choice:rate:4', 'choice:rate:5']);
    expect(choiceValue('choice:rate:4')).toBe('rate:4');
    expect(choiceValue('case:claim:X')).toBeUndefined();
  });

  it('renders more than five as a select menu of at most 25 options', () => {
    const rows = choiceRows(Array.from({ length: 30 }, (_, i) => ({ value: `v${i}`, label: `option ${i}` })));
    const menu = rows[0].components[0] as { type: number; custom_id: string; options: unknown[] };
    expect(menu).toMatchObject({ type: 3, custom_id: 'choice' });
    expect(menu.options).toHaveLength(25);
    expect(choiceValue('choice', ['v7'])).toBe('v7');
  });

  it('renders no components for no choices, and cuts long labels to Discord limits', () => {
    expect(choiceRows([])).toEqual([]);
    const [row] = choiceRows([{ value: 'x', label: 'ㄱ'.repeat(200) }]);
    expect((row.components[0] as { label: string }).label.length).toBe(LIMITS.buttonLabel);
  });
});
