/**
 * Discord: a second problem while a case is open. Discord DMs have no threads: a reply (Reply) to one of the case's
 * messages (its receipt, a [case] message) is written to the case; everything else in the DM talks to the bot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseIdInText } from '../../../src/cases/case-id.js';
import type { Json } from '../../fakes/discord/payloads.js';
import type { SeenMessage } from '../harness.js';
import { openDiscordHarness, type DiscordHarness } from './discord-harness.js';

const texts = (msgs: SeenMessage[]) => msgs.map((m) => m.text).join('\n');

let h: DiscordHarness;
beforeAll(async () => {
  h = await openDiscordHarness();
});
afterAll(async () => {
  await h.close();
});

describe('Discord: a second problem while a case is open', () => {
  it('takes a reply to the receipt as written to the case, while /deskbot ask and the DM talk to the bot', async () => {
    const user = h.userOf('U21');
    const dm = h.fake.dmChannelOf(user.id);
    await h.userSays('U21', '앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요');
    await h.press('U21', 'not_solved');
    const first = findCaseIdInText(texts(await h.press('U21', 'confirm'))) as string;
    const receipt = h.fake.messagesIn(dm).find((m) => String(m.content).includes(first) && String(m.content).includes('접수')) as Json;
    expect(receipt).toBeDefined();

    // /deskbot ask (a new inquiry) while the case is open: the case stays open, the DM starts over.
    const shown = h.botMessagesIn(dm).length;
    await h.handled(1, () => h.fake.slash(user, dm, 'ask'));
    expect(texts(h.botMessagesIn(dm).slice(shown))).toMatch(new RegExp(`${first}[\\s\\S]*그대로 진행돼요[\\s\\S]*답장\\(Reply\\)`));

    // A reply to the receipt reaches the case's agents, in the case's thread.
    const thread = h.caseThread(first);
    const inThread = () => h.fake.messagesIn(thread?.id as string).map((m) => String(m.content)).join('\n');
    await h.handled(1, () => h.fake.userMessage(user, dm, '재부팅해도 알림이 안 와요', { replyTo: receipt.id as string }));
    expect(inThread()).toContain('재부팅해도 알림이 안 와요');
    expect(texts(h.botMessagesIn(dm).slice(-1))).toContain(`${first}의 상담원에게 전달했어요`);

    // A message that is not a reply talks to the bot: it is not relayed.
    await h.handled(1, () => h.fake.userMessage(user, dm, '비밀번호를 잊어버렸어요'));
    expect(texts(h.botMessagesIn(dm).slice(-1))).toContain('비밀번호');
    expect(inThread()).not.toContain('비밀번호를 잊어버렸어요');
  });
});
