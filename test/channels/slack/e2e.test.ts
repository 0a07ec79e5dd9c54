/** Slack end to end: the real core, the real Bolt app and the fake Slack, asserting what users and agents see. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseIdInText } from '../../../src/cases/case-id.js';
import { createSlackAdapter } from '../../../src/channels/slack/slack-adapter.js';
import { loadConfig } from '../../../src/config.js';
import { startDeskbot } from '../../../src/main.js';
import { startFakeSlack } from '../../fakes/slack/fake-slack.js';
import {
  asMention,
  channelEvent,
  choicesOn,
  dmEvent,
  dmOf,
  eventEnvelope,
  homeOpenedEvent,
  pressPayload,
  signedPost,
  slashCommand,
  socketSender,
  visibleText,
} from '../../fakes/slack/payloads.js';
import { AGENTS_CHANNEL, openSlackHarness, seen, type SlackHarness } from './slack-harness.js';

const texts = (msgs: Array<{ text: string }>) => msgs.map((m) => m.text).join('\n');

// One bot for the HTTP-mode tests (each uses its own users and channels): starting the core is the slow part.
let h: SlackHarness;
beforeAll(async () => {
  h = await openSlackHarness();
});
afterAll(async () => {
  await h.close();
});

/** Opens a case for `user` and returns its id. */
async function openCase(harness: SlackHarness, user: string): Promise<string> {
  await harness.userSays(user, '앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요');
  await harness.press(user, 'not_solved');
  const receipt = texts(await harness.press(user, 'confirm'));
  const caseId = findCaseIdInText(receipt);
  if (!caseId) throw new Error(`no case id in: ${receipt}`);
  return caseId;
}

describe('Slack e2e: users', () => {
  it('answers an FAQ in a DM with solved / not solved buttons; a press updates the message and counts once', async () => {
    const replies = await h.userSays('U1', '비밀번호를 잊어버렸어요');
    expect(texts(replies)).toContain('비밀번호');
    expect(replies.at(-1)?.choices).toEqual(expect.arrayContaining(['solved', 'not_solved']));

    const asked = structuredClone(h.pressable('U1', 'solved')!);
    expect(texts(await h.press('U1', 'solved'))).toContain('다행이에요');
    const updated = h.fake.message(dmOf('U1'), asked.ts)!;
    expect(choicesOn(updated)).toEqual([]);
    expect(visibleText(updated)).toContain('✅');
    // A second click from a client that still shows the buttons changes nothing.
    const before = h.fake.messagesIn(dmOf('U1')).length;
    await h.send.interaction(pressPayload(asked, 'U1', 'not_solved'));
    expect(h.fake.messagesIn(dmOf('U1'))).toHaveLength(before);
  });

  it('answers a mention in a thread once (message + app_mention), and follows the thread', async () => {
    const post = channelEvent('CGEN', 'U2', '<@UBOT> 비밀번호를 잊어버렸어요');
    await h.send.event(post);
    await h.send.event(asMention(post));
    const thread = h.fake.messagesIn('CGEN');
    expect(thread.length).toBeGreaterThan(0);
    expect(thread.every((m) => m.thread_ts === post.ts)).toBe(true);
    expect(texts(thread.map(seen))).toContain('비밀번호');
    const answered = thread.length;
    expect(answered).toBe(h.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'CGEN').length);

    await h.send.event(channelEvent('CGEN', 'U2', 'I forgot my password', String(post.ts)));
    const more = h.fake.messagesIn('CGEN').slice(answered);
    expect(more.length).toBeGreaterThan(0);
    expect(more.every((m) => m.thread_ts === post.ts)).toBe(true);
    expect(texts(more.map(seen))).toMatch(/Did this solve/);

    // A press in the thread is answered in the same thread, and the pressed message loses its buttons.
    const asked = h.pressable('U2', 'solved', 'CGEN')!;
    const before = h.fake.messagesIn('CGEN').length;
    expect(await h.send.interaction(pressPayload(asked, 'U2', 'solved'))).toBe(200);
    const after = h.fake.messagesIn('CGEN').slice(before);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((m) => m.thread_ts === post.ts)).toBe(true);
    expect(texts(after.map(seen))).toMatch(/Glad that helped/);
    expect(choicesOn(h.fake.message('CGEN', asked.ts)!)).toEqual([]);
  });

  it('asks which topic was meant with buttons, and answers the one pressed', async () => {
    // A knowledge base of two mail intents: "my mail" could be either, so the bot asks instead of guessing.
    const fixtureDir = 'test/knowledge/fixtures/valid';
    const two = await openSlackHarness({ intentsDir: fixtureDir });
    try {
      const asked = (await two.userSays('U13', 'my mail')).at(-1)!;
      expect(asked.choices).toEqual(['intent:mail.spam', 'intent:mail.storage_full', 'none']);
      const offered = structuredClone(two.pressable('U13', 'intent:mail.storage_full')!);
      const answer = await two.press('U13', 'intent:mail.storage_full');
      expect(texts(answer)).toContain('Delete large attachments in your');
      expect(answer.at(-1)?.choices).toEqual(['solved', 'not_solved']);
      expect(choicesOn(two.fake.message(dmOf('U13'), offered.ts)!)).toEqual([]);
    } finally {
      await two.close();
    }
  });

  it('drops a retried event with the same event_id', async () => {
    const event = dmEvent('U5', '비밀번호를 잊어버렸어요');
    await h.send.event(event, { eventId: 'EvSame' });
    const once = h.fake.messagesIn(dmOf('U5')).length;
    await h.send.event(event, { eventId: 'EvSame', retryNum: 1 });
    await h.send.event(event, { eventId: 'EvOther' });
    expect(once).toBeGreaterThan(0);
    expect(h.fake.messagesIn(dmOf('U5'))).toHaveLength(once);
  });

  it('runs /deskbot help, status and new in the user DM, acknowledging a command from a channel privately', async () => {
    const help = await h.send.command(slashCommand('U6', 'CRANDOM', 'help'));
    expect(help.status).toBe(200);
    expect(JSON.parse(help.body)).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('DM') });
    expect(texts(h.userSide('U6'))).toMatch(/1:1 (문의|inquiry)/);
    expect(h.fake.messagesIn('CRANDOM')).toEqual([]);

    const caseId = await openCase(h, 'U6');
    const shown = h.userSide('U6').length;
    await h.send.command(slashCommand('U6', dmOf('U6'), 'status'));
    expect(texts(h.userSide('U6').slice(shown))).toContain(caseId);

    await h.userSays('U12', '앱 푸시 알림이 안 와요');
    const asked = h.userSide('U12').length;
    await h.send.command(slashCommand('U12', dmOf('U12'), 'new'));
    expect(texts(h.userSide('U12').slice(asked))).toMatch(/새 문의를 시작할게요|start a new inquiry/);
  });

  it('shows the user cases in App Home', async () => {
    const caseId = await openCase(h, 'U7');
    await h.send.event(homeOpenedEvent('U7'));
    const [call] = h.fake.callsOf('views.publish');
    expect(call.args.user_id).toBe('U7');
    expect(visibleText({ blocks: (call.args.view as { blocks: unknown[] }).blocks, text: '' })).toContain(caseId);
  });
});

