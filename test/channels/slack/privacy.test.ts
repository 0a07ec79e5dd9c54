/** Slack: personal details are never asked in a channel; a payment question asked there goes on in the user's DM. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseIdInText } from '../../../src/cases/case-id.js';
import { asMention, channelEvent, dmEvent, dmOf } from '../../fakes/slack/payloads.js';
import { openSlackHarness, seen, type SlackHarness } from './slack-harness.js';

const texts = (msgs: Array<{ text: string }>) => msgs.map((m) => m.text).join('\n');

let h: SlackHarness;
beforeAll(async () => {
  h = await openSlackHarness();
});
afterAll(async () => {
  await h.close();
});

describe('Slack: privacy in public channels', () => {
  it('moves a payment inquiry from a channel thread to the DM, says so in the thread, and asks nothing personal there', async () => {
    const post = channelEvent('CGEN', 'U7', '<@UBOT> 결제가 두 번 됐어요. 주문번호 A-2026-777 확인해 주세요');
    await h.send.event(asMention(post));
    const thread = h.fake.messagesIn('CGEN').map(seen);
    expect(texts(thread)).toContain('DM으로 이어갈게요');
    // Nothing in the thread asks for or repeats a personal detail.
    expect(texts(thread)).not.toMatch(/주문번호를|아이디|A-2026-777|확인해 주세요\?/);
    expect(thread.every((m) => (m.choices ?? []).length === 0)).toBe(true);

    const dm = h.fake.messagesIn(dmOf('U7')).map(seen);
    expect(texts(dm)).toContain('공개 채널에서 말씀하신 문의를 여기 DM에서 이어갈게요');
    // The form goes on in the DM, with what the channel post already said (the order number is not asked again).
    expect(texts(dm)).not.toContain('주문번호를 알려');
    expect(texts(dm)).toMatch(/언제부터|아이디/);

    // The user answers in the DM, and the inquiry goes on there.
    const before = h.fake.messagesIn(dmOf('U7')).length;
    await h.send.event(dmEvent('U7', '오늘 오전 10시쯤이요'));
    expect(h.fake.messagesIn(dmOf('U7')).length).toBeGreaterThan(before);
    expect(h.fake.messagesIn('CGEN').map(seen)).toHaveLength(thread.length);
  });

  it('keeps an inquiry in progress in the DM, and says in the thread to finish it first', async () => {
    await h.userSays('U9', '앱 푸시 알림이 안 와요');
    await h.press('U9', 'not_solved');
    const dmBefore = h.fake.messagesIn(dmOf('U9')).length;
    const post = channelEvent('CGEN', 'U9', '<@UBOT> 결제가 두 번 됐어요');
    await h.send.event(asMention(post));
    const thread = h.fake.messagesIn('CGEN').filter((m) => m.thread_ts === post.ts).map(seen);
    expect(texts(thread)).toContain('DM에서 이미 진행 중인 문의가 있어요');
    expect(texts(thread)).not.toMatch(/언제부터|주문번호를/);
    expect(h.fake.messagesIn(dmOf('U9'))).toHaveLength(dmBefore);
    // The DM's inquiry goes on where it was.
    expect(texts(await h.userSays('U9', '갤럭시 S23이요'))).not.toContain('결제');
  });

  it('asks the user to write in a DM when none can be opened, and asks nothing personal in the thread', async () => {
    h.fake.failNext('conversations.open', { error: 'user_disabled' });
    const post = channelEvent('CGEN', 'U10', '<@UBOT> 결제가 두 번 됐어요');
    await h.send.event(asMention(post));
    const thread = h.fake.messagesIn('CGEN').filter((m) => m.thread_ts === post.ts).map(seen);
    expect(texts(thread)).toContain('저에게 DM으로 다시 말씀해 주세요');
    expect(texts(thread)).not.toMatch(/언제부터|주문번호를/);
    expect(h.fake.messagesIn(dmOf('U10'))).toHaveLength(0);
  });

  it('sends the status of the user\'s cases to their DM when they ask in a channel', async () => {
    await h.userSays('U12', '앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요');
    await h.press('U12', 'not_solved');
    const receipt = texts(await h.press('U12', 'confirm'));
    const caseId = findCaseIdInText(receipt) as string;
    const dmBefore = h.fake.messagesIn(dmOf('U12')).length;
    const post = channelEvent('CGEN', 'U12', '<@UBOT> 내 문의 어떻게 됐어요?');
    await h.send.event(asMention(post));
    const thread = h.fake.messagesIn('CGEN').filter((m) => m.thread_ts === post.ts).map(seen);
    expect(texts(thread)).toContain('DM으로 보내드렸어요');
    expect(texts(thread)).not.toContain(caseId);
    const dm = h.fake.messagesIn(dmOf('U12')).slice(dmBefore).map(seen);
    expect(texts(dm)).toContain('공개 채널에서 물어보신 문의 현황이에요');
    expect(texts(dm)).toContain(caseId);
    // The DM's own conversation is untouched: the case is still with its agent there.
    await h.userSays('U12', '재부팅해도 안 돼요');
    expect(texts(h.agentSide())).toContain('재부팅해도 안 돼요');
  });

  it('answers a general question in a channel thread as before', async () => {
    const post = channelEvent('CGEN', 'U8', '<@UBOT> 비밀번호를 잊어버렸어요');
    await h.send.event(asMention(post));
    const thread = h.fake.messagesIn('CGEN').filter((m) => m.thread_ts === post.ts).map(seen);
    expect(texts(thread)).toContain('비밀번호');
    expect(texts(thread)).not.toContain('DM으로');
    expect(h.fake.messagesIn(dmOf('U8'))).toHaveLength(0);
  });
});
