/**
 * What a case keeps: an event log (who did what, when) and its transcript, through the whole lifecycle;
 * and nothing a user typed that had to be masked reaches the store's files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConsoleSession, type ConsoleSession } from '../support/console-session.js';

const SECRETS = ['4111-1111-1111-1111', '4111111111111111', '900101-1234567', '1234-5678', 'hunter2'];

describe('the case record', () => {
  let session: ConsoleSession;
  let caseId: string;

  /** Sends the lines one by one, an hour apart, so that every event has its own time. */
  async function hourly(lines: object[]): Promise<void> {
    for (const line of lines) {
      await session.send({ advance: 'PT1H' });
      const out = await session.send(line);
      for (const o of out) if ('caseId' in o && o.caseId) caseId = o.caseId;
    }
  }

  beforeEach(async () => {
    session = await openConsoleSession({ now: '2026-11-23T10:00:00+09:00' });
    await session.send({ user: 'u1', text: '중복 결제가 됐어요 환불해주세요. 카드번호 4111-1111-1111-1111, 연락처 010-1234-5678' });
    await session.send({ user: 'u1', text: '주문번호 ORD-2026-1234' });
    await session.send({ user: 'u1', text: '어제 오후 2시' });
    await session.send({ user: 'u1', text: '제 아이디는 pay_user 비밀번호는 hunter2!! 입니다' });
    await hourly([{ user: 'u1', choose: 'confirm' }]);
    await hourly([{ agent: 'a1', case: caseId, do: 'claim' }]);
  });
  afterEach(() => session.close());

  it('logs every step with its actor and time, and keeps the transcript with the agent and the user', async () => {
    await hourly([
      { agent: 'a1', case: caseId, text: '결제 내역 확인 중입니다.' },
      { user: 'u1', text: '주민번호 900101-1234567 도 필요하세요?' },
      { agent: 'a2', case: caseId, do: 'verify' },
      { agent: 'a1', case: caseId, do: 'resolve' },
      { user: 'u1', choose: 'solved' },
      { user: 'u1', choose: 'rate:4' },
      { user: 'u1', text: '친절했어요' },
    ]);
    const events = await session.deskbot.store.cases.events(caseId);
    const user = { kind: 'user', id: 'console:u1' };
    const hour = (h: number) => new Date(Date.UTC(2026, 10, 23, 1 + h)).toISOString();
    expect(events.map(({ type, actor, at }) => ({ type, actor, at }))).toEqual([
      { type: 'opened', actor: user, at: hour(1) },
      { type: 'claim', actor: { kind: 'agent', id: 'a1' }, at: hour(2) },
      { type: 'reply', actor: { kind: 'agent', id: 'a1' }, at: hour(3) },
      { type: 'user_message', actor: user, at: hour(4) },
      { type: 'verify', actor: { kind: 'agent', id: 'a2' }, at: hour(5) },
      { type: 'resolve', actor: { kind: 'agent', id: 'a1' }, at: hour(6) },
      { type: 'confirmed_solved', actor: user, at: hour(7) },
      { type: 'rated', actor: user, at: hour(8) },
      { type: 'closed_after_feedback', actor: user, at: hour(9) },
    ]);
    expect(events.find((e) => e.type === 'rated')?.data).toEqual({ rating: 4 });
    expect(events.at(-1)?.data).toEqual({ comment: '친절했어요' });

    const c = await session.deskbot.store.cases.get(caseId);
    expect(c).toMatchObject({ status: 'closed', assignee: 'a1', verification: 'verified', rating: 4, ratingComment: '친절했어요' });
    const lines = c!.transcript.map((t) => `${t.from}:${t.by}: ${t.text}`);
    expect(lines[0]).toBe('user:u1: 중복 결제가 됐어요 환불해주세요. 카드번호 [카드번호], 연락처 [전화번호]');
    expect(lines).toContain('agent:a1: 결제 내역 확인 중입니다.');
    expect(lines).toContain('user:u1: 주민번호 [주민등록번호] 도 필요하세요?');
    expect(lines.some((l) => l.startsWith('bot:bot: '))).toBe(true);
  });

  it('keeps no password, card, resident registration or phone number in any store file', async () => {
    await hourly([{ user: 'u1', text: '주민번호 900101-1234567 도 필요하세요?' }]);
    await session.close();
    const files = readdirSync(session.dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const content = readFileSync(join(session.dataDir, file), 'utf8');
      for (const secret of SECRETS) expect(content, `${file} contains ${secret}`).not.toContain(secret);
    }
    expect(readFileSync(join(session.dataDir, 'deskbot.json'), 'utf8')).toContain('[카드번호]');
  });
});