describe('Slack e2e: handoff to agents', () => {
  it('carries a case from the user to the agents channel and back, through rating', async () => {
    const caseId = await openCase(h, 'U3');
    const card = h.cardOf(caseId)!;
    expect(card).toBeDefined();
    for (const part of [caseId, 'app.push', 'Android 14', '5.12.1']) expect(visibleText(card)).toContain(part);
    expect(choicesOn(card)).toContain(caseId);

    await h.agentDoes('A1', caseId, 'claim');
    expect(texts(h.userSide('U3'))).toContain('확인하기 시작');
    expect(visibleText(h.cardOf(caseId)!)).toContain('claimed');

    await h.agentDoes('A1', caseId, 'reply', '알림 권한을 한 번 껐다 켜 보시겠어요?');
    expect(texts(h.userSide('U3'))).toContain('알림 권한을 한 번 껐다 켜 보시겠어요?');

    // Slack sends what the user typed as @channel, @here, @everyone, @group and @someone as these entities.
    expect(await h.userSays('U3', '껐다 켜도 그대로예요 <!channel> <!here> <!everyone> <!subteam^S123|@agents> <@U123> *굵게* `코드`')).toEqual([]);
    const relay = h.fake.messagesIn(AGENTS_CHANNEL).filter((m) => m.thread_ts === card.ts).at(-1)!;
    expect(visibleText(relay)).toContain('껐다 켜도 그대로예요');
    const raw = JSON.stringify([relay.text, relay.blocks]);
    expect(raw).not.toMatch(/<!channel>|<!here>|<!everyone>|<!subteam|<@U123>/);
    expect(raw).not.toMatch(/(?<!\u2060)@(here|channel|everyone)/);

    await h.agentDoes('A1', caseId, 'resolve');
    expect(h.userSide('U3').at(-1)?.choices).toEqual(expect.arrayContaining(['solved', 'not_solved']));
    const rating = await h.press('U3', 'solved');
    expect(rating.at(-1)?.choices).toEqual(expect.arrayContaining(['rate:1', 'rate:5']));
    await h.press('U3', 'rate:4');
    await h.press('U3', 'skip');
    expect(visibleText(h.cardOf(caseId)!)).toContain('4/5');
  });

  it('records the files a user shares with the case (Slack file ids and permalinks) and shows them to agents', async () => {
    const screenshot = { id: 'F1SHOT', name: 'push-settings.png', permalink: 'https://fake.slack.com/files/U11/F1SHOT/push-settings.png' };
    await h.send.event(dmEvent('U11', '앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요', { subtype: 'file_share', files: [screenshot] }));
    await h.press('U11', 'not_solved');
    const caseId = findCaseIdInText(texts(await h.press('U11', 'confirm')))!;
    expect(caseId).toBeTruthy();
    expect((await h.deskbot.store.cases.get(caseId))?.files).toEqual([{ id: 'F1SHOT', name: 'push-settings.png', url: screenshot.permalink }]);
    expect(JSON.stringify(h.cardOf(caseId)!.blocks)).toContain(`<${screenshot.permalink}|push-settings.png>`);

    const log = { id: 'F2LOG', name: 'app.log', permalink: 'https://fake.slack.com/files/U11/F2LOG/app.log' };
    await h.send.event(dmEvent('U11', '로그도 보내요', { subtype: 'file_share', files: [log] }));
    expect((await h.deskbot.store.cases.get(caseId))?.files.map((f) => [f.id, f.url])).toEqual([
      ['F1SHOT', screenshot.permalink],
      ['F2LOG', log.permalink],
    ]);
    const relay = h.fake.messagesIn(AGENTS_CHANNEL).filter((m) => m.thread_ts === h.cardOf(caseId)!.ts).at(-1)!;
    expect(JSON.stringify(relay.blocks)).toContain(`<${log.permalink}|app.log>`);
  });

  it('refuses Claim and thread replies from someone outside the agents channel, ephemerally', async () => {
    const caseId = await openCase(h, 'U8');
    const card = h.cardOf(caseId)!;
    const userSeen = h.userSide('U8').length;
    await h.send.interaction(pressPayload(card, 'UOUTSIDER', caseId, 'case:claim'));
    await h.send.event(channelEvent(AGENTS_CHANNEL, 'UOUTSIDER', '제가 처리할게요', card.ts));
    expect(h.fake.callsOf('chat.postEphemeral').filter((c) => c.args.channel === AGENTS_CHANNEL).map((c) => c.args.user)).toEqual(['UOUTSIDER', 'UOUTSIDER']);
    expect(h.userSide('U8')).toHaveLength(userSeen);
    expect(visibleText(h.cardOf(caseId)!)).not.toContain('claimed');
  });
});

