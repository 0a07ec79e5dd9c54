/** Discord: personal details are never asked in a server thread; a payment question asked there goes on in the user's DMs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('Discord: privacy in server channels', () => {
  it('moves a payment inquiry from the mention thread to the DMs, says so in the thread, and asks nothing personal there', async () => {
    const kim = h.userOf('U7');
    let mention: Json = {};
    await h.handled(1, () => {
      mention = h.fake.userMessage(kim, h.fake.ids.general, '결제가 두 번 됐어요. 주문번호 A-2026-777 확인해 주세요', { mentionBot: true });
    });
    const thread = h.botMessagesIn(mention.id as string);
    expect(texts(thread)).toContain('DM으로 이어갈게요');
    expect(texts(thread)).not.toMatch(/주문번호를|A-2026-777|언제부터/);
    expect(thread.every((m) => (m.choices ?? []).length === 0)).toBe(true);

    const dm = h.fake.dmChannelOf(kim.id);
    const inDm = h.botMessagesIn(dm);
    expect(texts(inDm)).toContain('공개 채널에서 말씀하신 문의를 여기 DM에서 이어갈게요');
    expect(texts(inDm)).toMatch(/언제부터/);

    // The answer in the DMs goes on with the form there.
    await h.handled(1, () => h.fake.userMessage(kim, dm, '오늘 오전 10시쯤이요'));
    expect(h.botMessagesIn(dm).length).toBeGreaterThan(inDm.length);
    expect(h.botMessagesIn(mention.id as string)).toHaveLength(thread.length);
  });
});
