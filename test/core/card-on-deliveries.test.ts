/** The core names the case card on every relay and notice it hands an adapter, so adapters keep no case state. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../src/channels/console/console-adapter.js';
import type { AgentMessage, ChannelAdapter, Delivery } from '../../src/channels/contract.js';
import { loadConfig } from '../../src/config.js';
import { startDeskbot, type Deskbot } from '../../src/main.js';

describe('card reference on deliveries', () => {
  let deskbot: Deskbot | undefined;
  afterEach(async () => {
    await deskbot?.stop();
  });

  it('puts the card a case was given on each relay and notice, also after a restart of the bot, and keeps its link with the case', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-card-ref-'));
    const sent: Delivery[] = [];
    const console = createConsoleAdapter(() => undefined);
    // The platform numbers its cards: the reference is nothing the core could derive from the case.
    let cards = 0;
    const recording: ChannelAdapter & { handlers: typeof console.handlers } = {
      name: 'console',
      start: (h) => console.start(h),
      stop: () => console.stop(),
      handlers: () => console.handlers(),
      async deliver(d) {
        sent.push(d);
        await console.deliver(d);
        if (d.to !== 'agents' || d.message.kind !== 'card' || d.message.update) return undefined;
        cards += 1;
        return { ref: `console:card-${cards}`, link: `https://cards.example/${cards}` };
      },
    };
    const open = () => startDeskbot({ adapters: [recording], config: loadConfig({}), dataDir, watch: false, tickEveryMs: 0, now: () => new Date('2026-11-23T01:00:00Z') });
    const say = (id: string, text: string, choice?: string) =>
      recording.handlers().onMessage({ id, channel: 'console', conversationId: 'u1', user: { id: 'u1', isBot: false }, text, choice });
    const toAgents = () => sent.flatMap((d) => (d.to === 'agents' ? [d.message] : [])) as AgentMessage[];
    const threaded = () => toAgents().filter((m) => m.kind !== 'card');

    deskbot = await open();
    await say('m1', '상담원 연결해 주세요');
    await say('m2', '메일함 용량이 꽉 찼다고 나오는데 지워도 그대로예요');
    await say('m3', '', 'confirm');
    expect(toAgents()[0]).toMatchObject({ kind: 'card', update: false });
    await say('m4', '아직 그대로예요');
    expect(threaded().length).toBeGreaterThan(0);
    expect(threaded().map((m) => m.card)).toEqual(threaded().map(() => 'console:card-1'));
    const [opened] = await deskbot.store.cases.byRequester('console', 'u1');
    expect(opened).toMatchObject({ cardRefs: { console: 'console:card-1' }, cardLinks: { console: 'https://cards.example/1' } });

    await deskbot.stop();
    deskbot = await open();
    sent.length = 0;
    await say('m5', '답변 기다릴게요');
    expect(threaded()).toEqual([expect.objectContaining({ kind: 'relay', card: 'console:card-1', text: expect.stringContaining('답변 기다릴게요') })]);
  });
});
