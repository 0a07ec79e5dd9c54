/** Status lookups show a user only their own cases: someone else's case ID is answered exactly like one that does not exist. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConsoleSession, type ConsoleSession, type OutputLine } from '../support/console-session.js';

const UNKNOWN_ID = 'ZZZ-ZZZ';

describe('status privacy', () => {
  let session: ConsoleSession;
  let caseId: string;

  beforeEach(async () => {
    session = await openConsoleSession({ now: '2026-11-23T10:00:00+09:00' });
    await session.send({ user: 'owner', text: '상담원 연결해 주세요' });
    await session.send({ user: 'owner', text: '메일함 용량이 꽉 찼는데 지워도 그대로예요' });
    const receipt = await session.send({ user: 'owner', choose: 'confirm' });
    caseId = receipt.flatMap((o) => ('caseId' in o && o.caseId ? [o.caseId] : []))[0];
    expect(caseId).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
  });
  afterEach(() => session.close());

  /** What `user` sees when asking about `id`, with the id blanked out (and the matcher's score, which depends only on the words). */
  async function answerAbout(user: string, id: string, ask: (id: string) => string): Promise<OutputLine[]> {
    const out = (await session.send({ user, text: ask(id) })).map((o) => ({ ...o, confidence: undefined }));
    return JSON.parse(JSON.stringify(out).split(id).join('<id>')) as OutputLine[];
  }

  it.each([
    ['a question with the id', (id: string) => `${id} 상태 알려주세요`],
    ['an English question', (id: string) => `what is the status of ${id}?`],
    ['the id alone', (id: string) => id],
  ])('answers another user’s case ID exactly like an unknown one: %s', async (_how, ask) => {
    const other = await answerAbout('stranger', caseId, ask);
    const unknown = await answerAbout('stranger', UNKNOWN_ID, ask);
    expect(other).toEqual(unknown);
    expect(JSON.stringify(other)).not.toMatch(/메일함|storage|접수됨|received/);
    // The owner asking the same way does get the case.
    const own = await session.send({ user: 'owner', text: `${caseId} 어떻게 됐나요?` });
    expect(own.map((o) => ('text' in o ? o.text : '')).join('\n')).toContain('메일함 용량');
  });
});
