/** A case opened with an id another case took meanwhile (another process drew the same one) is opened again under a new id. */
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleAdapter, type ConsoleOutput } from '../../src/channels/console/console-adapter.js';
import { loadConfig } from '../../src/config.js';
import { startDeskbot, type Deskbot } from '../../src/main.js';
import { openMemoryStore } from '../../src/store/memory-store.js';
import type { Store, TurnCommit } from '../../src/store/port.js';
import { makeCase } from '../store/builders.js';

describe('a case id taken by someone else at the moment of opening', () => {
  let deskbot: Deskbot | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await deskbot?.stop();
    await store?.close();
  });

  it('gives the user a case under another id and leaves the other case as it was', async () => {
    store = openMemoryStore();
    const real = store;
    let intruder: ReturnType<typeof makeCase> | undefined;
    // Just before the first commit that opens a case, another requester's case takes its id.
    const racing: Store = Object.create(real, {
      commit: {
        value: async (change: TurnCommit) => {
          const opened = change.events?.find((e) => e.type === 'opened');
          if (opened && !intruder) {
            intruder = makeCase(opened.caseId, { requester: { channel: 'console', conversationId: 'other', userId: 'other' } });
            await real.commit({ cases: [intruder] });
          }
          return real.commit(change);
        },
      },
    }) as Store;
    const out: ConsoleOutput[] = [];
    const adapter = createConsoleAdapter((o) => out.push(o));
    deskbot = await startDeskbot({ adapters: [adapter], config: loadConfig({}), store: racing, watch: false, tickEveryMs: 0, now: () => new Date('2026-11-23T01:00:00Z') });
    const h = adapter.handlers();
    const say = (id: string, text: string, choice?: string) => h.onMessage({ id, channel: 'console', conversationId: 'u1', user: { id: 'u1', isBot: false }, text, choice });
    await say('m1', '상담원 연결해 주세요');
    await say('m2', '메일함 용량이 꽉 찼다고 나오는데 지워도 그대로예요');
    await say('m3', '', 'confirm');

    expect(intruder).toBeDefined();
    const receipt = out.find((o) => o.to === 'u1' && o.caseId);
    expect(receipt?.text).toContain(receipt?.caseId as string);
    expect(receipt?.caseId).not.toBe(intruder?.id);
    expect(out.some((o) => o.text.includes(intruder?.id as string))).toBe(false);
    expect(await real.cases.get(intruder?.id as string)).toEqual(intruder);
    expect((await real.cases.get(receipt?.caseId as string))?.requester.userId).toBe('u1');
    expect((await real.cases.byRequester('console', 'u1')).map((c) => c.id)).toEqual([receipt?.caseId]);
  });
});
