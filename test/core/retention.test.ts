/** RETENTION_DAYS: the bot deletes older turn-log entries and empties the transcripts of cases closed before then, at start and daily. */
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleSession, type ConsoleSession } from '../support/console-session.js';

let session: ConsoleSession;
afterEach(() => session?.close());

async function turnCount(): Promise<number> {
  let n = 0;
  for await (const _ of session.deskbot.store.turns.between(new Date(0), new Date('9999-01-01'))) n++;
  return n;
}

describe('retention', () => {
  it('deletes turn-log entries and closed transcripts older than RETENTION_DAYS, once a day from the tick', async () => {
    session = await openConsoleSession({ now: '2026-11-23T10:00:00+09:00', env: { RETENTION_DAYS: '2' } });
    const opened = await session.send({ user: 'u1', text: '스팸 문자 신고할게요 https://spam.example.com 에서 왔어요' });
    let caseId = opened.flatMap((o) => ('caseId' in o && o.caseId ? [o.caseId] : []))[0];
    for (let i = 0; i < 4 && !caseId; i++) {
      const out = await session.send({ user: 'u1', choose: i < 3 ? 'skip' : 'confirm' });
      caseId = out.flatMap((o) => ('caseId' in o && o.caseId ? [o.caseId] : []))[0];
    }
    if (!caseId) caseId = (await session.send({ user: 'u1', choose: 'confirm' })).flatMap((o) => ('caseId' in o && o.caseId ? [o.caseId] : []))[0];
    await session.send({ agent: 'a1', case: caseId, do: 'close' });
    const turns = await turnCount();
    expect(turns).toBeGreaterThan(1);
    expect((await session.deskbot.store.cases.get(caseId))?.transcript.length).toBeGreaterThan(0);
    await session.send({ advance: 'P1D' });
    await session.send({ user: 'u2', text: '안녕하세요' });
    expect(await turnCount()).toBe(turns + 1);
    // Two days and a bit later: u1's turns and the closed case's transcript are past retention; u2's turn is not.
    await session.send({ advance: 'PT26H' });
    expect(await turnCount()).toBe(1);
    const c = await session.deskbot.store.cases.get(caseId);
    expect(c?.transcript).toEqual([]);
    expect(c?.status).toBe('closed');
    expect((await session.deskbot.store.cases.events(caseId)).some((e) => e.data && 'text' in e.data)).toBe(false);
  });
});
