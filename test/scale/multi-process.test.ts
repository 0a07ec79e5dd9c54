/**
 * Several deskbot processes on one PostgreSQL, driven through the whole core (startDeskbot in child processes):
 * duplicate deliveries of the same events are answered once, in order, and SLA timers and auto-close fire once.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { texts } from '../../src/dialog/texts.js';
import { admin, DATABASE_URL, dropSchema, freshSchema } from '../store/pg-helpers.js';
import { startBotProcess, type BotProcess, type Delivered } from './bot-process.js';
import { CONFIRM_TURN, NOW, scriptMessage, shown, TURNS } from './scale-script.js';

const skipMessage = 'needs DATABASE_URL (e.g. postgres://root@127.0.0.1:5432/test)';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until fn returns a value, polling, and gives up after a generous deadline. */
async function eventually<T>(fn: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await fn();
    if (value !== undefined) return value;
    await sleep(25);
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe.skipIf(!DATABASE_URL)(`two deskbot processes on one PostgreSQL (${DATABASE_URL ? 'running' : `skipped: ${skipMessage}`})`, () => {
  const schema = freshSchema();
  const appName = `deskbot-scale-${schema}`;
  const deliveries: Delivered[] = [];
  let bots: BotProcess[] = [];

  beforeAll(async () => {
    const options = { connectionString: DATABASE_URL ?? '', schema, applicationName: appName, now: NOW };
    // The first process creates the schema, so the second does not race it for the migration's first run.
    bots.push(await startBotProcess('p0', options, (d) => deliveries.push(d)));
    bots.push(await startBotProcess('p1', options, (d) => deliveries.push(d)));
  });

  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop().catch(() => b.kill())));
    bots = [];
    await dropSchema(schema);
  });

  const db = <T extends object>(sql: string, values: unknown[] = []) => admin(async (c) => (await c.query<T>(sql.replaceAll('$schema', `"${schema}"`), values)).rows);
  const caseIdOf = (user: string) => deliveries.find((d) => d.kind === 'user' && d.out.to === user && d.out.caseId)?.out.caseId ?? null;
  const byMessage = (id: string) => deliveries.filter((d) => d.tag === id);

  it('answers each doubly delivered message exactly once, in order, and opens one case per conversation', async () => {
    // Reference: one conversation through one process alone, one message at a time.
    for (let turn = 0; turn < TURNS; turn++) await bots[0].message(scriptMessage('solo', turn));
    const reference = Array.from({ length: TURNS }, (_, turn) => byMessage(`solo-m${turn}`).map((d) => shown(d, 'solo', caseIdOf('solo'))));
    expect(reference[CONFIRM_TURN].some((s) => s.startsWith('user|') && s.includes('handed_off'))).toBe(true);

    // The race: every message of every conversation goes to both processes at once, as two load-balanced
    // instances receiving the same platform event; each process gets a conversation's messages in order.
    const users = Array.from({ length: 6 }, (_, i) => `race${i}`);
    const handled: Promise<void>[] = [];
    for (let turn = 0; turn < TURNS; turn++) {
      for (const user of users) for (const bot of bots) handled.push(bot.message(scriptMessage(user, turn)));
    }
    await Promise.all(handled);

    const caseIds = new Set<string>();
    for (const user of users) {
      const caseId = caseIdOf(user);
      expect(caseId, `${user} got no case id`).not.toBeNull();
      caseIds.add(caseId ?? '');
      for (let turn = 0; turn < TURNS; turn++) {
        const answers = byMessage(`${user}-m${turn}`);
        expect(new Set(answers.map((d) => d.process)).size, `${user} turn ${turn} answered by ${answers.map((d) => d.process).join(',')}`).toBe(1);
        expect(answers.map((d) => shown(d, user, caseId))).toEqual(reference[turn]);
      }
      // The order users saw: the tags of one conversation's deliveries never go back to an earlier message.
      const turns = deliveries.filter((d) => d.tag.startsWith(`${user}-m`)).map((d) => Number(d.tag.slice(`${user}-m`.length)));
      expect(turns).toEqual([...turns].sort((a, b) => a - b));
    }
    expect(caseIds.size).toBe(users.length);

    const perUser = await db<{ user: string; cases: number; opened: number; id: string }>(
      `select c.requester_user as user, count(distinct c.id)::int as cases, count(e.*) filter (where e.data->>'type' = 'opened')::int as opened, min(c.id) as id
       from $schema.cases c left join $schema.case_events e on e.case_id = c.id
       where c.requester_user = any($1) group by c.requester_user order by 1`,
      [users],
    );
    expect(perUser).toEqual(users.map((user) => ({ user, cases: 1, opened: 1, id: caseIdOf(user) })));
    const conversations = await db<{ id: string; case_id: string }>(`select id, state->>'caseId' as case_id from $schema.conversations where id = any($1) order by 1`, [
      users.map((u) => `console:${u}`),
    ]);
    expect(conversations).toEqual(users.map((u) => ({ id: `console:${u}`, case_id: caseIdOf(u) })));
    // Agents got one new-case card per case, whichever process opened it.
    const cards = deliveries.filter((d) => d.kind === 'card' && d.out.text.startsWith('New case'));
    for (const id of caseIds) expect(cards.filter((d) => d.out.caseId === id)).toHaveLength(1);
  });

  it('keeps one case per conversation when the connection holding its lock dies in the middle of a turn', async () => {
    // A user presses "confirm" twice; the presses reach different processes. The first process loses its
    // lock's connection while its commit waits; the second must not run the same conversation meanwhile.
    const user = 'lost-lock';
    for (let turn = 0; turn < CONFIRM_TURN; turn++) await bots[0].message(scriptMessage(user, turn));
    const waiters = (c: pg.Client) =>
      c.query<{ pid: number }>(`select pid from pg_stat_activity where application_name = $1 and wait_event_type = 'Lock'`, [appName]).then((r) => r.rows.map((x) => x.pid));
    const turns = await admin(async (blocker) => {
      await blocker.query('begin');
      await blocker.query(`select 1 from "${schema}".conversations where id = $1 for update`, [`console:${user}`]);
      const first = bots[0].message(scriptMessage(user, CONFIRM_TURN, `${user}-press1`));
      let second: Promise<void> | undefined;
      await admin(async (monitor) => {
        const seen = await eventually(async () => ((await waiters(monitor)).length > 0 ? await waiters(monitor) : undefined), 'the first commit to wait');
        const holders = await monitor.query<{ pid: number }>(
          `select l.pid from pg_locks l join pg_stat_activity a on a.pid = l.pid where a.application_name = $1 and l.locktype = 'advisory' and l.granted`,
          [appName],
        );
        expect(holders.rows).toHaveLength(1);
        await monitor.query('select pg_terminate_backend($1)', [holders.rows[0].pid]);
        second = bots[1].message(scriptMessage(user, CONFIRM_TURN, `${user}-press2`));
        await eventually(async () => ((await waiters(monitor)).some((pid) => !seen.includes(pid)) ? true : undefined), 'the second press to wait');
      });
      await blocker.query('rollback');
      return Promise.all([first, second]);
    });
    expect(turns).toHaveLength(2);
    const receipts = deliveries.filter((d) => d.tag.startsWith(`${user}-press`) && d.kind === 'user' && d.out.text.includes('접수번호는'));
    const cases = await db<{ id: string }>(`select id from $schema.cases where requester_user = $1`, [user]);
    const [conversation] = await db<{ case_id: string }>(`select state->>'caseId' as case_id from $schema.conversations where id = $1`, [`console:${user}`]);
    expect({ cases: cases.map((c) => c.id), receipts: receipts.map((d) => d.out.caseId) }).toEqual({ cases: [conversation.case_id], receipts: [conversation.case_id] });
  });

  it('fires each SLA reminder and overdue flag once when both processes tick at the same time', async () => {
    // Cases opened by either process: each conversation's messages go to one process only this time.
    const users = Array.from({ length: 6 }, (_, i) => `sla${i}`);
    await Promise.all(
      users.map(async (user, i) => {
        for (let turn = 0; turn <= CONFIRM_TURN; turn++) await bots[i % 2].message(scriptMessage(user, turn));
      }),
    );
    const active = await db<{ id: string; due_at: string }>(`select id, data->>'dueAt' as due_at from $schema.cases where status = 'open'`);
    expect(active.map((c) => c.id)).toEqual(expect.arrayContaining(users.map(caseIdOf)));
    const earliestDue = Math.min(...active.map((c) => Date.parse(c.due_at)));
    const latestDue = Math.max(...active.map((c) => Date.parse(c.due_at)));
    const reminderHours = loadConfig({}).slaReminderHours;
    const remindAt = new Date(latestDue - reminderHours * 3_600_000 + 60_000);
    expect(remindAt.getTime()).toBeLessThan(earliestDue);

    const notices = (prefix: string) => deliveries.filter((d) => d.kind === 'notice' && d.out.text.includes(`] ${prefix}`));
    const eventsOf = (type: string) =>
      db<{ case_id: string; n: number }>(`select case_id, count(*)::int as n from $schema.case_events where data->>'type' = $1 group by 1 order by 1`, [type]);
    const oncePerCase = active.map((c) => ({ case_id: c.id, n: 1 })).sort((a, b) => (a.case_id < b.case_id ? -1 : 1));

    await Promise.all(bots.map((b) => b.setClock(remindAt.toISOString())));
    await Promise.all(bots.map((b) => b.tick('remind')));
    expect(await eventsOf('reminder')).toEqual(oncePerCase);
    expect(notices('Reminder:').map((d) => d.out.caseId).sort()).toEqual(oncePerCase.map((c) => c.case_id));

    await Promise.all(bots.map((b) => b.setClock(new Date(latestDue + 60_000).toISOString())));
    await Promise.all(bots.map((b) => b.tick('overdue')));
    expect(await eventsOf('overdue')).toEqual(oncePerCase);
    expect(notices('Overdue:').map((d) => d.out.caseId).sort()).toEqual(oncePerCase.map((c) => c.case_id));
    // Ticking again finds nothing left to do.
    await Promise.all(bots.map((b) => b.tick('again')));
    expect(deliveries.filter((d) => d.tag === 'again')).toEqual([]);
  });

  it('applies an agent action delivered to both processes once, and auto-closes each resolved case once', async () => {
    const users = Array.from({ length: 4 }, (_, i) => `close${i}`);
    await Promise.all(
      users.map(async (user, i) => {
        for (let turn = 0; turn <= CONFIRM_TURN; turn++) await bots[i % 2].message(scriptMessage(user, turn));
      }),
    );
    const caseIds = users.map(caseIdOf) as string[];
    expect(caseIds.every(Boolean)).toBe(true);
    const eventsOf = async (type: string) =>
      (await db<{ case_id: string; n: number }>(`select case_id, count(*)::int as n from $schema.case_events where data->>'type' = $1 and case_id = any($2) group by 1 order by 1`, [type, caseIds]));
    const oncePerCase = [...caseIds].sort().map((id) => ({ case_id: id, n: 1 }));

    // The agent's "resolve" press reaches both processes, as a platform event delivered twice.
    await Promise.all(caseIds.flatMap((caseId) => bots.map((b) => b.agent({ id: `resolve-${caseId}`, channel: 'console', agent: { id: 'a1' }, caseId, verb: 'resolve' }))));
    expect(await eventsOf('resolve')).toEqual(oncePerCase);
    for (const caseId of caseIds) expect(byMessage(`resolve-${caseId}`).filter((d) => d.kind === 'user')).toHaveLength(1);

    const [{ resolved_at }] = await db<{ resolved_at: string }>(`select max(data->>'resolvedAt') as resolved_at from $schema.cases where id = any($1)`, [caseIds]);
    const closeAt = new Date(Date.parse(resolved_at) + loadConfig({}).autoCloseDays * 86_400_000 + 60_000);
    await Promise.all(bots.map((b) => b.setClock(closeAt.toISOString())));
    await Promise.all(bots.map((b) => b.tick('auto-close')));
    expect(await eventsOf('auto_close')).toEqual(oncePerCase);
    const closedNotices = deliveries.filter((d) => d.tag === 'auto-close' && d.kind === 'user' && caseIds.includes(d.out.caseId ?? ''));
    expect(closedNotices.map((d) => d.out.text).sort()).toEqual(caseIds.map((id) => texts('ko').autoClosed(id)).sort());
    expect(await db(`select id from $schema.cases where id = any($1) and status <> 'closed'`, [caseIds])).toEqual([]);
  });
});
