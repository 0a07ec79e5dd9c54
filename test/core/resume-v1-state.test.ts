/** A conversation saved by the version 1 dialog resumes after an upgrade, where it was (compare 16-restart-while-collecting.yaml). */
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleSession, type ConsoleSession } from '../support/console-session.js';
import { V1_COLLECTING } from '../support/v1-dialog-state.js';

describe('a version 1 state after an upgrade', () => {
  let session: ConsoleSession;
  afterEach(() => session.close());

  it('goes on collecting from the question it was asking', async () => {
    session = await openConsoleSession({ now: '2026-11-23T10:05:00+09:00' });
    await session.deskbot.store.commit({ conversations: [{ id: 'console:u1', state: V1_COLLECTING, updatedAt: '2026-11-23T01:00:00.000Z' }] });
    const out = await session.send({ user: 'u1', text: '안드로이드 13' });
    expect(out).toEqual([expect.objectContaining({ to: 'u1', state: 'collecting', asking: 'app_version', slots: { device: 'mobile', os: 'Android 13' } })]);
    // The rest of the form and the case are as if it had never stopped.
    await session.send({ user: 'u1', text: '5.12.1' });
    const summary = await session.send({ user: 'u1', text: '어제부터요' });
    expect(summary).toEqual([expect.objectContaining({ state: 'confirming', slots: expect.objectContaining({ os: 'Android 13', app_version: '5.12.1' }) })]);
    const receipt = await session.send({ user: 'u1', choose: 'confirm' });
    const card = receipt.find((o) => 'to' in o && o.to === 'agents');
    expect(card).toMatchObject({ text: expect.stringContaining('앱 푸시가 안와요') });
    expect(receipt.find((o) => 'to' in o && o.to === 'u1')).toMatchObject({ state: 'handed_off', caseId: expect.any(String) });
  });

  it('keeps the message ids it had seen, so a redelivery from before the upgrade is still dropped', async () => {
    session = await openConsoleSession({ now: '2026-11-23T10:05:00+09:00' });
    const { store, bot } = session.deskbot;
    await store.commit({ conversations: [{ id: 'console:u1', state: V1_COLLECTING, updatedAt: '2026-11-23T01:00:00.000Z' }] });
    const message = (id: string) => ({ id, channel: 'console' as const, conversationId: 'u1', user: { id: 'u1', isBot: false }, text: '안드로이드 13' });
    await bot.handlers.onMessage(message('m3'));
    expect((await store.conversations.get('console:u1'))?.state).toEqual(V1_COLLECTING);
    await bot.handlers.onMessage(message('m4'));
    expect((await store.conversations.get('console:u1'))?.state).toMatchObject({ v: 2, asking: 'app_version', seen: ['m1', 'm2', 'm3', 'm4'] });
  });
});
