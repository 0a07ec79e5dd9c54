/** The channel harness for Slack: the real core and the real Bolt adapter (HTTP mode) against the fake Slack. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createSlackAdapter, type SlackAdapter } from '../../../src/channels/slack/slack-adapter.js';
import { loadConfig } from '../../../src/config.js';
import { createClock, type Clock } from '../../../src/core/clock.js';
import { startDeskbot, type Deskbot } from '../../../src/main.js';
import { startFakeSlack, type FakeMessage, type FakeSlack } from '../../fakes/slack/fake-slack.js';
import { channelEvent, choicesOn, dmEvent, dmOf, httpSender, pressPayload, visibleText, type SlackSender } from '../../fakes/slack/payloads.js';
import type { ChannelHarness, SeenMessage } from '../harness.js';

/** The agents' channel of the default route. */
export const AGENTS_CHANNEL = 'CAGENTS';
/** Users who are members of the agents' channel. */
export const AGENT_IDS = ['A1', 'A2', 'UAGENT'];
const SECRET = 'harness-signing-secret';

/** The Slack harness, with access to the fake and the running bot for Slack-specific checks. */
export interface SlackHarness extends ChannelHarness {
  fake: FakeSlack;
  send: SlackSender;
  adapter: SlackAdapter;
  deskbot: Deskbot;
  clock: Clock;
  /** The current version of a case's card in the agents' channel. */
  cardOf(caseId: string): FakeMessage | undefined;
  /** A bot message the user can press `value` on, newest first, in their DM (or in `channel`). */
  pressable(user: string, value: string, channel?: string): FakeMessage | undefined;
}

/** What a person sees of a Slack message. */
export function seen(m: FakeMessage): SeenMessage {
  return { text: visibleText(m), choices: choicesOn(m) };
}

/** Starts the fake Slack, the adapter in HTTP mode (so each request returns after the bot handled it) and the core. */
export async function openSlackHarness(options: { now?: string; intentsDir?: string; logger?: Logger } = {}): Promise<SlackHarness> {
  const fake = await startFakeSlack({ members: { [AGENTS_CHANNEL]: [...AGENT_IDS, 'UBOT'] }, names: { U1: '민지', A1: 'Agent Kim' } });
  const adapter = createSlackAdapter({
    botToken: 'xoxb-harness-token',
    mode: 'http',
    signingSecret: SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl,
    retry: { retries: 2, minTimeoutMs: 20, maxTimeoutMs: 100 },
    processBeforeResponse: true,
  }, { logger: options.logger });
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-slack-'));
  const clock = createClock(new Date(options.now ?? '2026-11-23T10:00:00+09:00'));
  const config = { ...loadConfig({}), routes: { default: { route: 'default', channel: 'slack' as const, target: AGENTS_CHANNEL } } };
  let deskbot: Deskbot;
  try {
    deskbot = await startDeskbot({ adapters: [adapter], config, dataDir, intentsDir: options.intentsDir ?? 'intents', now: () => clock.now(), watch: false, tickEveryMs: 0 });
  } catch (err) {
    await adapter.stop();
    await fake.close();
    throw err;
  }
  const send = httpSender(`http://127.0.0.1:${adapter.httpPort()}`, SECRET);

  const since = async (channel: string, run: () => Promise<unknown>): Promise<SeenMessage[]> => {
    const before = fake.messagesIn(channel).length;
    await run();
    return fake.messagesIn(channel).slice(before).map(seen);
  };
  const pressable = (user: string, value: string, channel = dmOf(user)) =>
    [...fake.messagesIn(channel)].reverse().find((m) => choicesOn(m).includes(value));
  const cardOf = (caseId: string) =>
    fake.messagesIn(AGENTS_CHANNEL).find((m) => !m.thread_ts && visibleText(m).includes(caseId));

  const harness: SlackHarness = {
    fake,
    send,
    adapter,
    deskbot,
    clock,
    cardOf,
    pressable,
    userSays: (user, text) => since(dmOf(user), () => send.event(dmEvent(user, text))),
    userSaysTwice(user, text) {
      const event = dmEvent(user, text);
      return since(dmOf(user), async () => {
        await send.event(event, { eventId: 'EvTwice' });
        await send.event(event, { eventId: 'EvTwice', retryNum: 1 });
      });
    },
    press(user, value) {
      const m = pressable(user, value);
      if (!m) throw new Error(`${user} has no message offering "${value}"`);
      return since(dmOf(user), () => send.interaction(pressPayload(m, user, value)));
    },
    async agentDoes(agent, caseId, verb, text) {
      const card = cardOf(caseId);
      if (!card) throw new Error(`no card for case ${caseId} in the agents' channel`);
      if (verb === 'reply') await send.event(channelEvent(AGENTS_CHANNEL, agent, text ?? '', card.ts));
      else await send.interaction(pressPayload(card, agent, caseId, `case:${verb}`));
    },
    cardButtons(caseId) {
      const card = cardOf(caseId);
      const actions = (card?.blocks ?? []).flatMap((b) => ((b as { elements?: Array<{ action_id?: string }> }).elements ?? []).map((e) => e.action_id ?? ''));
      return actions.filter((a) => a.startsWith('case:')).map((a) => a.slice('case:'.length));
    },
    async outsiderDoes(person, caseId, verb, text) {
      const before = fake.callsOf('chat.postEphemeral').length;
      await harness.agentDoes(person, caseId, verb, text);
      return fake.callsOf('chat.postEphemeral').slice(before).filter((c) => c.args.user === person).map((c) => String(c.args.text));
    },
    botPosts(who, user, text) {
      const from = who === 'self' ? { user: 'UBOT', bot_id: 'BDESKBOT' } : { user: 'UOTHERBOT', bot_id: 'BOTHER', subtype: 'bot_message' };
      return send.event(dmEvent(from.user, text, { channel: dmOf(user), ...from })).then(() => undefined);
    },
    agentSide: () => fake.messagesIn(AGENTS_CHANNEL).map(seen),
    userSide: (user) => fake.messagesIn(dmOf(user)).map(seen),
    async close() {
      await deskbot.stop();
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
