/**
 * The channel harness for Discord: the real core (startDeskbot) and the real adapter with a real discord.js
 * client, on the fake Discord. Users talk in DMs; agents work in a forum, one post per case.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiscordAdapter } from '../../../src/channels/discord/index.js';
import { loadConfig } from '../../../src/config.js';
import { createClock, type Clock } from '../../../src/core/clock.js';
import type { ChannelAdapter, InboundHandlers } from '../../../src/channels/contract.js';
import { startDeskbot, type Deskbot } from '../../../src/main.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/fake-discord.js';
import type { FakeUser, Json } from '../../fakes/discord/payloads.js';
import type { ChannelHarness, SeenMessage } from '../harness.js';
import { configFor } from './setup.js';

/** How long to wait for the bot to finish a turn (a safety net, not a speed requirement). */
const TURN_WAIT_MS = 15_000;

/** The Discord harness plus what Discord-specific tests need. */
export interface DiscordHarness extends ChannelHarness {
  fake: FakeDiscord;
  deskbot: Deskbot;
  clock: Clock;
  /** The fake user behind a harness name (agents, named A…, get the agent role). */
  userOf(name: string): FakeUser;
  /** Waits until `n` more inbound events (user messages, agent actions) than before `act` have been fully handled. */
  handled(n: number, act: () => void): Promise<void>;
  /** Bot messages in a channel or thread, as seen there. */
  botMessagesIn(channelId: string): SeenMessage[];
  /** The forum post (thread) of a case. */
  caseThread(caseId: string): Json | undefined;
}

/** Counts handler calls so a test knows when the core has finished answering an event. */
export function createTracker() {
  const counts = { started: 0, finished: 0 };
  const track =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      counts.started++;
      try {
        return await fn(...args);
      } finally {
        counts.finished++;
      }
    };
  const wrap = (adapter: ChannelAdapter): ChannelAdapter => ({
    name: adapter.name,
    deliver: (d) => adapter.deliver(d),
    stop: () => adapter.stop(),
    start: (h: InboundHandlers) =>
      adapter.start({ ...h, onMessage: track((m) => h.onMessage(m)), onAgentAction: track((a) => h.onAgentAction(a)) }),
  });
  return { counts, wrap };
}

