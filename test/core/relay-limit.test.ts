/** One user flooding a case: everything is saved, agents get one line instead of the flood, the user is told once. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RELAY_BURST, RELAY_REFILL_SECONDS } from '../../src/dialog/relay-limit.js';
import { openConsoleSession, type ConsoleSession, type OutputLine } from '../support/console-session.js';

const toAgents = (out: OutputLine[]) => out.filter((o) => 'to' in o && o.to === 'agents') as Array<{ text: string }>;
const toUser = (out: OutputLine[]) => out.filter((o) => 'to' in o && o.to === 'u1') as Array<{ text: string }>;

describe('relay rate limit', () => {
  let session: ConsoleSession;
  beforeEach(async () => {
    session = await openConsoleSession({ now: '2026-11-23T10:00:00+09:00' });
  });
  afterEach(() => session.close());

  it('relays a burst, then holds the rest with one notice, then summarises when the user slows down', async () => {
    await session.send({ user: 'u1', text: '상담원 연결해 주세요' });
    await session.send({ user: 'u1', text: '메일함 용량이 꽉 찼다고 나오는데 지워도 그대로예요' });
    const receipt = await session.send({ user: 'u1', choose: 'confirm' });
    const caseId = (receipt.find((o) => 'caseId' in o && o.caseId) as { caseId: string }).caseId;

    const relayed: string[] = [];
    const notices: string[] = [];
    const userTold: string[] = [];
    for (let i = 1; i <= RELAY_BURST + 5; i++) {
      const out = await session.send({ user: 'u1', text: `추가 정보 ${i}번` });
      for (const a of toAgents(out)) (a.text.includes(`추가 정보 ${i}번`) ? relayed : notices).push(a.text);
      userTold.push(...toUser(out).map((o) => o.text));
    }
    expect(relayed).toHaveLength(RELAY_BURST);
    expect(notices).toEqual([expect.stringContaining('is sending many messages at once')]);
    expect(userTold).toEqual([expect.stringContaining('천천히 보내 주세요')]);

    await session.send({ advance: `PT${RELAY_REFILL_SECONDS * 2}S` });
    const later = toAgents(await session.send({ user: 'u1', text: '이제 천천히 보낼게요' })).map((o) => o.text);
    expect(later).toEqual([expect.stringContaining('5 more messages'), expect.stringContaining('이제 천천히 보낼게요')]);

    const saved = (await session.deskbot.store.cases.events(caseId)).filter((e) => e.type === 'user_message').map((e) => e.data?.text);
    expect(saved).toEqual([...Array.from({ length: RELAY_BURST + 5 }, (_, i) => `추가 정보 ${i + 1}번`), '이제 천천히 보낼게요']);
  });
});
