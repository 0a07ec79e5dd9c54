import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCaseIdInText } from '../../../src/cases/case-id.js';
import type { Json } from '../../fakes/discord/payloads.js';
import type { SeenMessage } from '../harness.js';
import { openDiscordHarness, seenOf, type DiscordHarness } from './discord-harness.js';

const texts = (msgs: SeenMessage[]) => msgs.map((m) => m.text).join('\n');

describe('Discord end to end (real discord.js client, real core, fake Discord)', () => {
  let h: DiscordHarness;
  beforeEach(async () => {
    h = await openDiscordHarness();
  });
  afterEach(async () => {
    await h.close();
  });
  const tagName = (id: string) =>
    ((h.fake.channels.get(h.fake.ids.agentsForum) as Json).available_tags as Array<{ id: string; name: string }>).find((t) => t.id === id)?.name;
  const botPosts = () => h.fake.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/(messages|threads)$/.test(r.path));

  it('answers a DM "비밀번호를 잊어버렸어요" with the password-reset answer and solved / not solved buttons', async () => {
    const replies = await h.userSays('U1', '비밀번호를 잊어버렸어요');
    expect(texts(replies)).toContain('비밀번호 찾기');
    expect(replies.at(-1)?.choices).toEqual(['solved', 'not_solved']);
    const dm = h.fake.dmChannelOf(h.userOf('U1').id);
    const asked = h.fake.messagesIn(dm).at(-1) as Json;
    expect(JSON.stringify(asked.components)).toContain('"custom_id":"choice:not_solved"');
    for (const post of botPosts()) expect((post.body as Json).allowed_mentions).toEqual({ parse: [] });
  });

  it('answers a mention in a thread on the message and keeps the conversation there', async () => {
    const lee = h.userOf('U5');
    let mention: Json = {};
    await h.handled(1, () => {
      mention = h.fake.userMessage(lee, h.fake.ids.general, '비밀번호를 잊어버렸어요', { mentionBot: true });
    });
    const threadId = mention.id as string;
    expect(h.fake.channels.get(threadId)).toMatchObject({ type: 11, parent_id: h.fake.ids.general, owner_id: h.fake.bot.id });
    const inThread = h.botMessagesIn(threadId);
    expect(texts(inThread)).toContain('비밀번호 찾기');
    expect(h.fake.messagesIn(h.fake.ids.general).filter((m) => (m.author as Json).id === h.fake.bot.id)).toEqual([]);

    const asked = h.fake.messagesIn(threadId).at(-1) as Json;
    await h.handled(1, () => h.fake.interact(lee, asked.id as string, 'choice:solved'));
    expect(texts(h.botMessagesIn(threadId))).toContain('다행이에요');
    await h.handled(1, () => h.fake.userMessage(lee, threadId, 'I forgot my password'));
    expect(texts(h.botMessagesIn(threadId).slice(-2))).toMatch(/Did this solve/);

    // The thread is readable by the whole channel: a status list goes to the user's DMs instead.
    const inThreadBefore = h.botMessagesIn(threadId).length;
    await h.handled(1, () => h.fake.slash(lee, threadId, 'status'));
    expect(h.botMessagesIn(threadId)).toHaveLength(inThreadBefore);
    expect(h.fake.messagesIn(h.fake.dmChannelOf(lee.id)).map((m) => m.content)).toContain('아직 접수하신 문의가 없어요.');
  });

  it('runs /deskbot help, status and ask: ephemeral acknowledgements, answers in the DM', async () => {
    const u = h.userOf('U6');
    const dm = h.fake.dmChannelOf(u.id);
    const help = h.fake.slash(u, dm, 'help');
    await h.handled(1, () => undefined);
    expect(h.fake.interactionResponses.get(help)?.[0]).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(texts(h.userSide('U6'))).toContain('1:1 문의');
    const before = h.userSide('U6').length;
    await h.handled(2, () => h.fake.slash(u, h.fake.ids.general, 'ask', { question: '비밀번호를 잊어버렸어요' }));
    expect(texts(h.userSide('U6').slice(before))).toContain('비밀번호 찾기');
    await h.handled(1, () => h.fake.slash(u, dm, 'status'));
    expect(h.userSide('U6').at(-1)?.text).toBe('아직 접수하신 문의가 없어요.');
  });

  it('records attachments with the case: on the card, in the store, and relayed with the user’s later files; /deskbot status lists the case', async () => {
    const u = h.userOf('U8');
    const dm = h.fake.dmChannelOf(u.id);
    const details = '앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요';
    await h.handled(1, () => h.fake.userMessage(u, dm, details, { files: ['push-settings.png'] }));
    await h.press('U8', 'not_solved');
    const caseId = findCaseIdInText(texts(await h.press('U8', 'confirm'))) as string;
    const threadId = h.caseThread(caseId)?.id as string;
    expect(seenOf(h.fake.messages.get(threadId) as Json).text).toMatch(/Files: \[push-settings\.png\]\(https:\/\/cdn\.example\/attachments\/\d+\/push-settings\.png\)/);

    await h.handled(1, () => h.fake.userMessage(u, dm, '', { files: ['error-log.txt'] }));
    const relay = h.fake.messagesIn(threadId).at(-1) as Json;
    expect(relay.content).toMatch(/📎 \[error-log\.txt\]\(<https:\/\/cdn\.example\/attachments\/\d+\/error-log\.txt>\)/);
    expect((await h.deskbot.store.cases.get(caseId))?.files.map((f) => f.name)).toEqual(['push-settings.png', 'error-log.txt']);

    await h.handled(1, () => h.fake.slash(u, dm, 'status'));
    expect(h.userSide('U8').at(-1)?.text).toContain(caseId);
  });

  it('carries a full handoff on Discord: forum post and tags, claim, relays both ways without pings, resolve, rating', async () => {
    await h.userSays('U3', '앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요');
    const confirm = await h.press('U3', 'not_solved');
    expect(confirm.at(-1)?.choices).toEqual(['confirm', 'edit', 'cancel']);
    const caseId = findCaseIdInText(texts(await h.press('U3', 'confirm'))) as string;
    expect(caseId).toBeTruthy();
    const thread = h.caseThread(caseId) as Json;
    expect((thread.applied_tags as string[]).map(tagName)).toEqual(['open']);
    const threadId = thread.id as string;
    expect(seenOf(h.fake.messages.get(threadId) as Json).text).toContain(caseId);

    await h.agentDoes('A1', caseId, 'claim');
    expect(texts(h.userSide('U3'))).toContain('확인하기 시작');
    expect((h.fake.channels.get(threadId)?.applied_tags as string[]).map(tagName)).toEqual(['claimed']);
    expect(seenOf(h.fake.messages.get(threadId) as Json).text).toContain(`claimed · <@${h.userOf('A1').id}>`);

    await h.agentDoes('A1', caseId, 'reply', '알림 권한을 한 번 껐다 켜 보시겠어요?');
    expect(texts(h.userSide('U3'))).toContain('알림 권한을 한 번 껐다 켜 보시겠어요?');
    expect(await h.userSays('U3', '그래도 안 돼요 @everyone <@&123> @here')).toEqual([]);
    const relay = h.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${threadId}/messages`).at(-1)?.body as Json;
    expect(relay.content).toContain('그래도 안 돼요 @\u200beveryone <\u200b@&123> @\u200bhere');
    expect(relay.allowed_mentions).toEqual({ parse: [] });

    await h.agentDoes('A1', caseId, 'resolve');
    expect((h.fake.channels.get(threadId)?.applied_tags as string[]).map(tagName)).toEqual(['Resolved']);
    expect(h.userSide('U3').at(-1)?.choices).toEqual(['solved', 'not_solved']);
    expect((await h.press('U3', 'solved')).at(-1)?.choices).toEqual(['rate:1', 'rate:2', 'rate:3', 'rate:4', 'rate:5']);
    await h.press('U3', 'rate:5');
    expect(texts(await h.press('U3', 'skip'))).toContain('종료했어요');
    expect(texts(h.agentSide())).toContain('5/5');
  });

  it('updates the card as the case moves: Verify on a hacked-account case, then Resolve', async () => {
    let replies = await h.userSays('U9', '계정 해킹됐어요');
    for (let i = 0; i < 5 && !replies.at(-1)?.choices.includes('confirm'); i++) replies = await h.press('U9', 'skip');
    const caseId = findCaseIdInText(texts(await h.press('U9', 'confirm'))) as string;
    const threadId = h.caseThread(caseId)?.id as string;
    const card = () => seenOf(h.fake.messages.get(threadId) as Json);
    expect(card().choices).toEqual(['claim', 'verify', 'resolve', 'close']);
    expect(card().text).toContain('Verification: pending');

    await h.agentDoes('A3', caseId, 'claim');
    await h.agentDoes('A3', caseId, 'verify');
    expect(card().text).toContain('Verification: verified');
    expect(card().choices).toEqual(['claim', 'resolve', 'close']);
    await h.agentDoes('A3', caseId, 'resolve');
    expect(card().text).toContain('Status: resolved');
    expect(card().choices).toEqual(['reopen', 'close']);
  });

  it('refuses Claim from a member without the agent role, ephemerally, and nothing changes', async () => {
    await h.userSays('U4', '앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요');
    await h.press('U4', 'not_solved');
    const caseId = findCaseIdInText(texts(await h.press('U4', 'confirm'))) as string;
    const threadId = h.caseThread(caseId)?.id as string;
    const userSeen = h.userSide('U4').length;
    const card = JSON.stringify(h.fake.messages.get(threadId));
    const refused = h.fake.interact(h.userOf('V1'), threadId, `case:claim:${caseId}`);
    await h.fake.waitFor(() => (h.fake.interactionResponses.get(refused)?.length ?? 0) > 1, 'the refusal');
    expect(h.fake.interactionResponses.get(refused)).toMatchObject([{ type: 6 }, { method: 'POST', flags: 64, content: expect.stringContaining('Only support agents') }]);
    expect(JSON.stringify(h.fake.messages.get(threadId))).toBe(card);
    expect(h.userSide('U4').length).toBe(userSeen);

    // A non-agent writing in the case thread is not relayed; the agent's message right after it is.
    await h.handled(1, () => {
      h.fake.userMessage(h.userOf('V1'), threadId, 'I am not an agent');
      h.fake.userMessage(h.userOf('A2'), threadId, '상담원 답변입니다');
    });
    const seen = texts(h.userSide('U4').slice(userSeen));
    expect(seen).toContain('상담원 답변입니다');
    expect(seen).not.toContain('I am not an agent');
  });

  it('resumes after a gateway disconnect mid-conversation: the press made while away is answered once, replays are dropped', async () => {
    const first = await h.userSays('U7', '비밀번호를 잊어버렸어요');
    h.fake.gateway.disconnect(4000, { replayLast: 6 });
    const second = await h.press('U7', 'not_solved');
    expect(second.length).toBeGreaterThan(0);
    const third = await h.userSays('U7', 'I forgot my password');
    expect(h.fake.gateway.stats).toMatchObject({ identifies: 1, resumes: 1 });
    expect(h.userSide('U7').length).toBe(first.length + second.length + third.length);
  });
});