/** Text and choices of a Discord message as a person sees it: content, embeds, and the buttons or options offered. */
export function seenOf(m: Json): SeenMessage {
  const embeds = (m.embeds as Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }> }>) ?? [];
  const text = [m.content as string, ...embeds.flatMap((e) => [e.title, e.description, ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`)])]
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .join('\n');
  const components = ((m.components as Array<{ components: Array<{ custom_id?: string; options?: Array<{ value: string }> }> }>) ?? []).flatMap((r) => r.components);
  const choices = components.flatMap((c) => {
    if (c.options) return c.options.map((o) => o.value);
    const id = c.custom_id ?? '';
    if (id.startsWith('choice:')) return [id.slice('choice:'.length)];
    if (id.startsWith('case:')) return [id.split(':')[1]];
    return [];
  });
  return { text, choices };
}

/** `u` presses `value` on the newest bot message in a channel that offers it (a button, or an option of a select). */
export function pressChoice(fake: FakeDiscord, u: FakeUser, channelId: string, value: string): string {
  const offering = fake
    .messagesIn(channelId)
    .filter((m) => (m.author as FakeUser).id === fake.bot.id)
    .reverse()
    .find((m) => seenOf(m).choices.includes(value));
  if (!offering) throw new Error(`no bot message in ${channelId} offers "${value}" to ${u.username}`);
  const rows = offering.components as Array<{ components: Array<{ type: number }> }>;
  const isSelect = rows[0]?.components[0]?.type === 3;
  return fake.interact(u, offering.id as string, isSelect ? 'choice' : `choice:${value}`, isSelect ? { values: [value] } : {});
}

/** Opens the harness: fake Discord, real client, real core on a temp store, agents in the fake's forum. */
export async function openDiscordHarness(options: { now?: string } = {}): Promise<DiscordHarness> {
  const fake = await startFakeDiscord();
  const clock = createClock(new Date(options.now ?? '2026-11-23T10:00:00+09:00'));
  const tracker = createTracker();
  const adapter = tracker.wrap(createDiscordAdapter(configFor(fake)));
  const config = { ...loadConfig({}), routes: { default: { route: 'default', channel: 'discord' as const, target: fake.ids.agentsForum } } };
  let deskbot: Deskbot;
  try {
    deskbot = await startDeskbot({
      adapters: [adapter],
      config,
      dataDir: mkdtempSync(join(tmpdir(), 'deskbot-discord-')),
      intentsDir: 'intents',
      now: () => clock.now(),
      watch: false,
      tickEveryMs: 0,
    });
  } catch (err) {
    await fake.close();
    throw err;
  }

  const users = new Map<string, FakeUser>();
  const userOf = (name: string) => {
    let u = users.get(name);
    if (!u) {
      u = fake.addUser(name, { agent: name.startsWith('A') });
      users.set(name, u);
    }
    return u;
  };
  let otherBot: FakeUser | undefined;
  const isBot = (m: Json) => (m.author as FakeUser).id === fake.bot.id;
  const botMessagesIn = (channelId: string) => fake.messagesIn(channelId).filter(isBot).map(seenOf);
  const dmOf = (name: string) => fake.dmChannelOf(userOf(name).id);

  async function handled(n: number, act: () => void): Promise<void> {
    const target = tracker.counts.started + n;
    act();
    await fake.waitFor(() => tracker.counts.started >= target && tracker.counts.finished === tracker.counts.started, `${n} handled event(s)`, TURN_WAIT_MS);
  }

  /** Runs a user action and returns the bot messages that appeared in their DM meanwhile. */
  async function userTurn(name: string, act: (dm: string) => void): Promise<SeenMessage[]> {
    const dm = dmOf(name);
    const before = new Set(fake.messagesIn(dm).map((m) => m.id));
    await handled(1, () => act(dm));
    return fake.messagesIn(dm).filter((m) => isBot(m) && !before.has(m.id)).map(seenOf);
  }

  const caseThread = (caseId: string) => fake.threadsOf(fake.ids.agentsForum).find((t) => String(t.name).startsWith(`${caseId} `));

  return {
    fake,
    deskbot,
    clock,
    userOf,
    handled,
    botMessagesIn,
    caseThread,
    userSays(user, text) {
      return userTurn(user, (dm) => fake.userMessage(userOf(user), dm, text));
    },
    async userSaysTwice(user, text) {
      const dm = dmOf(user);
      const before = new Set(fake.messagesIn(dm).map((m) => m.id));
      // discord.js itself drops a replayed MESSAGE_CREATE whose message it has cached; one it no longer has reaches
      // the core, which drops it by id. Either way the replay arrives while the first turn is still running, so
      // waiting for every started event to finish covers it.
      await handled(1, () => {
        const m = fake.userMessage(userOf(user), dm, text);
        fake.redeliver(m.id as string);
      });
      return fake.messagesIn(dm).filter((m) => isBot(m) && !before.has(m.id)).map(seenOf);
    },
    press(user, value) {
      return userTurn(user, (dm) => pressChoice(fake, userOf(user), dm, value));
    },
    async agentDoes(agent, caseId, verb, text) {
      const thread = caseThread(caseId);
      if (!thread) throw new Error(`no forum post for case ${caseId}`);
      const threadId = thread.id as string;
      if (verb === 'reply') return handled(1, () => fake.userMessage(userOf(agent), threadId, text ?? ''));
      const card = fake.messages.get(threadId) as Json;
      if (!seenOf(card).choices.includes(verb)) throw new Error(`the card of ${caseId} offers no ${verb} button`);
      await handled(1, () => fake.interact(userOf(agent), threadId, `case:${verb}:${caseId}`));
    },
    cardButtons(caseId) {
      const thread = caseThread(caseId);
      return thread ? seenOf(fake.messages.get(thread.id as string) as Json).choices : [];
    },
    async outsiderDoes(person, caseId, verb, text) {
      const thread = caseThread(caseId);
      if (!thread) throw new Error(`no forum post for case ${caseId}`);
      const threadId = thread.id as string;
      if (verb === 'reply') {
        const before = fake.messagesIn(threadId).length;
        await handled(1, () => fake.userMessage(userOf(person), threadId, text ?? ''));
        // The refusal is posted after the core answered: wait for the bot's post.
        const botPosts = () => fake.messagesIn(threadId).slice(before).filter(isBot);
        const posted = await fake.waitFor(() => botPosts().length > 0 && botPosts(), 'the refusal', TURN_WAIT_MS).catch(() => [] as Json[]);
        return posted.map((m) => String(m.content));
      }
      const id = fake.interact(userOf(person), threadId, `case:${verb}:${caseId}`);
      await handled(1, () => undefined);
      const answers = await fake.waitFor(() => (fake.interactionResponses.get(id)?.length ?? 0) > 1 && fake.interactionResponses.get(id), 'the refusal');
      // Only an ephemeral follow-up (flags 64) is shown to the person alone.
      return answers.filter((a) => a.flags === 64).map((a) => String(a.content));
    },
    async botPosts(who, user, text) {
      const author = who === 'self' ? fake.bot : (otherBot ??= fake.addUser('other-bot', { bot: true }));
      fake.userMessage(author, dmOf(user), text);
    },
    agentSide() {
      const threadIds = new Set(fake.threadsOf(fake.ids.agentsForum).map((t) => t.id));
      return [...fake.messages.values()]
        .filter((m) => isBot(m) && threadIds.has(m.channel_id))
        .sort((a, b) => (BigInt(a.id as string) < BigInt(b.id as string) ? -1 : 1))
        .map(seenOf);
    },
    userSide(user) {
      return botMessagesIn(dmOf(user));
    },
    async close() {
      await deskbot.stop();
      await fake.close();
    },
  };
}
