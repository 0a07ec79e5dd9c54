/**
 * A bot process dies in the middle of a turn, before it answered; the platform, never having had its event
 * acknowledged, delivers it again to another process. The user must get the answer from that one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, DATABASE_URL, dropSchema, freshSchema } from '../store/pg-helpers.js';
import { startBotProcess, type BotProcess, type Delivered } from './bot-process.js';
import { CONFIRM_TURN, NOW, scriptMessage } from './scale-script.js';

const skipMessage = 'needs DATABASE_URL (e.g. postgres://root@127.0.0.1:5432/test)';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!DATABASE_URL)(`a deskbot process dying mid-turn (${DATABASE_URL ? 'running' : `skipped: ${skipMessage}`})`, () => {
  const schema = freshSchema();
  const appName = `deskbot-crash-${schema}`;
  const deliveries: Delivered[] = [];
  const bots: BotProcess[] = [];

  beforeAll(async () => {
    const options = { connectionString: DATABASE_URL ?? '', schema, applicationName: appName, now: NOW };
    bots.push(await startBotProcess('p0', options, (d) => deliveries.push(d)));
    bots.push(await startBotProcess('p1', options, (d) => deliveries.push(d)));
  });
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop().catch(() => b.kill())));
    await dropSchema(schema);
  });

  const db = <T extends object>(sql: string, values: unknown[] = []) => admin(async (c) => (await c.query<T>(sql.replaceAll('$schema', `"${schema}"`), values)).rows);
  const advisoryLocks = () =>
    db<{ pid: number }>(`select l.pid from pg_locks l join pg_stat_activity a on a.pid = l.pid where a.application_name = $1 and l.locktype = 'advisory'`, [appName]);
  const lockWaiters = () => db<{ pid: number }>(`select pid from pg_stat_activity where application_name = $1 and wait_event_type = 'Lock'`, [appName]);

  it('answers a redelivered message that the crashed process had taken but not answered', async () => {
    const user = 'crash';
    for (let turn = 0; turn < CONFIRM_TURN; turn++) await bots[0].message(scriptMessage(user, turn));
    const confirm = scriptMessage(user, CONFIRM_TURN);
    await admin(async (blocker) => {
      // Holds the conversation's row so that p0 is stopped inside its commit when it is killed.
      await blocker.query('begin');
      await blocker.query(`select 1 from "${schema}".conversations where id = $1 for update`, [`console:${user}`]);
      void bots[0].message(confirm).catch(() => undefined);
      for (let i = 0; i < 200 && (await lockWaiters()).length === 0; i++) await sleep(25);
      expect(await lockWaiters()).toHaveLength(1);
      bots[0].kill('SIGKILL');
      await blocker.query('rollback');
    });
    // The dead process's commit runs on its lock connection: once the row is free the server finds the client
    // gone, rolls the half-done transaction back and drops the conversation lock with it.
    for (let i = 0; i < 200 && (await advisoryLocks()).length > 0; i++) await sleep(25);
    expect(await advisoryLocks()).toEqual([]);
    expect(deliveries.filter((d) => d.tag === confirm.id)).toEqual([]);

    await bots[1].message(confirm);
    const answers = deliveries.filter((d) => d.tag === confirm.id && d.kind === 'user');
    expect(answers.map((d) => d.out.state)).toEqual(['handed_off']);
    const caseId = answers[0].out.caseId;
    expect(answers[0].out.text).toContain(`접수번호는 **${caseId}**`);
    expect(await db(`select id from $schema.cases where requester_user = $1`, [user])).toEqual([{ id: caseId }]);
  });
});
