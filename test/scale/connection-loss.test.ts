/**
 * The whole core on PostgreSQL when the database connection fails: connections killed in the middle of a
 * turn, and a database that stays unreachable for a while. Users get an answer or a clear "try again",
 * and a turn is never half saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { createClock } from '../../src/core/clock.js';
import { texts } from '../../src/dialog/texts.js';
import { startDeskbot, type Deskbot } from '../../src/main.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { admin, DATABASE_URL, dropSchema, freshSchema } from '../store/pg-helpers.js';
import type { Delivered } from './bot-process.js';
import { createRecordingAdapter, type RecordingAdapter } from './recording-adapter.js';
import { CONFIRM_TURN, NOW, scriptMessage } from './scale-script.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

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

interface Running {
  deskbot: Deskbot;
  adapter: RecordingAdapter;
  deliveries: Delivered[];
  /** Handles one script turn (with an optional message id) and returns what it delivered. */
  turn(user: string, turn: number, id?: string): Promise<Delivered[]>;
  stop(): Promise<void>;
}

async function startBot(connectionString: string, schema: string, applicationName: string): Promise<Running> {
  const deliveries: Delivered[] = [];
  const adapter = createRecordingAdapter((r) => void deliveries.push({ ...r, process: 'test' }));
  const store = await openPostgresStore({ connectionString, schema, applicationName, pool: 2 });
  const clock = createClock(new Date(NOW));
  const config = { ...loadConfig({}), routes: { default: { route: 'default', channel: 'console' as const, target: '' } } };
  const deskbot = await startDeskbot({ adapters: [adapter], config, store, intentsDir: 'intents', now: () => clock.now(), watch: false, tickEveryMs: 0 });
  return {
    deskbot,
    adapter,
    deliveries,
    async turn(user, turn, id) {
      const message = scriptMessage(user, turn, id);
      await adapter.tagged(message.id, () => adapter.handlers().onMessage(message));
      return deliveries.filter((d) => d.tag === message.id);
    },
    async stop() {
      await deskbot.stop();
      await store.close();
    },
  };
}

describe.skipIf(!DATABASE_URL)(`deskbot on PostgreSQL losing its connections (${DATABASE_URL ? 'running' : `skipped: ${skipMessage}`})`, () => {
  const schema = freshSchema();
  const appName = `deskbot-loss-${schema}`;
  let bot: Running;
  beforeAll(async () => {
    bot = await startBot(DATABASE_URL ?? '', schema, appName);
  });
  afterAll(async () => {
    await bot.stop();
    await dropSchema(schema);
  });

  const db = <T extends object>(sql: string, values: unknown[] = []) => admin(async (c) => (await c.query<T>(sql.replaceAll('$schema', `"${schema}"`), values)).rows);
  const botBackends = (c: pg.Client, where = '') =>
    c.query<{ pid: number }>(`select pid from pg_stat_activity where application_name = $1 ${where}`, [appName]).then((r) => r.rows.map((row) => row.pid));
  const terminate = (c: pg.Client, pids: number[]) => c.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [pids]);

  /** What the database holds for a user: their cases, the conversation's phase and case, and 'opened' events. */
  async function saved(user: string) {
    const cases = await db<{ id: string }>(`select id from $schema.cases where requester_user = $1`, [user]);
    const [conversation] = await db<{ phase: string; case_id: string | null }>(
      `select state->>'phase' as phase, state->>'caseId' as case_id from $schema.conversations where id = $1`,
      [`console:${user}`],
    );
    const [{ opened }] = await db<{ opened: number }>(
      `select count(*)::int as opened from $schema.case_events e join $schema.cases c on c.id = e.case_id where c.requester_user = $1 and e.data->>'type' = 'opened'`,
      [user],
    );
    return { cases: cases.map((c) => c.id), phase: conversation?.phase, caseId: conversation?.case_id ?? null, opened };
  }

  /**
   * Runs the confirm turn while a row lock holds its commit half way, and kills the bot's connections:
   * 'everything-once' kills every backend of the bot (the commit runs on the one holding the conversation's
   * lock) the first time the commit waits; 'every-attempt' kills the commit's backend each time it (or a retry) waits.
   */
  async function confirmWhileKilling(user: string, how: 'everything-once' | 'every-attempt', id: string): Promise<Delivered[]> {
    return admin(async (blocker) => {
      await blocker.query('begin');
      await blocker.query(`select 1 from "${schema}".conversations where id = $1 for update`, [`console:${user}`]);
      let settled = false;
      const turn = bot.turn(user, CONFIRM_TURN, id).finally(() => (settled = true));
      await admin(async (monitor) => {
        const killed: number[] = [];
        await eventually(async () => ((await botBackends(monitor, "and wait_event_type = 'Lock'")).length > 0 ? true : undefined), 'the commit to wait');
        await terminate(monitor, await botBackends(monitor));
        while (how === 'every-attempt' && !settled) {
          const waiting = (await botBackends(monitor, "and wait_event_type = 'Lock'")).filter((pid) => !killed.includes(pid));
          await terminate(monitor, waiting);
          killed.push(...waiting);
          await sleep(10);
        }
      });
      await blocker.query('rollback');
      return turn;
    });
  }

  it('retries a turn whose connections are all killed in the middle of its commit, saving it once, and carries on', async () => {
    const user = 'killed-once';
    for (let t = 0; t < CONFIRM_TURN; t++) await bot.turn(user, t);
    const replies = await confirmWhileKilling(user, 'everything-once', 'killed-once-confirm');

    // The lock and the commit died with their connection; the store took the lock again and retried the commit.
    const receipt = replies.find((d) => d.kind === 'user' && d.out.state === 'handed_off');
    const caseId = receipt?.out.caseId;
    expect(receipt?.out.text).toContain(`접수번호는 **${caseId}**`);
    expect(replies.filter((d) => d.kind === 'card')).toHaveLength(1);
    expect(await saved(user)).toEqual({ cases: [caseId], phase: 'handed_off', caseId, opened: 1 });

    // The next messages work: one is relayed to agents, the other lists the one case.
    expect((await bot.turn(user, CONFIRM_TURN + 1)).map((d) => d.out.text)).toEqual([`[${caseId}] ${user}: 추가로 스크린샷 보내드릴게요`]);
    const status = await bot.turn(user, CONFIRM_TURN + 2);
    expect(status.find((d) => d.kind === 'user')?.out.text).toContain(`${caseId} · 앱 푸시 알림 안 옴`);
    expect(await saved(user)).toEqual({ cases: [caseId], phase: 'handed_off', caseId, opened: 1 });
  });

  it('saves nothing of a turn whose every commit attempt loses its connection, tells the user, and takes the retry', async () => {
    const user = 'killed-always';
    for (let t = 0; t < CONFIRM_TURN; t++) await bot.turn(user, t);
    const before = await saved(user);
    expect(before).toEqual({ cases: [], phase: 'confirming', caseId: null, opened: 0 });

    const replies = await confirmWhileKilling(user, 'every-attempt', 'killed-always-confirm');
    expect(replies.map((d) => `${d.kind}: ${d.out.text}`)).toEqual([`user: ${texts('ko').unavailable}`]);
    expect(await saved(user)).toEqual(before);

    // The user sends the confirmation again (a new platform message): one case, as if nothing had happened.
    const again = await bot.turn(user, CONFIRM_TURN, 'killed-always-confirm-again');
    const caseId = again.find((d) => d.kind === 'user' && d.out.state === 'handed_off')?.out.caseId;
    expect(caseId).toBeTruthy();
    expect(await saved(user)).toEqual({ cases: [caseId], phase: 'handed_off', caseId, opened: 1 });
  });
});

