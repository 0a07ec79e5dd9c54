/** An agent's action whose save failed is applied when the platform delivers it again; an applied one is not applied twice. */
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleAdapter, type ConsoleOutput } from '../../src/channels/console/console-adapter.js';
import { operatorIsAgent } from '../../src/channels/console/protocol.js';
import { loadConfig } from '../../src/config.js';
import type { AgentAction } from '../../src/channels/contract.js';
import { startDeskbot, type Deskbot } from '../../src/main.js';
import { StoreUnavailableError } from '../../src/store/errors.js';
import { openMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/port.js';

describe('agent action retried after a failed commit', () => {
  let deskbot: Deskbot | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await deskbot?.stop();
    await store?.close();
  });

  it('applies the retry and drops later duplicates', async () => {
    store = openMemoryStore();
    const real = store;
    let failNextCommit = false;
    const flaky: Store = Object.create(real, {
      commit: {
        value: async (change: Parameters<Store['commit']>[0]) => {
          if (failNextCommit) {
            failNextCommit = false;
            throw new StoreUnavailableError('the disk went away for a moment');
          }
          return real.commit(change);
        },
      },
    }) as Store;
    const out: ConsoleOutput[] = [];
    const adapter = createConsoleAdapter((o) => out.push(o));
    deskbot = await startDeskbot({ adapters: [adapter], config: loadConfig({}), store: flaky, watch: false, tickEveryMs: 0, now: () => new Date('2026-11-23T01:00:00Z') });
    const h = adapter.handlers();
    const say = (id: string, text: string, choice?: string) => h.onMessage({ id, channel: 'console', conversationId: 'u1', user: { id: 'u1', isBot: false }, text, choice });
    await say('m1', '상담원 연결해 주세요');
    await say('m2', '메일함 용량이 꽉 찼다고 나오는데 지워도 그대로예요');
    await say('m3', '', 'confirm');
    const caseId = out.find((o) => o.caseId)?.caseId as string;
    expect(caseId).toBeTruthy();
    const claim: AgentAction = { id: 'press-1', channel: 'console', agent: { id: 'agent-kim', isAgent: operatorIsAgent }, caseId, verb: 'claim' };

    out.length = 0;
    failNextCommit = true;
    await h.onAgentAction(claim);
    expect(out).toEqual([]);
    expect((await real.cases.get(caseId))?.status).toBe('open');

    await h.onAgentAction(claim);
    expect(out.filter((o) => o.to === 'u1').map((o) => o.text)).toEqual([expect.stringContaining('상담원')]);
    expect((await real.cases.get(caseId))?.status).toBe('claimed');

    out.length = 0;
    await h.onAgentAction(claim);
    expect(out).toEqual([]);
    expect((await real.cases.events(caseId)).filter((e) => e.type === 'claim')).toHaveLength(1);
  });
});
