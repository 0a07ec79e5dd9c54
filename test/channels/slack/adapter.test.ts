/** The Slack adapter on the real Bolt app against the fake Slack, with recording handlers in place of the core. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_CHOICES, type PostedCard } from '../../../src/channels/contract.js';
import {
  asMention,
  channelEvent,
  choicesOn,
  dmEvent,
  dmOf,
  homeOpenedEvent,
  pressPayload,
  signedPost,
  slashCommand,
  visibleText,
  eventEnvelope,
} from '../../fakes/slack/payloads.js';
import { createSlackAdapter } from '../../../src/channels/slack/slack-adapter.js';
import { startFakeSlack } from '../../fakes/slack/fake-slack.js';
import { AGENTS, APP_TOKEN, BOT_TOKEN, openSlackFixture, sampleCase, type SlackFixture } from './fixture.js';


let f: SlackFixture;
afterEach(async () => {
  await f?.close();
});

describe('Slack adapter: users', () => {
  it('turns a DM into a message of the DM conversation, with the user name', async () => {
    f = await openSlackFixture();
    const event = dmEvent('U1', '비밀번호를 잊어버렸어요 &amp; 로그인 &lt;안 돼요&gt;');
    expect(await f.send.event(event)).toBe(200);
    expect(f.messages).toHaveLength(1);
    expect(f.messages[0]).toMatchObject({
      id: `D1:${event.ts}`,
      channel: 'slack',
      conversationId: 'D1',
      user: { id: 'U1', name: '민지', isBot: false },
      text: '비밀번호를 잊어버렸어요 & 로그인 <안 돼요>',
    });
  });

  it('gives every copy of a post (a retried event; message and app_mention) the same id and conversation, which the core drops duplicates by', async () => {
    f = await openSlackFixture();
    const event = dmEvent('U1', '안녕하세요');
    await f.send.event(event, { eventId: 'Ev1' });
    await f.send.event(event, { eventId: 'Ev1', retryNum: 1 });
    const dm = { id: `D1:${event.ts}`, conversationId: 'D1', text: '안녕하세요' };
    expect(f.messages).toEqual([expect.objectContaining(dm), expect.objectContaining(dm)]);

    const post = channelEvent('CGEN', 'U2', '<@UBOT> 환불 문의요');
    await f.send.event(post, { eventId: 'Ev2' });
    await f.send.event(asMention(post), { eventId: 'Ev3' });
    const mention = { id: `CGEN:${post.ts}`, conversationId: `CGEN:${post.ts}`, text: '환불 문의요' };
    expect(f.messages.slice(2)).toEqual([expect.objectContaining(mention), expect.objectContaining(mention)]);
  });

  it('follows threads the bot takes part in, and ignores other channel traffic, bots and edits', async () => {
    f = await openSlackFixture();
    const mention = asMention(channelEvent('CGEN', 'U2', '<@UBOT> 도와주세요'));
    await f.send.event(mention);
    await f.send.event(channelEvent('CGEN', 'U2', '스레드 답장이에요', String(mention.ts)));
    await f.send.event(channelEvent('CGEN', 'U2', '그냥 잡담'));
    await f.send.event(channelEvent('CGEN', 'U2', '남의 스레드', '1700000099.000100'));
    await f.send.event(dmEvent('U1', '봇이 보낸 글', { bot_id: 'B999' }));
    await f.send.event(dmEvent('U1', '고친 글', { subtype: 'message_changed' }));
    await f.send.event(dmEvent('UBOT', '내가 보낸 글'));
    expect(f.messages.map((m) => [m.conversationId, m.text])).toEqual([
      [`CGEN:${mention.ts}`, '도와주세요'],
      [`CGEN:${mention.ts}`, '스레드 답장이에요'],
    ]);
    // An unknown thread was looked up once (e.g. after a restart) and found not to be the bot's.
    expect(f.fake.callsOf('conversations.replies')).toHaveLength(1);
  });

  it('answers in the thread of a mention and keeps files as permalinks', async () => {
    f = await openSlackFixture();
    const mention = asMention(channelEvent('CGEN', 'U2', '<@UBOT> 스크린샷이에요', undefined, {
      files: [{ id: 'F1', name: 'error.png', permalink: 'https://fake.slack.com/files/U2/F1/error.png' }],
    }));
    await f.send.event(mention);
    expect(f.messages[0].files).toEqual([{ id: 'F1', name: 'error.png', url: 'https://fake.slack.com/files/U2/F1/error.png' }]);
    await f.adapter.deliver({ to: 'user', address: { channel: 'slack', conversationId: f.messages[0].conversationId, userId: 'U2' }, message: { text: '확인했어요' } });
    const [reply] = f.fake.messagesIn('CGEN');
    expect(reply).toMatchObject({ thread_ts: mention.ts, text: '확인했어요' });
  });

  it('offers choices as buttons; a press updates the message once and reaches the core once', async () => {
    f = await openSlackFixture();
    await f.adapter.deliver({
      to: 'user',
      address: { channel: 'slack', conversationId: 'D1', userId: 'U1' },
      message: { text: '도움이 되었나요?', choices: [{ value: 'solved', label: '해결됐어요' }, { value: 'not_solved', label: '아직이요' }] },
    });
    // A copy: the second press below comes from a client that still shows the old buttons (a double click).
    const asked = structuredClone(f.fake.messagesIn('D1')[0]);
    expect(choicesOn(asked)).toEqual(['solved', 'not_solved']);
    const press = pressPayload(asked, 'U1', 'not_solved');
    expect(await f.send.interaction(press)).toBe(200);
    expect(f.messages).toEqual([expect.objectContaining({ conversationId: 'D1', choice: 'not_solved', text: '아직이요', user: expect.objectContaining({ id: 'U1' }) })]);
    const after = f.fake.message('D1', asked.ts);
    expect(choicesOn(after!)).toEqual([]);
    expect(visibleText(after!)).toContain('아직이요');
    await f.send.interaction(pressPayload(asked, 'U1', 'solved'));
    expect(f.messages).toHaveLength(1);
    expect(f.fake.callsOf('chat.update')).toHaveLength(1);
  });

  it('takes odd input without failing: no text, huge text, control and zero-width characters, a press without a message', async () => {
    f = await openSlackFixture();
    await f.send.event(dmEvent('U1', '', { subtype: 'file_share', files: [{ id: 'F9', name: 'log.txt', permalink: 'https://fake.slack.com/files/F9' }] }));
    await f.send.event(dmEvent('U1', `\u0000\u200B${'😀'.repeat(50_000)}`));
    await f.send.event({ type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', ts: '1800000999.000001' });
    expect(await f.send.interaction({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'choice:0', value: 'x' }], team: { id: 'T1' }, api_app_id: 'A1', token: 't' })).toBe(200);
    expect(f.messages.map((m) => m.text.length)).toEqual([0, 100_002, 0]);
    expect(f.messages[0].files).toEqual([{ id: 'F9', name: 'log.txt', url: 'https://fake.slack.com/files/F9' }]);
  });

  it('offers more than five choices as one select menu', async () => {
    f = await openSlackFixture();
    const choices = Array.from({ length: 7 }, (_, i) => ({ value: `rate:${i}`, label: `${i}점` }));
    await f.adapter.deliver({ to: 'user', address: { channel: 'slack', conversationId: 'D1', userId: 'U1' }, message: { text: '몇 점인가요?', choices } });
    const [asked] = f.fake.messagesIn('D1');
    const actions = asked.blocks.find((b) => (b as { type: string }).type === 'actions') as { elements: Array<{ type: string }> };
    expect(actions.elements.map((e) => e.type)).toEqual(['static_select']);
    await f.send.interaction(pressPayload(asked, 'U1', 'rate:5'));
    expect(f.messages[0]).toMatchObject({ choice: 'rate:5', text: '5점' });
  });

  it('splits long text within Slack limits', async () => {
    f = await openSlackFixture();
    const text = `${'가나다라 마바사 '.repeat(6000)}<끝>`;
    await f.adapter.deliver({ to: 'user', address: { channel: 'slack', conversationId: 'D1', userId: 'U1' }, message: { text, choices: [{ value: 'ok', label: 'OK' }] } });
    const posts = f.fake.callsOf('chat.postMessage').map((c) => c.args as { text: string; blocks: Array<{ type: string; text?: { text: string } }> });
    expect(posts.length).toBeGreaterThan(1);
    for (const p of posts) {
      expect(p.text.length).toBeLessThanOrEqual(40_000);
      expect(p.blocks.length).toBeLessThanOrEqual(50);
      for (const b of p.blocks) if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    }
    expect(choicesOn(f.fake.messagesIn('D1').at(-1)!)).toEqual(['ok']);
    expect(posts.map((p) => p.text).join('')).toContain('&lt;끝&gt;');
  });

  it('runs /deskbot in the user DM with the command choice', async () => {
    f = await openSlackFixture();
    const res = await f.send.command(slashCommand('U1', 'CGEN', 'status'));
    expect(res.status).toBe(200);
    expect(res.body).toContain('DM');
    await f.send.command(slashCommand('U1', dmOf('U1'), 'nonsense'));
    expect(f.messages.map((m) => [m.conversationId, m.choice])).toEqual([
      ['D1', COMMAND_CHOICES.status],
      ['D1', COMMAND_CHOICES.help],
    ]);
  });

  it('publishes the App Home with the user cases', async () => {
    f = await openSlackFixture();
    f.cases.push(sampleCase(), sampleCase({ id: 'ZZZ-111', status: 'closed', summary: '환불 <!here>' }));
    await f.send.event(homeOpenedEvent('U1'));
    const [call] = f.fake.callsOf('views.publish');
    expect(call.args.user_id).toBe('U1');
    const shown = visibleText({ blocks: (call.args.view as { blocks: unknown[] }).blocks, text: '' });
    expect(shown).toContain('K7P-4QX');
    expect(shown).toContain('ZZZ-111');
    expect(JSON.stringify(call.args.view)).not.toContain('<!here>');
  });
});

describe('Slack adapter: agents', () => {
  it('posts a case card, updates it, and threads relays and notices under it', async () => {
    f = await openSlackFixture();
    const destination = { route: 'default', channel: 'slack' as const, target: AGENTS };
    const posted = await f.adapter.deliver({ to: 'agents', destination, message: { kind: 'card', case: sampleCase(), update: false } });
    const [card] = f.fake.messagesIn(AGENTS);
    // The link is Slack's own permalink for the card message, asked for once the card is posted.
    expect(posted).toEqual({ ref: `slack:${AGENTS}:${card.ts}`, link: `https://fake-workspace.slack.com/archives/${AGENTS}/p${card.ts.replace('.', '')}` });
    const ref = (posted as PostedCard).ref;
    const shown = visibleText(card);
    for (const part of ['K7P-4QX', 'app.push', 'ko', '민지', 'Android 14', '앱 푸시 알림이 안 와요', 'not_required', 'open']) expect(shown).toContain(part);
    expect(choicesOn(card)).toEqual(['K7P-4QX', 'K7P-4QX', 'K7P-4QX']);

    await f.adapter.deliver({ to: 'agents', destination, message: { kind: 'card', case: sampleCase({ status: 'claimed', assignee: 'UAGENT', cardRefs: { slack: ref } }), update: true } });
    expect(f.fake.messagesIn(AGENTS)).toHaveLength(1);
    expect(visibleText(f.fake.message(AGENTS, card.ts)!)).toContain('claimed · <@UAGENT>');

    const cardRef = ref;
    await f.adapter.deliver({ to: 'agents', destination, message: { kind: 'relay', caseId: 'K7P-4QX', card: cardRef, from: '민지', text: '<!channel> @here <@U123> 아직 안 와요' } });
    await f.adapter.deliver({ to: 'agents', destination, message: { kind: 'notice', caseId: 'K7P-4QX', card: cardRef, text: 'SLA reminder' } });
    const thread = f.fake.messagesIn(AGENTS).filter((m) => m.thread_ts === card.ts);
    expect(thread).toHaveLength(2);
    const raw = JSON.stringify(f.fake.callsOf('chat.postMessage').map((c) => [c.args.text, c.args.blocks]));
    expect(raw).not.toMatch(/<!channel>|<!here>|<@U123>|(?<![\u2060])@here/);
    expect(visibleText(thread[0])).toContain('<!channel>');
  });

  it('threads a relay under the card the core names (one a previous process posted), and still reaches agents when there is no card', async () => {
    f = await openSlackFixture();
    const destination = { route: 'default', channel: 'slack' as const, target: AGENTS };
    // The card a previous process posted: only the core's store knows its reference, and puts it on the relay.
    const earlier = await fetch(`${f.fake.apiUrl}chat.postMessage`, { method: 'POST', body: new URLSearchParams({ channel: AGENTS, text: 'old card' }) });
    const { ts } = (await earlier.json()) as { ts: string };
    await f.adapter.deliver({ to: 'agents', destination, message: { kind: 'relay', caseId: 'K7P-4QX', card: `slack:${AGENTS}:${ts}`, from: '민지', text: '아직이요' } });
    expect(f.fake.messagesIn(AGENTS).at(-1)).toMatchObject({ thread_ts: ts });

    await f.adapter.deliver({ to: 'agents', destination, message: { kind: 'notice', caseId: 'NOC-ARD', text: 'Reminder' } });
    const orphan = f.fake.messagesIn(AGENTS).at(-1)!;
    expect(orphan.thread_ts).toBeUndefined();
    expect(visibleText(orphan)).toContain('NOC-ARD');
  });

  it('relays an agent reply in the card thread, and refuses non-agents with an ephemeral message', async () => {
    f = await openSlackFixture();
    const destination = { route: 'default', channel: 'slack' as const, target: AGENTS };
    const ref = ((await f.adapter.deliver({ to: 'agents', destination, message: { kind: 'card', case: sampleCase(), update: false } })) as PostedCard).ref;
    f.cardCases.set(ref, 'K7P-4QX');
    const cardTs = ref.split(':')[2];
    await f.send.event(channelEvent(AGENTS, 'UAGENT', '알림 권한을 껐다 켜 보세요', cardTs));
    await f.send.event(channelEvent(AGENTS, 'UOUTSIDER', '제가 답해도 되나요', cardTs));
    // An agent who mentions the bot in the card thread is still replying to the user (sent as message and app_mention).
    const mention = channelEvent(AGENTS, 'UAGENT', '<@UBOT> 로그 확인했어요', cardTs);
    await f.send.event(asMention(mention));
    await f.send.event(mention);
    // Both copies carry the post's id, so the core applies the reply once.
    const reply = { verb: 'reply', caseId: 'K7P-4QX', text: '로그 확인했어요', id: `${AGENTS}:${mention.ts}` };
    expect(f.actions).toEqual([
      expect.objectContaining({ verb: 'reply', caseId: 'K7P-4QX', text: '알림 권한을 껐다 켜 보세요', agent: expect.objectContaining({ id: 'UAGENT', name: 'Agent Kim' }) }),
      expect.objectContaining(reply),
      expect.objectContaining(reply),
    ]);
    expect(f.fake.callsOf('chat.postEphemeral').map((c) => c.args.user)).toEqual(['UOUTSIDER']);
    expect(f.messages).toEqual([]);
  });

  it('shows every fact agents need on the card, and a Verify button while verification is pending', async () => {
    f = await openSlackFixture();
    const destination = { route: 'default', channel: 'slack' as const, target: AGENTS };
    const pending = sampleCase({ verification: 'pending', answersTried: ['app.compatibility', 'app.push'] });
    await f.adapter.deliver({ to: 'agents', destination, message: { kind: 'card', case: pending, update: false } });
    const [card] = f.fake.messagesIn(AGENTS);
    const shown = visibleText(card);
    for (const part of ['K7P-4QX', 'app.push', 'ko', 'Android 14', '5.12.1', 'Answers already tried', 'app.compatibility', pending.dueAt, 'pending']) expect(shown).toContain(part);
    const buttons = card.blocks.flatMap((b) => ((b as { elements?: Array<{ action_id?: string }> }).elements ?? []).map((e) => e.action_id));
    expect(buttons).toEqual(['case:claim', 'case:verify', 'case:resolve', 'case:close']);
    await f.send.interaction(pressPayload(card, 'UAGENT', 'K7P-4QX', 'case:verify'));
    expect(f.actions).toEqual([expect.objectContaining({ verb: 'verify', caseId: 'K7P-4QX', agent: expect.objectContaining({ id: 'UAGENT' }) })]);
  });

  it('takes Claim / Resolve from agents only', async () => {
    f = await openSlackFixture();
    const destination = { route: 'default', channel: 'slack' as const, target: AGENTS };
    await f.adapter.deliver({ to: 'agents', destination, message: { kind: 'card', case: sampleCase(), update: false } });
    const [card] = f.fake.messagesIn(AGENTS);
    await f.send.interaction(pressPayload(card, 'UOUTSIDER', 'K7P-4QX'));
    expect(f.actions).toEqual([]);
    expect(f.fake.callsOf('chat.postEphemeral')).toHaveLength(1);
    await f.send.interaction(pressPayload(card, 'UAGENT', 'K7P-4QX'));
    // A double click on Claim (the second press has its own action_ts) is taken once.
    await f.send.interaction(pressPayload(card, 'UAGENT', 'K7P-4QX'));
    expect(f.actions).toEqual([expect.objectContaining({ verb: 'claim', caseId: 'K7P-4QX', agent: expect.objectContaining({ id: 'UAGENT' }) })]);
  });

  it('lets members of the agents user group act too', async () => {
    f = await openSlackFixture('http', { usergroups: { SAGENTS: ['UGROUP'] } }, { agentUsergroup: 'SAGENTS' });
    await f.adapter.deliver({ to: 'agents', destination: { route: 'default', channel: 'slack', target: AGENTS }, message: { kind: 'card', case: sampleCase(), update: false } });
    const [card] = f.fake.messagesIn(AGENTS);
    await f.send.interaction(pressPayload(card, 'UGROUP', 'K7P-4QX'));
    await f.send.interaction(pressPayload(card, 'UOTHER', 'K7P-4QX'));
    expect(f.actions.map((a) => a.agent.id)).toEqual(['UGROUP']);
  });
});

describe('Slack adapter: errors and security', () => {
  it('waits out a 429 as Retry-After says and posts exactly once', async () => {
    f = await openSlackFixture();
    f.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await f.adapter.deliver({ to: 'user', address: { channel: 'slack', conversationId: 'D1', userId: 'U1' }, message: { text: '안녕하세요' } });
    expect(f.fake.callsOf('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(f.fake.messagesIn('D1')).toHaveLength(1);
  });

  it('retries 5xx and dropped connections, never an ok:false answer, and never throws into the core', async () => {
    f = await openSlackFixture();
    f.fake.failNext('chat.postMessage', { status: 503 });
    f.fake.failNext('chat.postMessage', { drop: true });
    await f.adapter.deliver({ to: 'user', address: { channel: 'slack', conversationId: 'D1', userId: 'U1' }, message: { text: '하나' } });
    expect(f.fake.callsOf('chat.postMessage').map((c) => c.status)).toEqual([503, 0, 200]);

    f.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expect(f.adapter.deliver({ to: 'user', address: { channel: 'slack', conversationId: 'D1', userId: 'U1' }, message: { text: '둘' } })).resolves.toBeUndefined();
    expect(f.fake.callsOf('chat.postMessage')).toHaveLength(4);
    expect(f.fake.messagesIn('D1').map((m) => m.text)).toEqual(['하나']);
    expect(f.logs()).toContain('channel_not_found');
    expect(f.logs()).not.toContain(BOT_TOKEN);
    expect(f.logs()).not.toContain(APP_TOKEN);
  });

  it('gives up a request that hangs, without retrying it (Slack may have posted it)', async () => {
    f = await openSlackFixture('http', {}, { timeoutMs: 300 });
    f.fake.failNext('chat.postMessage', { hang: true });
    await expect(f.adapter.deliver({ to: 'user', address: { channel: 'slack', conversationId: 'D1', userId: 'U1' }, message: { text: '안녕' } })).resolves.toBeUndefined();
    expect(f.fake.callsOf('chat.postMessage')).toHaveLength(1);
    await f.adapter.deliver({ to: 'user', address: { channel: 'slack', conversationId: 'D1', userId: 'U1' }, message: { text: '다시' } });
    expect(f.fake.messagesIn('D1').map((m) => m.text)).toEqual(['다시']);
  });

  it('fails to start with a clear error, without the token, when Slack rejects the token', async () => {
    const fake = await startFakeSlack();
    fake.failNext('auth.test', { error: 'invalid_auth' });
    const adapter = createSlackAdapter({ botToken: BOT_TOKEN, mode: 'http', signingSecret: 's', port: 0, host: '127.0.0.1', apiUrl: fake.apiUrl });
    const handlers = { onMessage: async () => undefined, onAgentAction: async () => ({ kind: 'handled' as const }), onCasesViewOpened: async () => undefined, onQueueViewOpened: async () => undefined };
    try {
      const failure = await adapter.start(handlers).then(() => null, (err: Error) => err);
      expect(failure?.message).toContain('invalid_auth');
      expect(failure?.message).not.toContain(BOT_TOKEN);
      expect(adapter.httpPort()).toBeUndefined();
    } finally {
      await adapter.stop();
      await fake.close();
    }
  });

  it('by default answers Slack at once, while the turn is still being handled (no retry, no error shown)', async () => {
    f = await openSlackFixture('http', {}, { processBeforeResponse: false });
    await f.adapter.deliver({ to: 'user', address: { channel: 'slack', conversationId: 'D1', userId: 'U1' }, message: { text: '도움이 되었나요?', choices: [{ value: 'solved', label: '해결됐어요' }] } });
    const asked = structuredClone(f.fake.messagesIn('D1')[0]);
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const busy: string[] = [];
    f.onMessage = async (m) => {
      busy.push(m.text);
      await held;
      f.messages.push(m);
    };
    try {
      // Each request resolves with Slack's answer; with the turn held, it can only resolve if the answer came first.
      expect(await f.send.event(dmEvent('U1', '비밀번호를 잊어버렸어요'))).toBe(200);
      expect(await f.send.interaction(pressPayload(asked, 'U1', 'solved'))).toBe(200);
      await vi.waitFor(() => expect(busy).toEqual(['비밀번호를 잊어버렸어요', '해결됐어요']));
      expect(f.messages).toEqual([]);
    } finally {
      release();
    }
    await vi.waitFor(() => expect(f.messages.map((m) => m.text)).toEqual(['비밀번호를 잊어버렸어요', '해결됐어요']));
  });

  it('rejects a request with a bad signature (401) and handles nothing', async () => {
    f = await openSlackFixture();
    const body = JSON.stringify(eventEnvelope(dmEvent('U1', '안녕')));
    const res = await signedPost(`http://127.0.0.1:${f.adapter.httpPort()}/slack/events`, 'wrong-secret', body, 'application/json');
    expect(res.status).toBe(401);
    expect(f.messages).toEqual([]);
    expect(f.fake.callsOf('chat.postMessage')).toEqual([]);
  });
});

describe('Slack adapter: Socket Mode', () => {
  it('connects with the app token and handles events and presses over the socket', async () => {
    f = await openSlackFixture('socket');
    expect(f.fake.callsOf('apps.connections.open')[0].token).toBe(APP_TOKEN);
    const seen = new Promise<void>((resolve) => {
      f.onMessage = async (m) => {
        f.messages.push(m);
        await f.adapter.deliver({ to: 'user', address: { channel: 'slack', conversationId: m.conversationId, userId: m.user.id }, message: { text: `받았어요: ${m.text}` } });
        resolve();
      };
    });
    await f.send.event(dmEvent('U1', '소켓으로 보내요'));
    await seen;
    await f.fake.waitForCall((c) => c.method === 'chat.postMessage');
    expect(f.fake.messagesIn('D1').map((m) => m.text)).toEqual(['받았어요: 소켓으로 보내요']);
    expect(f.fake.callsOf('chat.postMessage')[0].token).toBe(BOT_TOKEN);
    expect(f.logs()).not.toContain(APP_TOKEN);
    expect(f.logs()).not.toContain(BOT_TOKEN);
  });

  it('takes a press and /deskbot over the socket, and answers a command from a channel privately in the ack', async () => {
    f = await openSlackFixture('socket');
    const address = { channel: 'slack' as const, conversationId: 'D1', userId: 'U1' };
    await f.adapter.deliver({ to: 'user', address, message: { text: '도움이 되었나요?', choices: [{ value: 'solved', label: '해결됐어요' }, { value: 'not_solved', label: '아직이요' }] } });
    const [asked] = f.fake.messagesIn('D1');
    await f.send.interaction(pressPayload(asked, 'U1', 'not_solved'));
    await vi.waitFor(() => expect(f.messages).toEqual([expect.objectContaining({ conversationId: 'D1', choice: 'not_solved' })]));
    expect(choicesOn(f.fake.message('D1', asked.ts)!)).toEqual([]);

    const res = await f.send.command(slashCommand('U1', 'CGEN', 'new'));
    expect(JSON.parse(res.body)).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('DM') });
    await vi.waitFor(() => expect(f.messages.at(-1)).toMatchObject({ conversationId: 'D1', choice: COMMAND_CHOICES.newInquiry }));
  });
});
