/**
 * Slack: conversations that follow the person. Personal details are never asked in public (a private
 * inquiry started in a channel goes on in the user's DM), and a case does not take the DM over (a second problem
 * while a case is open).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseIdInText } from '../../../src/cases/case-id.js';
import { asMention, channelEvent, dmEvent, dmOf, slashCommand } from '../../fakes/slack/payloads.js';
import { textsOf } from '../harness.js';
import { AGENTS_CHANNEL, openSlackHarness, seen, type SlackHarness } from './slack-harness.js';

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
    expect(textsOf(thread)).toContain('DM으로 이어갈게요');
    // Nothing in the thread asks for or repeats a personal detail.
    expect(textsOf(thread)).not.toMatch(/주문번호를|아이디|A-2026-777|확인해 주세요\?/);
    expect(thread.every((m) => (m.choices ?? []).length === 0)).toBe(true);

    const dm = h.fake.messagesIn(dmOf('U7')).map(seen);
    expect(textsOf(dm)).toContain('공개 채널에서 말씀하신 문의를 여기 DM에서 이어갈게요');
    // The form goes on in the DM, with what the channel post already said (the order number is not asked again).
    expect(textsOf(dm)).not.toContain('주문번호를 알려');
    expect(textsOf(dm)).toMatch(/언제부터|아이디/);

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
    expect(textsOf(thread)).toContain('DM에서 이미 진행 중인 문의가 있어요');
    expect(textsOf(thread)).not.toMatch(/언제부터|주문번호를/);
    expect(h.fake.messagesIn(dmOf('U9'))).toHaveLength(dmBefore);
    // The DM's inquiry goes on where it was.
    expect(textsOf(await h.userSays('U9', '갤럭시 S23이요'))).not.toContain('결제');
  });

  it('asks the user to write in a DM when none can be opened, and asks nothing personal in the thread', async () => {
    h.fake.failNext('conversations.open', { error: 'user_disabled' });
    const post = channelEvent('CGEN', 'U10', '<@UBOT> 결제가 두 번 됐어요');
    await h.send.event(asMention(post));
    const thread = h.fake.messagesIn('CGEN').filter((m) => m.thread_ts === post.ts).map(seen);
    expect(textsOf(thread)).toContain('저에게 DM으로 다시 말씀해 주세요');
    expect(textsOf(thread)).not.toMatch(/언제부터|주문번호를/);
    expect(h.fake.messagesIn(dmOf('U10'))).toHaveLength(0);
  });

  it('sends the status of the user\'s cases to their DM when they ask in a channel', async () => {
    await h.userSays('U12', '앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요');
    await h.press('U12', 'not_solved');
    const receipt = textsOf(await h.press('U12', 'confirm'));
    const caseId = findCaseIdInText(receipt) as string;
    const dmBefore = h.fake.messagesIn(dmOf('U12')).length;
    const post = channelEvent('CGEN', 'U12', '<@UBOT> 내 문의 어떻게 됐어요?');
    await h.send.event(asMention(post));
    const thread = h.fake.messagesIn('CGEN').filter((m) => m.thread_ts === post.ts).map(seen);
    expect(textsOf(thread)).toContain('DM으로 보내드렸어요');
    expect(textsOf(thread)).not.toContain(caseId);
    const dm = h.fake.messagesIn(dmOf('U12')).slice(dmBefore).map(seen);
    expect(textsOf(dm)).toContain('공개 채널에서 물어보신 문의 현황이에요');
    expect(textsOf(dm)).toContain(caseId);
    // The DM's own conversation is untouched: the case is still with its agent there.
    await h.userSays('U12', '재부팅해도 안 돼요');
    expect(textsOf(h.agentSide())).toContain('재부팅해도 안 돼요');
  });

  it('answers a general question in a channel thread as before', async () => {
    const post = channelEvent('CGEN', 'U8', '<@UBOT> 비밀번호를 잊어버렸어요');
    await h.send.event(asMention(post));
    const thread = h.fake.messagesIn('CGEN').filter((m) => m.thread_ts === post.ts).map(seen);
    expect(textsOf(thread)).toContain('비밀번호');
    expect(textsOf(thread)).not.toContain('DM으로');
    expect(h.fake.messagesIn(dmOf('U8'))).toHaveLength(0);
  });
});

describe('Slack: a second problem while a case is open', () => {
  it('keeps the case in its receipt thread, answers other questions in the DM, and opens a second case', async () => {
    await h.userSays('U21', '앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요');
    await h.press('U21', 'not_solved');
    const receiptText = textsOf(await h.press('U21', 'confirm'));
    const first = findCaseIdInText(receiptText) as string;
    const receipt = h.fake.messagesIn(dmOf('U21')).find((m) => m.text.includes(first) && m.text.includes('접수'));
    expect(receipt).toBeDefined();

    // /deskbot new while the case is open: the case stays open, the DM starts over.
    const before = h.userSide('U21').length;
    await h.send.command(slashCommand('U21', dmOf('U21'), 'new'));
    expect(textsOf(h.userSide('U21').slice(before))).toMatch(new RegExp(`${first}.*그대로 진행돼요[\\s\\S]*스레드에 답글[\\s\\S]*새 문의를 시작할게요`));

    // A reply in the receipt's thread is written to the case: its agent gets it in the card's thread.
    const card = h.cardOf(first);
    const inCardThread = () => h.fake.messagesIn(AGENTS_CHANNEL).filter((m) => m.thread_ts === card?.ts);
    const relayed = inCardThread().length;
    await h.send.event(dmEvent('U21', '재부팅해도 알림이 안 와요', { thread_ts: receipt?.ts }));
    expect(textsOf(inCardThread().slice(relayed))).toContain('재부팅해도 알림이 안 와요');

    // The DM itself talks to the bot: a new problem becomes a second case.
    expect(textsOf(await h.userSays('U21', '결제가 두 번 됐어요'))).toContain('결제');
    await h.userSays('U21', 'ORD-2026-9999');
    await h.userSays('U21', '오늘 아침 8시');
    await h.userSays('U21', 'minji_k');
    const second = findCaseIdInText(textsOf(await h.press('U21', 'confirm')));
    expect(second).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    expect(second).not.toBe(first);

    // The first case's agent answers: the user sees which case it is about.
    await h.send.event(channelEvent(AGENTS_CHANNEL, 'A1', '설정에서 알림 권한을 확인해 주세요', card?.ts));
    expect(textsOf(h.userSide('U21').slice(-1))).toContain(`[${first}] 상담원: 설정에서 알림 권한을 확인해 주세요`);
  });
});
