/**
 * Slack: a second problem while a case is open. The case lives in the thread of its receipt: a reply there reaches
 * its agent whatever the DM is doing, while the DM itself talks to the bot and can open another inquiry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseIdInText } from '../../../src/cases/case-id.js';
import { channelEvent, dmEvent, dmOf, slashCommand } from '../../fakes/slack/payloads.js';
import { AGENTS_CHANNEL, openSlackHarness, type SlackHarness } from './slack-harness.js';

const texts = (msgs: Array<{ text: string }>) => msgs.map((m) => m.text).join('\n');

let h: SlackHarness;
beforeAll(async () => {
  h = await openSlackHarness();
});
afterAll(async () => {
  await h.close();
});

describe('Slack: a second problem while a case is open', () => {
  it('keeps the case in its receipt thread, answers other questions in the DM, and opens a second case', async () => {
    await h.userSays('U21', '앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요');
    await h.press('U21', 'not_solved');
    const receiptText = texts(await h.press('U21', 'confirm'));
    const first = findCaseIdInText(receiptText) as string;
    const receipt = h.fake.messagesIn(dmOf('U21')).find((m) => m.text.includes(first) && m.text.includes('접수'));
    expect(receipt).toBeDefined();

    // /deskbot new while the case is open: the case stays open, the DM starts over.
    const before = h.userSide('U21').length;
    await h.send.command(slashCommand('U21', dmOf('U21'), 'new'));
    expect(texts(h.userSide('U21').slice(before))).toMatch(new RegExp(`${first}.*그대로 진행돼요[\\s\\S]*스레드에 답글[\\s\\S]*새 문의를 시작할게요`));

    // A reply in the receipt's thread is written to the case: its agent gets it in the card's thread.
    const card = h.cardOf(first);
    const inCardThread = () => h.fake.messagesIn(AGENTS_CHANNEL).filter((m) => m.thread_ts === card?.ts);
    const relayed = inCardThread().length;
    await h.send.event(dmEvent('U21', '재부팅해도 알림이 안 와요', { thread_ts: receipt?.ts }));
    expect(texts(inCardThread().slice(relayed))).toContain('재부팅해도 알림이 안 와요');

    // The DM itself talks to the bot: a new problem becomes a second case.
    expect(texts(await h.userSays('U21', '결제가 두 번 됐어요'))).toContain('결제');
    await h.userSays('U21', 'ORD-2026-9999');
    await h.userSays('U21', '오늘 아침 8시');
    await h.userSays('U21', 'minji_k');
    const second = findCaseIdInText(texts(await h.press('U21', 'confirm')));
    expect(second).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    expect(second).not.toBe(first);

    // The first case's agent answers: the user sees which case it is about.
    await h.send.event(channelEvent(AGENTS_CHANNEL, 'A1', '설정에서 알림 권한을 확인해 주세요', card?.ts));
    expect(texts(h.userSide('U21').slice(-1))).toContain(`[${first}] 상담원: 설정에서 알림 권한을 확인해 주세요`);
  });
});
