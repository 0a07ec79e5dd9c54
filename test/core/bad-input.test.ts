/** Bad input through the whole core: a clear reply every time, and the conversation goes on. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConsoleSession, type ConsoleSession } from '../support/console-session.js';

describe('bad input', () => {
  let session: ConsoleSession;
  beforeEach(async () => {
    session = await openConsoleSession({ now: '2026-11-23T10:00:00+09:00' });
  });
  afterEach(() => session.close());

  it('answers a 50 KB message with a clear limit and keeps the conversation', async () => {
    const [reply] = await session.send({ user: 'u1', text: '비밀번호 '.repeat(10_000) });
    expect(reply).toMatchObject({ to: 'u1', state: 'idle' });
    expect((reply as { text: string }).text).toContain('너무 길어요');
    const next = await session.send({ user: 'u1', text: '비밀번호를 잊어버렸어요' });
    expect(next[0]).toMatchObject({ intent: 'account.password_reset' });
  });

  it('relays a long message to the agent once a case is open instead of refusing it', async () => {
    await session.send({ user: 'u1', text: '상담원 연결해 주세요' });
    await session.send({ user: 'u1', text: '메일함 용량이 꽉 찼다고 나오는데 지워도 그대로예요' });
    const receipt = await session.send({ user: 'u1', choose: 'confirm' });
    expect(receipt.some((o) => 'state' in o && o.state === 'handed_off')).toBe(true);
    const long = `로그 전문입니다 ${'x'.repeat(6000)}`;
    const relayed = await session.send({ user: 'u1', text: long });
    expect(relayed).toHaveLength(1);
    expect(relayed[0]).toMatchObject({ to: 'agents' });
    expect((relayed[0] as { text: string }).text).toContain('x'.repeat(6000));
  });

  it('relays only the first 16,000 characters of a huge paste during a case, and says so', async () => {
    await session.send({ user: 'u1', text: '상담원 연결해 주세요' });
    await session.send({ user: 'u1', text: '메일함 용량이 꽉 찼다고 나오는데 지워도 그대로예요' });
    await session.send({ user: 'u1', choose: 'confirm' });
    const out = await session.send({ user: 'u1', text: `시작${'y'.repeat(100_000)}` });
    const relay = out.find((o) => 'to' in o && o.to === 'agents') as { text: string };
    expect(relay.text).toContain(`시작${'y'.repeat(15_000)}`);
    expect(relay.text).not.toContain('y'.repeat(16_000));
    expect(relay.text).toMatch(/\[…\]$/);
    const toUser = out.filter((o) => 'to' in o && o.to === 'u1').map((o) => (o as { text: string }).text);
    expect(toUser.join('\n')).toContain('앞부분 16000자만 상담원에게 전달했어요');
  });

  it('handles control characters, zero-width characters, emoji and mixed scripts', async () => {
    for (const text of ['\u0000\u0001\u0002', '\u200b\u200c\u200d\ufeff', '🙂🙂🙂', 'ㅋㅋㅋ', '비밀번호 reset 어떻게 해요? 🙏']) {
      const out = await session.send({ user: 'u2', text });
      expect(out.length, text).toBeGreaterThan(0);
      for (const o of out) expect(o).not.toHaveProperty('error');
    }
  });

  it('refuses an advance past the last date a clock can show, and later turns still work', async () => {
    expect(await session.send({ advance: 'P999999999999D' })).toEqual([{ error: expect.stringContaining('the clock did not move') }]);
    expect((await session.send({ user: 'u4', text: '비밀번호를 잊어버렸어요' }))[0]).toMatchObject({ intent: 'account.password_reset' });
    expect(await session.send({ advance: 'P1D' })).toEqual([]);
  });

  it('lets the clock reach the end of year 9999, where cases still open, and no further', async () => {
    const days = Math.floor((Date.UTC(9999, 11, 1) - Date.parse('2026-11-23T10:00:00+09:00')) / 86_400_000);
    expect(await session.send({ advance: `P${days}D` })).toEqual([]);
    await session.send({ user: 'u5', text: '상담원 연결해 주세요' });
    await session.send({ user: 'u5', text: '메일함 용량이 꽉 찼다고 나오는데 지워도 그대로예요' });
    const receipt = await session.send({ user: 'u5', choose: 'confirm' });
    expect(receipt.some((o) => 'state' in o && o.state === 'handed_off')).toBe(true);
    expect(await session.send({ advance: 'P40D' })).toEqual([{ error: expect.stringContaining('the clock did not move') }]);
    for (const o of await session.send({ advance: 'P20D' })) expect(o).not.toHaveProperty('error');
  });

  it('answers an invalid JSON line with an error line and keeps going', async () => {
    expect(await session.send('{"user": "u3", "text": ')).toEqual([{ error: expect.stringContaining('not valid JSON') }]);
    expect((await session.send({ user: 'u3', text: 'hello' }))[0]).toMatchObject({ to: 'u3' });
  });
});
