/**
 * Agents mark a reply in a case thread as a good answer: Slack's message shortcut and Discord's message command,
 * through the real adapters and the real core; non-agents and messages outside case threads are refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findCaseIdInText } from '../../src/cases/case-id.js';
import { channelEvent } from '../fakes/slack/payloads.js';
import type { ChannelHarness } from './harness.js';
import { openDiscordHarness, type DiscordHarness } from './discord/discord-harness.js';
import { AGENTS_CHANNEL, openSlackHarness, type SlackHarness } from './slack/slack-harness.js';

type Json = Record<string, unknown>;

async function openCase(h: ChannelHarness, user: string): Promise<string> {
  await h.userSays(user, '앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요');
  await h.press(user, 'not_solved');
  return findCaseIdInText((await h.press(user, 'confirm')).map((m) => m.text).join('\n')) as string;
}

const ANSWER = '설정 > 알림에서 deskbot 알림을 껐다 켜 주세요';

let slack: SlackHarness | undefined;
let discord: DiscordHarness | undefined;
afterEach(async () => {
  await slack?.close();
  await discord?.close();
  slack = discord = undefined;
});

describe('suggest as answer', () => {
  it('on Slack: the message shortcut on an agent’s reply saves it with the case; others are refused', async () => {
    const h = (slack = await openSlackHarness());
    const caseId = await openCase(h, 'U1');
    await h.agentDoes('A1', caseId, 'reply', ANSWER);
    const card = h.cardOf(caseId) as { ts: string };
    const reply = h.fake.messagesIn(AGENTS_CHANNEL).find((m) => m.thread_ts === card.ts && m.text === ANSWER) ?? { ts: channelEvent(AGENTS_CHANNEL, 'A1', ANSWER, card.ts).ts as string, text: ANSWER };
    const shortcut = (user: string, message: Json) => ({ type: 'message_action', callback_id: 'deskbot_suggest_answer', trigger_id: 't1', team: { id: 'T1' }, user: { id: user }, channel: { id: AGENTS_CHANNEL }, message });
    await h.send.interaction(shortcut('A1', { ts: reply.ts, thread_ts: card.ts, text: ANSWER }));
    expect((await h.deskbot.store.cases.get(caseId))?.suggestions).toEqual([expect.objectContaining({ by: 'A1', text: ANSWER })]);
    expect(h.fake.messagesIn(AGENTS_CHANNEL).some((m) => m.thread_ts === card.ts && String(m.text).includes('Saved as a suggested answer for app.push'))).toBe(true);

    await h.send.interaction(shortcut('V9', { ts: reply.ts, thread_ts: card.ts, text: 'not mine' }));
    await h.send.interaction(shortcut('A1', { ts: '1700000000.000001', text: 'a post outside any case' }));
    expect(h.fake.callsOf('chat.postEphemeral').map((c) => [c.args.user, c.args.text])).toEqual([
      ['V9', expect.stringContaining('Only support agents can act on cases')],
      ['A1', 'Only a message in a case thread can be suggested as an answer.'],
    ]);
    expect((await h.deskbot.store.cases.get(caseId))?.suggestions).toHaveLength(1);
  });

  it('on Discord: the message command on an agent’s reply saves it with the case; others are refused', async () => {
    const h = (discord = await openDiscordHarness());
    const caseId = await openCase(h, 'U1');
    await h.agentDoes('A1', caseId, 'reply', ANSWER);
    const threadId = h.caseThread(caseId)?.id as string;
    const reply = h.fake.messagesIn(threadId).find((m) => m.content === ANSWER) as Json;
    const run = async (who: string, messageId: string, channelId = threadId) => {
      const id = h.fake.messageCommand(h.userOf(who), channelId, messageId, 'Suggest as answer');
      return h.fake.waitFor(() => (h.fake.interactionResponses.get(id)?.length ?? 0) > 1 && h.fake.interactionResponses.get(id), 'the answer');
    };
    expect(await run('A1', reply.id as string)).toMatchObject([{ type: 5, data: { flags: 64 } }, { method: 'PATCH', content: 'Saved as a suggested answer.' }]);
    expect((await h.deskbot.store.cases.get(caseId))?.suggestions).toEqual([expect.objectContaining({ text: ANSWER })]);
    expect((await run('V9', reply.id as string))[1]).toMatchObject({ content: expect.stringContaining('Only support agents can act on cases') });
    expect((await h.deskbot.store.cases.get(caseId))?.suggestions).toHaveLength(1);
  });
});