describe('Slack e2e: platform errors', () => {
  it('waits out a 429 and posts the reply exactly once', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const replies = await h.userSays('U9', '비밀번호를 잊어버렸어요');
    expect(texts(replies)).toContain('비밀번호');
    const posts = h.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === dmOf('U9'));
    expect(posts[0].status).toBe(429);
    expect(posts.filter((c) => c.status === 200)).toHaveLength(replies.length);
  });

  it('rejects a bad signature with 401 and posts nothing', async () => {
    const body = JSON.stringify(eventEnvelope(dmEvent('U10', '비밀번호를 잊어버렸어요')));
    const calls = h.fake.calls.length;
    const res = await signedPost(`http://127.0.0.1:${h.adapter.httpPort()}/slack/events`, 'not-the-secret', body, 'application/json');
    expect(res.status).toBe(401);
    expect(h.fake.calls).toHaveLength(calls);
  });
});

describe('Slack e2e: Socket Mode', () => {
  it('answers a DM through a Socket Mode connection', async () => {
    const fake = await startFakeSlack();
    const adapter = createSlackAdapter({ botToken: 'xoxb-socket', mode: 'socket', appToken: 'xapp-socket', port: 0, apiUrl: fake.apiUrl });
    const config = { ...loadConfig({}), routes: { default: { route: 'default', channel: 'slack' as const, target: AGENTS_CHANNEL } } };
    const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-slack-'));
    const deskbot = await startDeskbot({ adapters: [adapter], config, dataDir, intentsDir: 'intents', watch: false, tickEveryMs: 0 });
    try {
      await socketSender(fake).event(dmEvent('U1', 'I forgot my password'));
      await fake.waitForCall((c) => c.method === 'chat.postMessage' && Array.isArray(c.args.blocks) && JSON.stringify(c.args.blocks).includes('"actions"'));
      expect(texts(fake.messagesIn(dmOf('U1')).map(seen))).toMatch(/Did this solve/);
    } finally {
      await deskbot.stop();
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
