import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentDestination, PostedCard } from '../../../src/channels/contract.js';
import { createDiscordAdapter } from '../../../src/channels/discord/index.js';
import { forumChannel, snowflake, type Json } from '../../fakes/discord/payloads.js';
import { sampleCase } from './cases.js';
import { createRecordingHandlers } from './fake-handlers.js';
import { configFor, startAdapterOnFake, type AdapterOnFake } from './setup.js';

const embedOf = (m: Json) => (m.embeds as Array<Record<string, unknown>>)[0];
const buttonIds = (m: Json) => (m.components as Array<{ components: Array<{ custom_id: string }> }>).flatMap((r) => r.components.map((c) => c.custom_id));

describe('Discord adapter: agents', () => {
  let t: AdapterOnFake;
  let forum: AgentDestination;
  let text: AgentDestination;
  beforeAll(async () => {
    t = await startAdapterOnFake();
    forum = { route: 'default', channel: 'discord', target: t.fake.ids.agentsForum };
    text = { route: 'payment', channel: 'discord', target: t.fake.ids.agentsText };
  });
  afterAll(async () => {
    await t.close();
  });
  const tagId = (name: string) =>
    ((t.fake.channels.get(t.fake.ids.agentsForum) as Json).available_tags as Array<{ id: string; name: string }>).find((x) => x.name.toLowerCase() === name)?.id;

  it('opens a forum post per case with the status tag, the card as its first message, and returns the thread ref', async () => {
    const c = sampleCase({ id: 'CS-FORUM1' });
    const posted = await t.adapter.deliver({ to: 'agents', destination: forum, message: { kind: 'card', case: c, update: false } });
    const [thread] = t.fake.threadsOf(t.fake.ids.agentsForum);
    // The link opens the forum post in the agents' server.
    expect(posted).toEqual({ ref: `discord:${forum.target}:${thread.id}`, link: `https://discord.com/channels/${t.fake.ids.guild}/${thread.id}` });
    expect(thread).toMatchObject({ name: 'CS-FORUM1 · app.push', applied_tags: [tagId('open')] });
    const card = t.fake.messagesIn(thread.id as string)[0];
    expect(card.id).toBe(thread.id);
    expect(embedOf(card).title).toBe('CS-FORUM1 · app.push');
    expect(buttonIds(card)).toEqual(['case:claim:CS-FORUM1', 'case:resolve:CS-FORUM1', 'case:close:CS-FORUM1']);
    const post = t.fake.requests.find((r) => r.path === `/channels/${t.fake.ids.agentsForum}/threads`);
    expect((post?.body as Json).message).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('updates the forum card in place (starter message id = thread id) and swaps the status tag, matching tag names case-insensitively', async () => {
    const c = sampleCase({ id: 'CS-FORUM2' });
    const ref = ((await t.adapter.deliver({ to: 'agents', destination: forum, message: { kind: 'card', case: c, update: false } })) as PostedCard).ref;
    const threadId = ref.split(':')[2];
    const resolved = { ...c, status: 'resolved' as const, assignee: '1300000000000000555', cardRefs: { discord: ref } };
    await expect(t.adapter.deliver({ to: 'agents', destination: forum, message: { kind: 'card', case: resolved, update: true } })).resolves.toBeUndefined();
    expect(t.fake.requests).toContainEqual(expect.objectContaining({ method: 'PATCH', path: `/channels/${threadId}/messages/${threadId}` }));
    const card = t.fake.messages.get(threadId) as Json;
    expect(JSON.stringify(embedOf(card).fields)).toContain('resolved · <@1300000000000000555>');
    expect(buttonIds(card)).toEqual(['case:reopen:CS-FORUM2', 'case:close:CS-FORUM2']);
    expect(t.fake.channels.get(threadId)).toMatchObject({ applied_tags: [tagId('resolved')] });
  });

  it('in a text channel posts the card and starts the case thread on it (thread id = card message id)', async () => {
    const c = sampleCase({ id: 'CS-TEXT1', route: 'payment' });
    const posted = (await t.adapter.deliver({ to: 'agents', destination: text, message: { kind: 'card', case: c, update: false } })) as PostedCard;
    const ref = posted.ref;
    const card = t.fake.messagesIn(t.fake.ids.agentsText).at(-1) as Json;
    expect(ref).toBe(`discord:${text.target}:${card.id}`);
    // The link opens the card message in the agents' channel, its thread beside it.
    expect(posted.link).toBe(`https://discord.com/channels/${t.fake.ids.guild}/${text.target}/${card.id}`);
    expect(t.fake.channels.get(card.id as string)).toMatchObject({ type: 11, parent_id: t.fake.ids.agentsText, name: 'CS-TEXT1 · app.push' });
    await t.adapter.deliver({ to: 'agents', destination: text, message: { kind: 'card', case: { ...c, status: 'claimed', cardRefs: { discord: ref } }, update: true } });
    expect(t.fake.requests).toContainEqual(expect.objectContaining({ method: 'PATCH', path: `/channels/${t.fake.ids.agentsText}/messages/${card.id}` }));
  });

  it('relays user text into the thread of the card the core names, without pings, even from an adapter that restarted', async () => {
    const c = sampleCase({ id: 'CS-RELAY1' });
    const ref = ((await t.adapter.deliver({ to: 'agents', destination: forum, message: { kind: 'card', case: c, update: false } })) as PostedCard).ref;
    const threadId = ref.split(':')[2];
    const fresh = createDiscordAdapter(configFor(t.fake));
    await fresh.start(createRecordingHandlers());
    try {
      await fresh.deliver({ to: 'agents', destination: forum, message: { kind: 'relay', caseId: c.id, card: ref, from: 'kim **bold**', text: '@everyone <@&123> 아직 안 돼요', files: [{ name: 'a.png', url: 'https://cdn.example/a.png' }] } });
      await fresh.deliver({ to: 'agents', destination: forum, message: { kind: 'notice', caseId: c.id, card: ref, text: 'Reminder: still unclaimed' } });
    } finally {
      await fresh.stop();
    }
    const [, relay, notice] = t.fake.messagesIn(threadId);
    expect(relay.content).toBe('**kim \\*\\*bold\\*\\***: @\u200beveryone <\u200b@&123> 아직 안 돼요\n📎 [a.png](<https://cdn.example/a.png>)');
    expect(relay.allowed_mentions).toEqual({ parse: [] });
    expect(notice.content).toBe('Reminder: still unclaimed');
  });

  it('turns an agent’s message in a case thread into a reply, and refuses members without the agent role', async () => {
    const c = sampleCase({ id: 'CS-REPLY1' });
    const ref = ((await t.adapter.deliver({ to: 'agents', destination: forum, message: { kind: 'card', case: c, update: false } })) as PostedCard).ref;
    t.handlers.refs.set(ref, c.id);
    const threadId = ref.split(':')[2];
    const agent = t.fake.addUser('agent-ahn', { agent: true });
    const visitor = t.fake.addUser('visitor');
    t.fake.userMessage(visitor, threadId, 'I am not an agent');
    const m = t.fake.userMessage(agent, threadId, '알림 권한을 확인해 주세요', { files: ['guide.png'] });
    await t.fake.waitFor(() => t.handlers.actions.length > 0, 'an agent action');
    expect(t.handlers.actions).toEqual([
      { id: m.id, channel: 'discord', agent: expect.objectContaining({ id: agent.id, name: 'agent-ahn' }), caseId: c.id, verb: 'reply', text: '알림 권한을 확인해 주세요', files: [expect.objectContaining({ name: 'guide.png' })] },
    ]);
    expect(t.handlers.messages.some((x) => x.conversationId === threadId)).toBe(false);
    // The two messages are handled side by side: the refusal's post may come after the agent's action.
    const refusal = await t.fake.waitFor(() => t.fake.messagesIn(threadId).find((x) => String(x.content).includes('Only support agents')), 'the refusal');
    expect(refusal.allowed_mentions).toMatchObject({ parse: [] });
  });

  it('lets agents press Claim, and refuses others ephemerally without acting', async () => {
    const c = sampleCase({ id: 'CS-BTN1' });
    const ref = ((await t.adapter.deliver({ to: 'agents', destination: forum, message: { kind: 'card', case: c, update: false } })) as PostedCard).ref;
    const threadId = ref.split(':')[2];
    const visitor = t.fake.addUser('visitor2');
    const agent = t.fake.addUser('agent-baek', { agent: true });
    const before = t.handlers.actions.length;
    const refused = t.fake.interact(visitor, threadId, 'case:claim:CS-BTN1', { locale: 'en-US' });
    // Acknowledged at once; the core's refusal follows, seen only by the one who pressed.
    await t.fake.waitFor(() => (t.fake.interactionResponses.get(refused)?.length ?? 0) > 1, 'the refusal');
    expect(t.fake.interactionResponses.get(refused)).toMatchObject([{ type: 6 }, { method: 'POST', flags: 64, content: expect.stringContaining('Only support agents') }]);
    const claimed = t.fake.interact(agent, threadId, 'case:claim:CS-BTN1');
    await t.fake.waitFor(() => t.handlers.actions.length > before, 'the claim');
    expect(t.handlers.actions.slice(before)).toEqual([{ id: claimed, channel: 'discord', agent: expect.objectContaining({ id: agent.id, name: 'agent-baek' }), caseId: 'CS-BTN1', verb: 'claim' }]);
    expect(t.fake.interactionResponses.get(claimed)?.[0]).toMatchObject({ type: 6 });
    // A double click: the second press is acknowledged, and not passed on (another agent's press, after it, is).
    const again = t.fake.interact(agent, threadId, 'case:claim:CS-BTN1');
    await t.fake.waitFor(() => t.fake.interactionResponses.get(again)?.length, 'the second acknowledgement');
    expect(t.fake.interactionResponses.get(again)?.[0]).toMatchObject({ type: 6 });
    const other = t.fake.addUser('agent-seo', { agent: true });
    t.fake.interact(other, threadId, 'case:claim:CS-BTN1');
    await t.fake.waitFor(() => t.handlers.actions.some((a) => a.agent.id === other.id), 'the other agent’s claim');
    expect(t.handlers.actions.slice(before).map((a) => a.agent.id)).toEqual([agent.id, other.id]);
  });

  it('acknowledges an agent’s button at once, before the core has finished the action (Discord allows 3 seconds)', async () => {
    const c = sampleCase({ id: 'CS-ACK1' });
    const threadId = (((await t.adapter.deliver({ to: 'agents', destination: forum, message: { kind: 'card', case: c, update: false } })) as PostedCard).ref).split(':')[2];
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    t.handlers.onEachAction = () => held;
    try {
      const before = t.handlers.actions.length;
      const pressed = t.fake.interact(t.fake.addUser('agent-cho', { agent: true }), threadId, 'case:resolve:CS-ACK1');
      await t.fake.waitFor(() => t.handlers.actions.length > before, 'the action');
      expect(t.fake.interactionResponses.get(pressed)).toEqual([{ type: 6 }]);
    } finally {
      release();
      t.handlers.onEachAction = undefined;
    }
  });

  it('posts in a forum that requires a tag but has no status tags with its first tag', async () => {
    const id = snowflake();
    t.fake.channels.set(id, { ...forumChannel(id, t.fake.ids.guild, 'bugs', ['bug', 'billing']), flags: 16 });
    const ref = await t.adapter.deliver({ to: 'agents', destination: { route: 'bugs', channel: 'discord', target: id }, message: { kind: 'card', case: sampleCase({ id: 'CS-TAGS1' }), update: false } });
    const [post] = t.fake.threadsOf(id);
    expect(ref).toMatchObject({ ref: `discord:${id}:${post.id}` });
    const tags = (t.fake.channels.get(id) as Json).available_tags as Array<{ id: string }>;
    expect(post.applied_tags).toEqual([tags[0].id]);
  });

  it('logs and returns nothing when the destination is not a usable channel', async () => {
    const bad: AgentDestination = { route: 'default', channel: 'discord', target: '1399999999999999998' };
    await expect(t.adapter.deliver({ to: 'agents', destination: bad, message: { kind: 'card', case: sampleCase(), update: false } })).resolves.toBeUndefined();
    await expect(t.adapter.deliver({ to: 'agents', destination: forum, message: { kind: 'relay', caseId: 'CS-NOPE', from: 'x', text: 'y' } })).resolves.toBeUndefined();
  });
});