describe.skipIf(!DATABASE_URL)(`deskbot on an unreachable PostgreSQL (${DATABASE_URL ? 'running' : `skipped: ${skipMessage}`})`, () => {
  const schema = freshSchema();
  let proxy: TcpProxy;
  let bot: Running;
  beforeAll(async () => {
    const target = new URL(DATABASE_URL ?? '');
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(target);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    bot = await startBot(viaProxy.toString(), schema, `deskbot-down-${schema}`);
  });
  afterAll(async () => {
    await proxy.restore().catch(() => undefined);
    await bot.stop();
    await proxy.close();
    await dropSchema(schema);
  });

  it('tells the user it cannot open cases while the database is down, and picks the conversation up again after', async () => {
    const user = 'outage';
    for (let t = 0; t < CONFIRM_TURN - 1; t++) await bot.turn(user, t);

    await proxy.cut();
    const during = await bot.turn(user, CONFIRM_TURN - 1, 'outage-during');
    expect(during.map((d) => `${d.kind}: ${d.out.text}`)).toEqual([`user: ${texts('ko').unavailable}`]);
    // A second message while still down gets the same answer (nothing hangs or crashes).
    const stillDown = await bot.turn(user, CONFIRM_TURN, 'outage-during-2');
    expect(stillDown.map((d) => d.out.text)).toEqual([texts('ko').unavailable]);
    // The SLA timer runs from an interval that nobody awaits: a failing tick would be an unhandled rejection.
    await expect(bot.deskbot.bot.tick()).resolves.toBeUndefined();

    await proxy.restore();
    const resent = await bot.turn(user, CONFIRM_TURN - 1, 'outage-after');
    expect(resent.map((d) => d.out.state)).toEqual(['confirming']);
    expect(resent[0].out.text).toContain('앱 버전: 5.12.1');
    const confirmed = await bot.turn(user, CONFIRM_TURN, 'outage-after-2');
    const receipt = confirmed.find((d) => d.kind === 'user' && d.out.state === 'handed_off');
    expect(receipt?.out.text).toContain(`접수번호는 **${receipt?.out.caseId}**`);
  });
});
