/** The review inbox groups similar messages, largest first, and leaves out what operators decided on. */
import { describe, expect, it } from 'vitest';
import type { ReviewDecisions } from '../../src/review/decisions.js';
import { buildInbox, itemsNamed, type ReviewItem } from '../../src/review/inbox.js';

let n = 0;
const item = (text: string, lang: 'ko' | 'en' = 'ko', closest = [{ intent: 'account.password_reset', score: 0.3 }]): ReviewItem => {
  n++;
  return { id: `m${n}`, turn: `console:t${n}`, at: `2026-11-23T01:00:${String(n).padStart(2, '0')}.000Z`, lang, reason: 'out_of_scope', text, closest };
};
const none: ReviewDecisions = { dismissed: [], assigned: [] };

describe('review inbox', () => {
  const lotto = [item('로또 번호 추천해줘'), item('오늘 로또 번호 추천 좀'), item('로또 번호 뭐가 좋을까요')];
  const weather = [item('what is the weather in seoul today', 'en'), item('weather in seoul tomorrow?', 'en')];
  const alone = item('배송이 너무 늦어요 환불 되나요');
  const all = [lotto[0], weather[0], alone, lotto[1], weather[1], lotto[2]];

  it('groups similar messages in Korean and English, largest cluster first, unrelated ones apart', () => {
    const inbox = buildInbox(all, none);
    expect(inbox.map((c) => c.items.map((i) => i.text))).toEqual([lotto.map((i) => i.text), weather.map((i) => i.text), [alone.text]]);
    expect(inbox[1].langs).toEqual(['en']);
    expect(inbox[0].reasons).toEqual({ out_of_scope: 3 });
    expect(inbox[0].closest).toEqual([{ intent: 'account.password_reset', score: 0.3 }]);
  });

  it('names a cluster or one message by its short id, stable across runs', () => {
    const inbox = buildInbox(all, none);
    expect(buildInbox(all, none).map((c) => c.id)).toEqual(inbox.map((c) => c.id));
    expect(itemsNamed(inbox, inbox[0].id.toUpperCase())).toHaveLength(3);
    expect(itemsNamed(inbox, weather[1].id)).toEqual([weather[1]]);
    expect(itemsNamed(inbox, 'cnothing')).toBeUndefined();
  });

  it('leaves out assigned and dismissed messages, and new messages like a dismissed one', () => {
    const decided: ReviewDecisions = {
      dismissed: lotto.map((i) => ({ id: i.turn, text: i.text, lang: i.lang, at: '2026-11-24T00:00:00.000Z' })),
      assigned: [{ id: alone.turn, to: 'order.refund', at: '2026-11-24T00:00:00.000Z' }],
    };
    const later = item('로또 번호 추천 부탁해요');
    expect(buildInbox([...all, later], decided).map((c) => c.items.map((i) => i.text))).toEqual([weather.map((i) => i.text)]);
  });
});
