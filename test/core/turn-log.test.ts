/**
 * Every user turn leaves one turn-log entry, committed with the turn: what the bot did, the outcome of the answer
 * before it, and (for review turns only) the masked text. Agent actions and timers are not user turns.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TurnLogEntry } from '../../src/insight/turn-log-entry.js';
import { openConsoleSession, type ConsoleSession } from '../support/console-session.js';

let session: ConsoleSession;
afterEach(() => session?.close());

async function entries(): Promise<TurnLogEntry[]> {
  const all: TurnLogEntry[] = [];
  for await (const e of session.deskbot.store.turns.between(new Date(0), new Date('9999-01-01'))) all.push(e);
  return all;
}

describe('turn log', () => {
  it('records each user turn once, with its action, the outcome of the answer before it, and text only for review', async () => {
    session = await openConsoleSession({ now: '2026-11-23T10:00:00+09:00' });
    await session.send({ user: 'u1', id: 'm1', text: '앱 푸시 알림이 안 와요' });
    await session.send({ advance: 'PT2M' });
    await session.send({ user: 'u1', id: 'm2', choose: 'solved' });
    // A redelivered message is dropped and leaves no second entry.
    await session.send({ user: 'u1', id: 'm2', choose: 'solved' });
    await session.send({ user: 'u2', id: 'm3', text: '내 카드 4111-1111-1111-1111로 오늘 날씨 알려줘' });
    const log = await entries();
    expect(log.map((e) => [e.id, e.action])).toEqual([
      ['console:m1', 'answered'],
      ['console:m2', 'other'],
      ['console:m3', 'out_of_scope'],
    ]);
    expect(log[0]).toEqual({
      id: 'console:m1', at: '2026-11-23T01:00:00.000Z', channel: 'console', conversation: 'console:u1', userId: 'u1',
      lang: 'ko', route: 'default', intent: 'app.push', confidence: log[0].confidence, action: 'answered',
    });
    expect(log[1]).toMatchObject({ at: '2026-11-23T01:02:00.000Z', outcome: 'solved', outcomeIntent: 'app.push', answeredAt: '2026-11-23T01:00:00.000Z' });
    expect(log[1].text).toBeUndefined();
    expect(log[2]).toMatchObject({ review: 'out_of_scope', intent: 'oos', userId: 'u2' });
    expect(log[2].text).toContain('[카드번호]');
    expect(JSON.stringify(log)).not.toContain('4111');
    expect(log[2].closest?.length).toBeGreaterThan(0);
  });

  it('agent actions and timers add no entry; the user turns of a handoff say collecting, case opened and relayed', async () => {
    session = await openConsoleSession({ now: '2026-11-23T10:00:00+09:00' });
    await session.send({ user: 'u1', text: '스팸 문자 신고할게요 https://spam.example.com 에서 왔어요' });
    let caseId = '';
    for (let i = 0; i < 6 && !caseId; i++) {
      const out = await session.send({ user: 'u1', choose: 'confirm' });
      caseId = out.flatMap((o) => ('caseId' in o && o.caseId ? [o.caseId] : []))[0] ?? '';
      if (!caseId) await session.send({ user: 'u1', choose: 'skip' });
    }
    expect(caseId).not.toBe('');
    const before = (await entries()).length;
    await session.send({ agent: 'a1', case: caseId, do: 'claim' });
    await session.send({ agent: 'a1', case: caseId, text: '확인해 볼게요' });
    await session.send({ advance: 'P3D' });
    expect(await entries()).toHaveLength(before);
    await session.send({ user: 'u1', text: '감사합니다 기다릴게요' });
    const log = await entries();
    expect(log).toHaveLength(before + 1);
    expect(log.filter((e) => e.action === 'case_opened')).toEqual([expect.objectContaining({ caseId, route: expect.any(String) })]);
    expect(log.at(-1)).toMatchObject({ action: 'relayed', caseId });
  });
});
