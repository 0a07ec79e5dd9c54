/**
 * Discord: conversations that follow the person. Personal details are never asked in public (a private
 * inquiry started in a channel goes on in the user's DM), and a case does not take the DM over (a second problem
 * while a case is open).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseIdInText } from '../../../src/cases/case-id.js';
import type { Json } from '../../fakes/discord/payloads.js';
import { textsOf } from '../harness.js';
import { openDiscordHarness, type DiscordHarness } from './discord-harness.js';

let h: DiscordHarness;
beforeAll(async () => {
  h = await openDiscordHarness();
});
afterAll(async () => {
  await h.close();
});

describe('Discord: privacy in server channels', () => {
  it('moves a payment inquiry from the mention thread to the DMs, says so in the thread, and asks nothing personal there', async () => {
    const kim = h.userOf('U7');
    let mention: Json = {};
    await h.handled(1, () => {
      mention = h.fake.userMessage(kim, h.fake.ids.general, '결제가 두 번 됐어요. 주문번호 A-2026-777 확인해 주세요', { mentionBot: true });
    });
    const thread = h.botMessagesIn(mention.id as string);
    expect(textsOf(thread)).toContain('DM으로 이어갈게요');
    expect(textsOf(thread)).not.toMatch(/주문번호를|A-2026-777|언제부터/);
    expect(thread.every((m) => (m.choices ?? []).length === 0)).toBe(true);

    const dm = h.fake.dmChannelOf(kim.id);
    const inDm = h.botMessagesIn(dm);
    expect(textsOf(inDm)).toContain('공개 채널에서 말씀하신 문의를 여기 DM에서 이어갈게요');
    expect(textsOf(inDm)).toMatch(/언제부터/);

    // The answer in the DMs goes on with the form there.
    await h.handled(1, () => h.fake.userMessage(kim, dm, '오늘 오전 10시쯤이요'));
    expect(h.botMessagesIn(dm).length).toBeGreaterThan(inDm.length);
    expect(h.botMessagesIn(mention.id as string)).toHaveLength(thread.length);
  });
});

describe('Discord: a second problem while a case is open', () => {
  it('takes a reply to the receipt as written to the case, while /deskbot ask and the DM talk to the bot', async () => {
    const user = h.userOf('U21');
    const dm = h.fake.dmChannelOf(user.id);
    await h.userSays('U21', '앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요');
    await h.press('U21', 'not_solved');
    const first = findCaseIdInText(textsOf(await h.press('U21', 'confirm'))) as string;
    const receipt = h.fake.messagesIn(dm).find((m) => String(m.content).includes(first) && String(m.content).includes('접수')) as Json;
    expect(receipt).toBeDefined();

    // /deskbot ask (a new inquiry) while the case is open: the case stays open, the DM starts over.
    const shown = h.botMessagesIn(dm).length;
    await h.handled(1, () => h.fake.slash(user, dm, 'ask'));
    expect(textsOf(h.botMessagesIn(dm).slice(shown))).toMatch(new RegExp(`${first}[\\s\\S]*그대로 진행돼요[\\s\\S]*답장\\(Reply\\)`));

    // A reply to the receipt reaches the case's agents, in the case's thread.
    const thread = h.caseThread(first);
    const inThread = () => h.fake.messagesIn(thread?.id as string).map((m) => String(m.content)).join('\n');
    await h.handled(1, () => h.fake.userMessage(user, dm, '재부팅해도 알림이 안 와요', { replyTo: receipt.id as string }));
    expect(inThread()).toContain('재부팅해도 알림이 안 와요');
    expect(textsOf(h.botMessagesIn(dm).slice(-1))).toContain(`${first}의 상담원에게 전달했어요`);

    // A message that is not a reply talks to the bot: it is not relayed.
    await h.handled(1, () => h.fake.userMessage(user, dm, '비밀번호를 잊어버렸어요'));
    expect(textsOf(h.botMessagesIn(dm).slice(-1))).toContain('비밀번호');
    expect(inThread()).not.toContain('비밀번호를 잊어버렸어요');
  });
});
