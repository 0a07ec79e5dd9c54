/**
 * One deskbot process with both real adapters (Bolt in HTTP mode, discord.js) on the fake Slack and the fake
 * Discord, and drivers for the people on each side: users in their DMs, agents on their platform's cards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiscordAdapter } from '../../../src/channels/discord/index.js';
import { createSlackAdapter } from '../../../src/channels/slack/slack-adapter.js';
import { loadConfig } from '../../../src/config.js';
import { createClock } from '../../../src/core/clock.js';
import type { AgentVerb } from '../../../src/cases/types.js';
import type { AgentDestination } from '../../../src/channels/contract.js';
import { startDeskbot, type Deskbot } from '../../../src/main.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/fake-discord.js';
import type { FakeUser, Json } from '../../fakes/discord/payloads.js';
import { startFakeSlack, type FakeMessage, type FakeSlack } from '../../fakes/slack/fake-slack.js';
import { channelEvent, choicesOn, dmEvent, dmOf, httpSender, pressPayload, visibleText, type SlackSender } from '../../fakes/slack/payloads.js';
import { createTracker, pressChoice, seenOf } from '../discord/discord-harness.js';
import { configFor } from '../discord/setup.js';
import type { SeenMessage } from '../harness.js';
import { AGENT_IDS, AGENTS_CHANNEL, seen } from '../slack/slack-harness.js';

export { AGENTS_CHANNEL };
const SECRET = 'cross-platform-signing-secret';
/** A safety net for a Discord-side turn, not a speed requirement. */
const TURN_WAIT_MS = 15_000;

/** Both fakes, the running bot, and drivers for users and agents on each platform. */
export interface TwoPlatforms {
  slack: FakeSlack;
  discord: FakeDiscord;
  deskbot: Deskbot;
  /** Slack traffic to the adapter; each call resolves after the bot handled it (HTTP mode, processBeforeResponse). */
  send: SlackSender;
  /** Runs `act` and waits until `n` more Discord inbound events (messages, presses, agent actions) have been fully handled. */
  discordHandled<T>(n: number, act: () => T): Promise<T>;
  /** The fake Discord member behind a name; names starting with `A` get the agent role. */
  discordUser(name: string): FakeUser;
  /** The DM channel of a Discord user with the bot. */
  discordDm(name: string): string;
  /** Bot messages in a Discord channel or thread, as seen there. */
  discordBotMessages(channelId: string): SeenMessage[];
  /** Bot messages in a Slack user's DM, as seen there. */
  slackDm(user: string): SeenMessage[];
  /** The current Slack card of a case in the agents' channel. */
  slackCard(caseId: string): FakeMessage | undefined;
  /** Messages in the thread of a case's Slack card. */
  slackThread(caseId: string): FakeMessage[];
  close(): Promise<void>;
}

