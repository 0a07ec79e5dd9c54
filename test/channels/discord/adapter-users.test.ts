import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_CHOICES } from '../../../src/channels/contract.js';
import type { Json } from '../../fakes/discord/payloads.js';
import { startAdapterOnFake, type AdapterOnFake } from './setup.js';

const components = (m: Json) => m.components as Array<{ components: Array<Record<string, unknown>> }>;

describe('Discord adapter: users', () => {
  let t: AdapterOnFake;
  beforeAll(async () => {
    t = await startAdapterOnFake();
  });
  afterAll(async () => {
    await t.close();
  });
  const waitMessages = (n: number) => t.fake.waitFor(() => t.handlers.messages.length >= n && t.handlers.messages, `${n} inbound messages`);
  const SOLVED_OR_NOT = [{ value: 'solved', label: '해결됐어요' }, { value: 'not_solved', label: '아직이에요' }];

  /** A new user whose DM gets "도움이 되었나요?" with `choices`; returns the user, the DM and the posted question. */
  async function askInDm(name: string, choices = SOLVED_OR_NOT) {
    const user = t.fake.addUser(name);
    const dm = t.fake.dmChannelOf(user.id);
    await t.adapter.deliver({ to: 'user', address: { channel: 'discord', conversationId: dm, userId: user.id }, message: { text: '도움이 되었나요?', choices } });
    return { user, dm, asked: t.fake.messagesIn(dm).at(-1) as Json };
  }

  it('identifies with the four intents it needs (incl. privileged Message Content)', () => {
    // Guilds 1 | GuildMessages 512 | DirectMessages 4096 | MessageContent 32768
    expect(t.fake.gateway.stats.intents).toBe(1 | 512 | 4096 | 32768);
  });

  it('passes a DM on with the DM channel as the conversation and attachments as files, ignoring bots', async () => {
    const kim = t.fake.addUser('kim');
    const dm = t.fake.dmChannelOf(kim.id);
    const before = t.handlers.messages.length;
    await t.adapter.deliver({ to: 'user', address: { channel: 'discord', conversationId: dm, userId: kim.id }, message: { text: '안녕하세요' } });
    const sent = t.fake.userMessage(kim, dm, '비밀번호를 잊어버렸어요', { files: ['screen.png'] });
    const [m] = (await waitMessages(before + 1)).slice(before);
    expect(m).toMatchObject({ id: sent.id, channel: 'discord', conversationId: dm, user: { id: kim.id, name: 'kim', isBot: false }, text: '비밀번호를 잊어버렸어요' });
    expect(m.files).toEqual([{ id: expect.any(String), name: 'screen.png', url: expect.stringContaining('screen.png') }]);
    // The bot's own message above was dispatched too, and nothing else was pushed.
    expect(t.handlers.messages.length).toBe(before + 1);
  });

  it('answers a mention in a new thread on that message, and continues there', async () => {
    const lee = t.fake.addUser('lee');
    const before = t.handlers.messages.length;
    const mention = t.fake.userMessage(lee, t.fake.ids.general, '앱이 자꾸 꺼져요', { mentionBot: true });
    const [first] = (await waitMessages(before + 1)).slice(before);
    expect(t.fake.requests).toContainEqual(expect.objectContaining({ method: 'POST', path: `/channels/${t.fake.ids.general}/messages/${mention.id}/threads` }));
    expect(first.conversationId).toBe(mention.id);
    expect(first.text).toBe('앱이 자꾸 꺼져요');
    const thread = t.fake.channels.get(first.conversationId) as Json;
    expect(thread).toMatchObject({ type: 11, owner_id: t.fake.bot.id, parent_id: t.fake.ids.general });

    t.fake.userMessage(lee, first.conversationId, '갤럭시 S23이에요');
    const [second] = (await waitMessages(before + 2)).slice(before + 1);
    expect(second).toMatchObject({ conversationId: first.conversationId, text: '갤럭시 S23이에요' });
  });

  it('takes a mention of the bot’s managed role as a mention of the bot', async () => {
    const oh = t.fake.addUser('oh');
    const before = t.handlers.messages.length;
    const mention = t.fake.userMessage(oh, t.fake.ids.general, '환불 문의요', { mentionBot: 'role' });
    const [m] = (await waitMessages(before + 1)).slice(before);
    expect(m).toMatchObject({ conversationId: mention.id, text: '환불 문의요' });
  });

  it('ignores channel messages without a mention, threads the bot did not start, and other bots', async () => {
    const park = t.fake.addUser('park');
    const before = t.handlers.messages.length;
    t.fake.userMessage(park, t.fake.ids.general, 'just chatting');
    const other = t.fake.userMessage(park, t.fake.ids.general, 'start a thread');
    t.fake.channels.set(other.id as string, { ...(t.fake.channels.get(t.fake.ids.general) as Json), id: other.id, type: 11, parent_id: t.fake.ids.general, owner_id: park.id, thread_metadata: { archived: false, auto_archive_duration: 60, archive_timestamp: new Date().toISOString(), locked: false } });
    t.fake.userMessage(park, other.id as string, 'in someone else’s thread');
    // Another bot mentioning deskbot, or writing in its DM, is never answered (no bot-to-bot loops).
    const otherBot = t.fake.addUser('otherbot', { bot: true });
    const botMention = t.fake.userMessage(otherBot, t.fake.ids.general, '앱이 안 돼요', { mentionBot: true });
    t.fake.userMessage(otherBot, t.fake.dmChannelOf(otherBot.id), '안녕하세요');
    // A DM afterwards proves the earlier events were processed (the gateway delivers in order).
    t.fake.userMessage(park, t.fake.dmChannelOf(park.id), 'marker');
    const pushed = (await waitMessages(before + 1)).slice(before);
    expect(pushed.map((m) => m.text)).toEqual(['marker']);
    expect(t.fake.channels.has(botMention.id as string)).toBe(false);
  });

  it('splits long replies within 2,000 characters, puts choices on the last part, and never pings', async () => {
    const choi = t.fake.addUser('choi');
    const dm = t.fake.dmChannelOf(choi.id);
    const text = `@everyone <@&123> ${'가나다라마바사 '.repeat(600)}`;
    await t.adapter.deliver({
      to: 'user',
      address: { channel: 'discord', conversationId: dm, userId: choi.id },
      message: { text, choices: [{ value: 'solved', label: '해결됐어요' }, { value: 'not_solved', label: '아직이에요' }] },
    });
    const posts = t.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${dm}/messages`);
    expect(posts.length).toBe(3);
    for (const p of posts) {
      const body = p.body as Json;
      expect((body.content as string).length).toBeLessThanOrEqual(2000);
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }
    expect((posts[0].body as Json).content).toMatch(/^@\u200beveryone <\u200b@&123>/);
    const shown = t.fake.messagesIn(dm);
    expect(components(shown[0])).toEqual([]);
    expect(components(shown[2])[0].components.map((c) => c.custom_id)).toEqual(['choice:solved', 'choice:not_solved']);
  });

  it('takes a button press once: the message shows the pick and loses its buttons, then the choice is pushed', async () => {
    const { user: jung, dm, asked } = await askInDm('jung');
    const before = t.handlers.messages.length;
    const interaction = t.fake.interact(jung, asked.id as string, 'choice:not_solved');
    const [m] = (await waitMessages(before + 1)).slice(before);
    expect(m).toMatchObject({ id: interaction, conversationId: dm, user: { id: jung.id }, choice: 'not_solved', text: '아직이에요' });
    expect(t.fake.interactionResponses.get(interaction)?.[0]).toMatchObject({ type: 7, data: { components: [], allowed_mentions: { parse: [] } } });
    expect(t.fake.messages.get(asked.id as string)).toMatchObject({ content: expect.stringContaining('아직이에요'), components: [] });
  });

  it('takes only the first of two quick presses on one message; the second is acknowledged and dropped', async () => {
    const { user: min, dm, asked } = await askInDm('min');
    const before = t.handlers.messages.length;
    // Both presses reach the bot before its update has removed the buttons (a double click).
    const first = t.fake.interact(min, asked.id as string, 'choice:solved');
    const second = t.fake.interact(min, asked.id as string, 'choice:not_solved');
    await t.fake.waitFor(() => t.fake.interactionResponses.get(first)?.length && t.fake.interactionResponses.get(second)?.length, 'both acknowledgements');
    expect(t.fake.interactionResponses.get(second)?.[0]).toMatchObject({ type: 6 });
    t.fake.userMessage(min, dm, 'marker');
    await waitMessages(before + 2);
    await t.fake.waitFor(() => t.handlers.messages.slice(before).some((m) => m.text === 'marker'), 'the marker');
    expect(t.handlers.messages.slice(before).filter((m) => m.conversationId === dm && m.choice !== undefined).map((m) => m.choice)).toEqual(['solved']);
    expect(t.fake.messages.get(asked.id as string)).toMatchObject({ content: expect.stringContaining('해결됐어요'), components: [] });
  });

  it('answers a button and a subcommand it does not know with a private note instead of letting the interaction fail', async () => {
    const { user: oh, dm, asked } = await askInDm('oh');
    const before = t.handlers.messages.length;
    const stale = t.fake.interact(oh, asked.id as string, 'v0-legacy-button', { locale: 'ko' });
    const sub = t.fake.slash(oh, dm, 'frobnicate', { locale: 'en-US' });
    await t.fake.waitFor(() => t.fake.interactionResponses.get(stale)?.length && t.fake.interactionResponses.get(sub)?.length, 'both answers');
    expect(t.fake.interactionResponses.get(stale)?.[0]).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('더 이상 쓸 수 없어요') } });
    expect(t.fake.interactionResponses.get(sub)?.[0]).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('no longer available') } });
    expect(t.handlers.messages.length).toBe(before);
  });

  it('acknowledges a press and a slash command at once, before the core has answered (Discord allows 3 seconds)', async () => {
    const { user: bae, asked: question } = await askInDm('bae');
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    t.handlers.onEachMessage = () => held;
    try {
      const before = t.handlers.messages.length;
      const pressed = t.fake.interact(bae, question.id as string, 'choice:solved');
      const asked = t.fake.slash(t.fake.addUser('ryu'), t.fake.ids.general, 'help');
      await waitMessages(before + 2);
      // The core is still busy with both, and Discord has its answers already.
      expect(t.fake.interactionResponses.get(pressed)?.[0]).toMatchObject({ type: 7 });
      expect(t.fake.interactionResponses.get(asked)?.[0]).toMatchObject({ type: 5, data: { flags: 64 } });
    } finally {
      release();
      t.handlers.onEachMessage = undefined;
    }
  });

  it('offers more than five choices as a select menu and pushes the picked value', async () => {
    const han = t.fake.addUser('han');
    const dm = t.fake.dmChannelOf(han.id);
    const choices = ['occurred_at', 'device', 'os', 'browser', 'app_version', 'network', 'url'].map((n) => ({ value: `edit:${n}`, label: n }));
    await t.adapter.deliver({ to: 'user', address: { channel: 'discord', conversationId: dm, userId: han.id }, message: { text: '무엇을 고칠까요?', choices } });
    const asked = t.fake.messagesIn(dm).at(-1) as Json;
    const menu = components(asked)[0].components[0];
    expect(menu).toMatchObject({ type: 3, custom_id: 'choice' });
    expect((menu.options as unknown[]).length).toBe(7);
    const before = t.handlers.messages.length;
    t.fake.interact(han, asked.id as string, 'choice', { values: ['edit:network'] });
    const [m] = (await waitMessages(before + 1)).slice(before);
    expect(m).toMatchObject({ choice: 'edit:network', text: 'network' });
  });

  it('answers /deskbot help in a DM ephemerally at once, then pushes the help command', async () => {
    const yoon = t.fake.addUser('yoon');
    const dm = t.fake.dmChannelOf(yoon.id);
    const before = t.handlers.messages.length;
    const id = t.fake.slash(yoon, dm, 'help');
    const [m] = (await waitMessages(before + 1)).slice(before);
    expect(m).toMatchObject({ id, conversationId: dm, choice: COMMAND_CHOICES.help });
    const responses = t.fake.interactionResponses.get(id) ?? [];
    expect(responses[0]).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(responses[1]).toMatchObject({ method: 'PATCH', content: '여기에서 답변드릴게요.' });
  });

  it('answers /deskbot ask in a server channel in the user’s DMs: a new inquiry, then the question as text', async () => {
    const kang = t.fake.addUser('kang');
    const before = t.handlers.messages.length;
    const id = t.fake.slash(kang, t.fake.ids.general, 'ask', { question: 'How do I change my email?', locale: 'en-US' });
    const pushed = (await waitMessages(before + 2)).slice(before);
    const dm = t.fake.dmChannelOf(kang.id);
    expect(pushed).toMatchObject([
      { id, conversationId: dm, choice: COMMAND_CHOICES.newInquiry },
      { conversationId: dm, text: 'How do I change my email?' },
    ]);
    expect(t.fake.interactionResponses.get(id)?.[1]).toMatchObject({ content: "I'll answer in your DMs." });
  });

  it('keeps going when a listener fails: the next message is still handled', async () => {
    const seo = t.fake.addUser('seo');
    const dm = t.fake.dmChannelOf(seo.id);
    const before = t.handlers.messages.length;
    t.handlers.onEachMessage = async (m) => {
      if (m.text === 'boom') throw new Error('core exploded');
    };
    t.fake.userMessage(seo, dm, 'boom');
    t.fake.userMessage(seo, dm, 'still there?');
    const pushed = (await waitMessages(before + 2)).slice(before);
    expect(pushed.map((m) => m.text)).toEqual(['boom', 'still there?']);
    t.handlers.onEachMessage = undefined;
  });

  it('does not throw platform errors into the core: a reply to an unknown channel is logged and dropped', async () => {
    await expect(
      t.adapter.deliver({ to: 'user', address: { channel: 'discord', conversationId: '1399999999999999999', userId: '1' }, message: { text: 'hi' } }),
    ).resolves.toBeUndefined();
  });
});
