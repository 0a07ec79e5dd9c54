/** Cross-platform: one process whose routes send some intents' cases to Slack agents and others to Discord agents. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseIdInText } from '../../../src/cases/case-id.js';
import type { Json } from '../../fakes/discord/payloads.js';
import { visibleText } from '../../fakes/slack/payloads.js';
import { seenOf } from '../discord/discord-harness.js';
import type { SeenMessage } from '../harness.js';
import {
  AGENTS_CHANNEL,
  discordAgentPresses,
  discordAgentReplies,
  discordCard,
  discordUserDriver,
  openTwoPlatforms,
  slackAgentPresses,
  slackAgentReplies,
  slackUserDriver,
  type TwoPlatforms,
  type UserDriver,
} from './two-platforms.js';

const texts = (msgs: SeenMessage[]) => msgs.map((m) => m.text).join('\n');

let tp: TwoPlatforms;
beforeAll(async () => {
  tp = await openTwoPlatforms((discord) => ({
    default: { route: 'default', channel: 'slack', target: AGENTS_CHANNEL },
    app: { route: 'app', channel: 'discord', target: discord.ids.agentsForum },
  }));
});
afterAll(async () => {
  await tp?.close();
});

/** Answers the detail questions and confirms; returns the case id from the receipt. */
async function confirmCase(user: UserDriver, details: string): Promise<string> {
  expect((await user.says(details)).at(-1)?.choices).toEqual(['confirm', 'edit', 'cancel']);
  const receipt = texts(await user.press('confirm'));
  const caseId = findCaseIdInText(receipt);
  if (!caseId) throw new Error(`no case id in: ${receipt}`);
  return caseId;
}

describe('ROUTES default=slack:<channel>, app=discord:<forum> in one process', () => {
  it('sends each case to the agents of its route, whatever platform the user is on, and keeps each side to its own cases', async () => {
    // A Discord user's report (route "policy", not configured) goes to the default route: Slack.
    const reporter = discordUserDriver(tp, 'U1');
    expect(texts(await reporter.says('불법 음란물 게시글 신고합니다'))).toContain('주소(URL)');
    const reportId = await confirmCase(reporter, 'https://cafe.example.com/board/123');
    // A Slack user's push problem (route "app") goes to the Discord forum.
    const pushed = slackUserDriver(tp, 'U2');
    await pushed.says('앱 푸시 알림이 안 와요');
    await pushed.press('not_solved');
    const pushId = await confirmCase(pushed, '갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요');

    expect(visibleText(tp.slackCard(reportId)!)).toContain('report.illegal_content');
    expect(tp.slackCard(pushId)).toBeUndefined();
    expect(discordCard(tp, reportId)).toBeUndefined();
    const forumPost = discordCard(tp, pushId)!;
    expect(tp.discord.channels.get(forumPost.threadId)?.parent_id).toBe(tp.discord.ids.agentsForum);
    expect(seenOf(forumPost.card).text).toContain('Android 14');
    expect((await tp.deskbot.store.cases.get(reportId))?.route).toBe('default');
    expect((await tp.deskbot.store.cases.get(pushId))?.route).toBe('app');

    await slackAgentPresses(tp, 'A1', reportId, 'claim');
    await slackAgentReplies(tp, 'A1', reportId, '신고 게시물을 검토하고 있어요.');
    expect(texts(reporter.seen())).toContain('신고 게시물을 검토하고 있어요.');
    await discordAgentPresses(tp, 'A2', pushId, 'claim');
    await discordAgentReplies(tp, 'A2', pushId, '알림 권한을 한 번 껐다 켜 보시겠어요?');
    expect(pushed.seen().at(-1)?.text).toContain('알림 권한을 한 번 껐다 켜 보시겠어요?');

    // A Discord agent re-labels a button of their own card with the Slack case's id: the takeover is ignored.
    const reporterSeen = reporter.seen().length;
    await tp.discordHandled(1, () => tp.discord.interact(tp.discordUser('A2'), forumPost.card.id as string, `case:claim:${reportId}`));
    expect(await tp.deskbot.store.cases.get(reportId)).toMatchObject({ status: 'claimed', assignee: 'A1' });
    expect(reporter.seen()).toHaveLength(reporterSeen);
    expect(visibleText(tp.slackCard(reportId)!)).not.toContain(tp.discordUser('A2').id);
    expect(await tp.deskbot.store.cases.get(pushId)).toMatchObject({ status: 'claimed', assignee: tp.discordUser('A2').id });
    const threadPosts = tp.discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${forumPost.threadId}/messages`);
    expect(threadPosts.map((r) => (r.body as Json).content).join('\n')).not.toContain(reportId);
  });
});
