/** Cross-platform: a Discord user served by agents on Slack, in one deskbot process running both real SDKs on the fakes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseIdInText } from '../../../src/cases/case-id.js';
import type { Json } from '../../fakes/discord/payloads.js';
import { choicesOn, visibleText } from '../../fakes/slack/payloads.js';
import type { SeenMessage } from '../harness.js';
import {
  AGENTS_CHANNEL,
  discordUserDriver,
  openTwoPlatforms,
  slackAgentPresses,
  slackAgentReplies,
  type TwoPlatforms,
  type UserDriver,
} from './two-platforms.js';

const texts = (msgs: SeenMessage[]) => msgs.map((m) => m.text).join('\n');

let tp: TwoPlatforms;
beforeAll(async () => {
  tp = await openTwoPlatforms(() => ({ default: { route: 'default', channel: 'slack', target: AGENTS_CHANNEL } }));
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
  expect(texts(summary)).toContain('Android 14');
  expect(summary.at(-1)?.choices).toEqual(['confirm', 'edit', 'cancel']);
  const receipt = texts(await user.press('confirm'));
  const caseId = findCaseIdInText(receipt);
  if (!caseId) throw new Error(`no case id in: ${receipt}`);
  return caseId;
}

/** Bot messages the fake Discord received for a channel (REST POST /channels/<id>/messages). */
const postsTo = (channelId: string) =>
  tp.discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`).map((r) => r.body as Json);

describe('a Discord user, agents on Slack (ROUTES default=slack:<agents channel>)', () => {
  it('carries the case from the Discord DM to the Slack agents channel and back, through rating', async () => {
    const user = discordUserDriver(tp, 'U1');
    const dm = tp.discordDm('U1');
    const caseId = await openCase(user);

    // The card is posted in the Slack agents' channel, and nothing of the case appears in the Discord server.
    const cardPost = tp.slack.callsOf('chat.postMessage').find((c) => c.args.channel === AGENTS_CHANNEL && String(c.args.text).includes(caseId));
    expect(cardPost).toBeDefined();
    const card = tp.slackCard(caseId)!;
    for (const part of [caseId, 'app.push', 'Android 14', '5.12.1', `discord \`${tp.discordUser('U1').id}\``]) expect(visibleText(card)).toContain(part);
    expect(choicesOn(card)).toContain(caseId);
    expect([...tp.discord.channels.values()].filter((c) => c.type === 11)).toEqual([]);

    await slackAgentPresses(tp, 'A1', caseId, 'claim');
    expect(texts(user.seen())).toContain('확인하기 시작');
    expect(visibleText(tp.slackCard(caseId)!)).toContain('claimed');

    await slackAgentReplies(tp, 'A1', caseId, '알림 권한을 한 번 껐다 켜 보시겠어요?');
    expect(postsTo(dm).at(-1)).toMatchObject({ content: expect.stringContaining('알림 권한을 한 번 껐다 켜 보시겠어요?'), allowed_mentions: { parse: [] } });
    expect(user.seen().at(-1)?.text).toContain('알림 권한을 한 번 껐다 켜 보시겠어요?');

    // The user's next message goes to the card's thread on Slack, and cannot ping anyone there.
    expect(await user.says('껐다 켜도 그대로예요 <!channel> @here <@U123>')).toEqual([]);
    const relay = tp.slackThread(caseId).at(-1)!;
    expect(visibleText(relay)).toContain('껐다 켜도 그대로예요');
    const raw = JSON.stringify([relay.text, relay.blocks]);
    expect(raw).not.toMatch(/<!channel>|<!here>|<@U123>/);
    expect(raw).not.toMatch(/(?<!\u2060)@here/);

    await slackAgentPresses(tp, 'A1', caseId, 'resolve');
    expect(user.seen().at(-1)?.choices).toEqual(['solved', 'not_solved']);
    expect((await user.press('solved')).at(-1)?.choices).toEqual(['rate:1', 'rate:2', 'rate:3', 'rate:4', 'rate:5']);
    await user.press('rate:4');
    expect(texts(await user.press('skip'))).toContain('종료했어요');

    const closed = tp.slackCard(caseId)!;
    expect(closed.edited).toBe(true);
    expect(visibleText(closed)).toContain('closed');
    expect(visibleText(closed)).toContain('4/5');
    expect((await tp.deskbot.store.cases.get(caseId))?.status).toBe('closed');
  });

  it('ignores an agent action for this case that arrives from Discord, whose agents do not serve the route', async () => {
    const user = discordUserDriver(tp, 'U2');
    const caseId = await openCase(user);
    const cardBefore = JSON.stringify(tp.slackCard(caseId));
    const userSeen = user.seen().length;
    const slackCalls = tp.slack.calls.length;

    // A Discord member with the agent role sends a Claim for the case (as a stale card or a modified client could).
    const elsewhere = tp.discord.userMessage(tp.discordUser('A9'), tp.discord.ids.agentsText, '이 케이스 제가 볼게요');
    await tp.discordHandled(1, () => tp.discord.interact(tp.discordUser('A9'), elsewhere.id as string, `case:claim:${caseId}`));

    expect(tp.slack.calls).toHaveLength(slackCalls);
    expect(JSON.stringify(tp.slackCard(caseId))).toBe(cardBefore);
    expect(user.seen()).toHaveLength(userSeen);
    expect(await tp.deskbot.store.cases.get(caseId)).toMatchObject({ status: 'open', assignee: null });

    // The Slack agents still can.
    await slackAgentPresses(tp, 'A2', caseId, 'claim');
    expect(texts(user.seen().slice(userSeen))).toContain('확인하기 시작');
    expect(await tp.deskbot.store.cases.get(caseId)).toMatchObject({ status: 'claimed', assignee: 'A2' });
  });
});
