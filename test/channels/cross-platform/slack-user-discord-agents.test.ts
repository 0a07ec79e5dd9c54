/** Cross-platform: a Slack user served by agents on Discord, in one deskbot process running both real SDKs on the fakes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseIdInText } from '../../../src/cases/case-id.js';
import type { Json } from '../../fakes/discord/payloads.js';
import type { FakeMessage } from '../../fakes/slack/fake-slack.js';
import { pressPayload } from '../../fakes/slack/payloads.js';
import { seenOf } from '../discord/discord-harness.js';
import type { SeenMessage } from '../harness.js';
import {
  AGENTS_CHANNEL,
  discordAgentPresses,
  discordAgentReplies,
  discordCard,
  discordPressAnswer,
  openTwoPlatforms,
  slackUserDriver,
  type TwoPlatforms,
  type UserDriver,
} from './two-platforms.js';

const texts = (msgs: SeenMessage[]) => msgs.map((m) => m.text).join('\n');

let tp: TwoPlatforms;
beforeAll(async () => {
  // Agents work in a plain text channel here: each card is a message with a thread started on it.
  tp = await openTwoPlatforms((discord) => ({ default: { route: 'default', channel: 'discord', target: discord.ids.agentsText } }));
});
afterAll(async () => {
  await tp?.close();
});

/** FAQ → not solved → details → confirm; returns the case id from the receipt. */
async function openCase(user: UserDriver): Promise<string> {
  const faq = await user.says('앱 푸시 알림이 안 와요');
  expect(texts(faq)).toContain('알림 설정');
  expect(faq.at(-1)?.choices).toEqual(['solved', 'not_solved']);
  expect(texts(await user.press('not_solved'))).toContain('어떤 기기');
  const summary = await user.says('갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요');
  expect(summary.at(-1)?.choices).toEqual(['confirm', 'edit', 'cancel']);
  const receipt = texts(await user.press('confirm'));
  const caseId = findCaseIdInText(receipt);
  if (!caseId) throw new Error(`no case id in: ${receipt}`);
  return caseId;
}

/** The case card as it looks in Discord now. */
const cardOf = (caseId: string) => {
  const found = discordCard(tp, caseId);
  if (!found) throw new Error(`no Discord card for ${caseId}`);
  return found;
};

describe('a Slack user, agents on Discord (ROUTES default=discord:<agents text channel>)', () => {
  it('carries the case from the Slack DM to a Discord card and its thread and back; only agents can act', async () => {
    const user = slackUserDriver(tp, 'U1');
    const caseId = await openCase(user);

    const { card, threadId } = cardOf(caseId);
    expect(card.channel_id).toBe(tp.discord.ids.agentsText);
    expect(tp.discord.channels.get(threadId)).toMatchObject({ type: 11, parent_id: tp.discord.ids.agentsText });
    const shown = seenOf(card);
    for (const part of [caseId, 'app.push', 'Android 14', '5.12.1', '민지 on slack']) expect(shown.text).toContain(part);
    expect(shown.choices).toEqual(expect.arrayContaining(['claim', 'resolve']));
    expect(tp.slack.messagesIn(AGENTS_CHANNEL)).toEqual([]);

    // A member without the agent role is refused privately; the card and the user see nothing of it.
    const before = JSON.stringify(card);
    const userSeen = user.seen().length;
    const refusal = await discordPressAnswer(tp, 'V1', card.id as string, `case:claim:${caseId}`);
    expect(refusal).toMatchObject([{ type: 6 }, { method: 'POST', flags: 64, content: expect.stringContaining('Only support agents') }]);
    expect(JSON.stringify(cardOf(caseId).card)).toBe(before);
    expect(user.seen()).toHaveLength(userSeen);
    expect(await tp.deskbot.store.cases.get(caseId)).toMatchObject({ status: 'open', assignee: null });

    await discordAgentPresses(tp, 'A1', caseId, 'claim');
    expect(texts(user.seen().slice(userSeen))).toContain('확인하기 시작');
    expect(seenOf(cardOf(caseId).card).text).toContain(`claimed · <@${tp.discordUser('A1').id}>`);

    await discordAgentReplies(tp, 'A1', caseId, '알림 권한을 한 번 껐다 켜 보시겠어요?');
    expect(user.seen().at(-1)?.text).toContain('알림 권한을 한 번 껐다 켜 보시겠어요?');

    // The user's next message is relayed into the case thread, unable to ping anyone there
    // (Slack sends "@everyone @here" as <!everyone> <!here>, and a typed "<" as &lt;).
    expect(await user.says('그래도 안 돼요 <!everyone> <!here> &lt;@&amp;123&gt;')).toEqual([]);
    const relay = tp.discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${threadId}/messages`).at(-1)?.body as Json;
    expect(relay.content).toContain('그래도 안 돼요 @\u200beveryone @\u200bhere <\u200b@&123>');
    expect(relay.allowed_mentions).toEqual({ parse: [] });

    await discordAgentPresses(tp, 'A1', caseId, 'resolve');
    expect(user.seen().at(-1)?.choices).toEqual(['solved', 'not_solved']);
    expect((await user.press('solved')).at(-1)?.choices).toEqual(['rate:1', 'rate:2', 'rate:3', 'rate:4', 'rate:5']);
    await user.press('rate:5');
    expect(texts(await user.press('skip'))).toContain('종료했어요');
    const closed = seenOf(cardOf(caseId).card);
    expect(closed.text).toContain('closed');
    expect(closed.text).toContain('5/5');
  });

  it('ignores an agent action for this case that arrives from Slack, whose agents do not serve the route', async () => {
    const user = slackUserDriver(tp, 'U2');
    const caseId = await openCase(user);
    const before = JSON.stringify(cardOf(caseId).card);
    const userSeen = user.seen().length;
    const discordRequests = tp.discord.requests.length;

    // A member of the Slack agents' channel presses a Claim carrying this case (as a stale card or a crafted payload would).
    const forged: FakeMessage = {
      channel: AGENTS_CHANNEL,
      ts: '1700009999.000100',
      text: `Case ${caseId}`,
      user: tp.slack.botUserId,
      bot_id: tp.slack.botId,
      edited: false,
      blocks: [{ type: 'actions', block_id: 'deskbot_case', elements: [{ type: 'button', action_id: 'case:claim', value: caseId, text: { type: 'plain_text', text: 'Claim' } }] }],
    };
    expect(await tp.send.interaction(pressPayload(forged, 'A1', caseId, 'case:claim'))).toBe(200);

    expect(tp.slack.callsOf('chat.postEphemeral')).toEqual([]);
    expect(tp.discord.requests).toHaveLength(discordRequests);
    expect(JSON.stringify(cardOf(caseId).card)).toBe(before);
    expect(user.seen()).toHaveLength(userSeen);
    expect(await tp.deskbot.store.cases.get(caseId)).toMatchObject({ status: 'open', assignee: null });

    // The Discord agents still can.
    await discordAgentPresses(tp, 'A2', caseId, 'claim');
    expect(texts(user.seen().slice(userSeen))).toContain('확인하기 시작');
    expect(await tp.deskbot.store.cases.get(caseId)).toMatchObject({ status: 'claimed', assignee: tp.discordUser('A2').id });
  });
});