/** Starts both fakes, both adapters and the core with the routes the test gives (they may name the fake Discord's channels). */
export async function openTwoPlatforms(routesFor: (discord: FakeDiscord) => Record<string, AgentDestination>): Promise<TwoPlatforms> {
  const discord = await startFakeDiscord();
  const slack = await startFakeSlack({ members: { [AGENTS_CHANNEL]: [...AGENT_IDS, 'UBOT'] }, names: { U1: '민지', A1: 'Agent Kim' } });
  const slackAdapter = createSlackAdapter({
    botToken: 'xoxb-cross-platform',
    mode: 'http',
    signingSecret: SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl: slack.apiUrl,
    retry: { retries: 2, minTimeoutMs: 20, maxTimeoutMs: 100 },
    processBeforeResponse: true,
  });
  const tracker = createTracker();
  const discordAdapter = tracker.wrap(createDiscordAdapter(configFor(discord)));
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-cross-'));
  const clock = createClock(new Date('2026-11-23T10:00:00+09:00'));
  const config = { ...loadConfig({}), routes: routesFor(discord) };
  const closeFakes = async () => {
    await discord.close();
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let deskbot: Deskbot;
  try {
    deskbot = await startDeskbot({
      adapters: [slackAdapter, discordAdapter],
      config,
      dataDir,
      intentsDir: 'intents',
      now: () => clock.now(),
      watch: false,
      tickEveryMs: 0,
    });
  } catch (err) {
    // Clients first: a fake closed under a live client leaves it reconnecting.
    await slackAdapter.stop();
    await discordAdapter.stop();
    await closeFakes();
    throw err;
  }

  const users = new Map<string, FakeUser>();
  const discordUser = (name: string) => {
    let u = users.get(name);
    if (!u) {
      u = discord.addUser(name, { agent: name.startsWith('A') });
      users.set(name, u);
    }
    return u;
  };
  const slackCard = (caseId: string) => slack.messagesIn(AGENTS_CHANNEL).find((m) => !m.thread_ts && visibleText(m).includes(caseId));

  return {
    slack,
    discord,
    deskbot,
    send: httpSender(`http://127.0.0.1:${slackAdapter.httpPort()}`, SECRET),
    async discordHandled(n, act) {
      const target = tracker.counts.started + n;
      const result = act();
      await discord.waitFor(() => tracker.counts.started >= target && tracker.counts.finished === tracker.counts.started, `${n} handled event(s)`, TURN_WAIT_MS);
      return result;
    },
    discordUser,
    discordDm: (name) => discord.dmChannelOf(discordUser(name).id),
    discordBotMessages: (channelId) =>
      discord
        .messagesIn(channelId)
        .filter((m) => (m.author as FakeUser).id === discord.bot.id)
        .map(seenOf),
    slackDm: (user) => slack.messagesIn(dmOf(user)).map(seen),
    slackCard,
    slackThread(caseId) {
      const card = slackCard(caseId);
      return card ? slack.messagesIn(AGENTS_CHANNEL).filter((m) => m.thread_ts === card.ts) : [];
    },
    async close() {
      await deskbot.stop();
      await closeFakes();
    },
  };
}

/** A user talking to the bot in their DM, on either platform. */
export interface UserDriver {
  /** Writes in the DM; resolves with the bot's new messages there. */
  says(text: string): Promise<SeenMessage[]>;
  /** Presses a choice the bot offered in the DM; resolves with the bot's new messages there. */
  press(value: string): Promise<SeenMessage[]>;
  /** Everything the bot posted in the DM so far. */
  seen(): SeenMessage[];
}

/** Drives Discord user `name` through their DM. */
export function discordUserDriver(tp: TwoPlatforms, name: string): UserDriver {
  const u = tp.discordUser(name);
  const dm = tp.discordDm(name);
  const turn = async (act: () => unknown) => {
    const before = tp.discordBotMessages(dm).length;
    await tp.discordHandled(1, act);
    return tp.discordBotMessages(dm).slice(before);
  };
  return {
    says: (text) => turn(() => tp.discord.userMessage(u, dm, text)),
    press: (value) => turn(() => pressChoice(tp.discord, u, dm, value)),
    seen: () => tp.discordBotMessages(dm),
  };
}

/** A Slack user talking to the bot in their DM. */
export function slackUserDriver(tp: TwoPlatforms, user: string): UserDriver {
  const turn = async (act: () => Promise<unknown>) => {
    const before = tp.slackDm(user).length;
    await act();
    return tp.slackDm(user).slice(before);
  };
  return {
    says: (text) => turn(() => tp.send.event(dmEvent(user, text))),
    press(value) {
      const offering = [...tp.slack.messagesIn(dmOf(user))].reverse().find((m) => choicesOn(m).includes(value));
      if (!offering) throw new Error(`no message in ${user}'s Slack DM offers "${value}"`);
      return turn(() => tp.send.interaction(pressPayload(offering, user, value)));
    },
    seen: () => tp.slackDm(user),
  };
}

/** A Slack agent presses a button on a case's card in the agents' channel (resolves after the bot handled it). */
export async function slackAgentPresses(tp: TwoPlatforms, agent: string, caseId: string, verb: AgentVerb): Promise<void> {
  const card = tp.slackCard(caseId);
  if (!card) throw new Error(`no Slack card for case ${caseId}`);
  await tp.send.interaction(pressPayload(card, agent, caseId, `case:${verb}`));
}

/** A Slack agent writes in the thread of a case's card. */
export async function slackAgentReplies(tp: TwoPlatforms, agent: string, caseId: string, text: string): Promise<void> {
  const card = tp.slackCard(caseId);
  if (!card) throw new Error(`no Slack card for case ${caseId}`);
  await tp.send.event(channelEvent(AGENTS_CHANNEL, agent, text, card.ts));
}

/** The Discord card message of a case (in a text channel or a forum post) and its thread. */
export function discordCard(tp: TwoPlatforms, caseId: string): { card: Json; threadId: string } | undefined {
  const thread = [...tp.discord.channels.values()].find((c) => c.type === 11 && String(c.name).startsWith(`${caseId} `));
  if (!thread) return undefined;
  // A thread started on a message, and a forum post's starter message, share the card message's id.
  const card = tp.discord.messages.get(thread.id as string);
  return card ? { card, threadId: thread.id as string } : undefined;
}

/** A Discord agent presses a button of a case's card; resolves once the core has handled the action. */
export async function discordAgentPresses(tp: TwoPlatforms, name: string, caseId: string, verb: AgentVerb): Promise<void> {
  const found = discordCard(tp, caseId);
  if (!found) throw new Error(`no Discord card for case ${caseId}`);
  await tp.discordHandled(1, () => tp.discord.interact(tp.discordUser(name), found.card.id as string, `case:${verb}:${caseId}`));
}

/** A Discord member presses a button that never reaches the core (e.g. refused); resolves with Discord's answer to the press. */
export async function discordPressAnswer(tp: TwoPlatforms, name: string, messageId: string, customId: string): Promise<Json[]> {
  const id = tp.discord.interact(tp.discordUser(name), messageId, customId);
  return tp.discord.waitFor(() => (tp.discord.interactionResponses.get(id)?.length ?? 0) > 1 && tp.discord.interactionResponses.get(id), `the answers to ${name}'s press`);
}

/** A Discord agent writes in the thread of a case's card (resolves after the bot handled it). */
export async function discordAgentReplies(tp: TwoPlatforms, name: string, caseId: string, text: string): Promise<void> {
  const found = discordCard(tp, caseId);
  if (!found) throw new Error(`no Discord card for case ${caseId}`);
  await tp.discordHandled(1, () => tp.discord.userMessage(tp.discordUser(name), found.threadId, text));
}
