import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseIdTakenError, StoreUnavailableError } from '../../src/store/errors.js';
import { applyMigrations, MIGRATIONS } from '../../src/store/migrations.js';
import { openPostgresStore, type PostgresStoreOptions } from '../../src/store/postgres-store.js';
import type { Store } from '../../src/store/port.js';
import { makeCase, makeEvent, makeTurn } from './builders.js';
import { runStoreContract } from './contract.js';
import { forkTs } from './fork-ts.js';
import { admin, DATABASE_URL, dropSchema, freshSchema } from './pg-helpers.js';

const needsDatabase = 'needs DATABASE_URL (e.g. postgres://root@127.0.0.1:5432/test)';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until fn returns a value (polling), failing after a generous deadline. */
async function eventually<T>(fn: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await fn();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('PostgreSQL store without a database', () => {
  it('says the database is unavailable when nothing listens', async () => {
    const error = await openPostgresStore({ connectionString: 'postgres://root@127.0.0.1:1/test' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/cannot be reached/);
  });

  it('refuses a schema name that could inject SQL', async () => {
    await expect(openPostgresStore({ connectionString: 'postgres://root@127.0.0.1:1/test', schema: 'x"; drop table y; --' })).rejects.toThrow(/invalid PostgreSQL schema name/);
  });
});

if (!DATABASE_URL) {
  describe('PostgreSQL store', () => {
    it.skip(`is tested only with a database: ${needsDatabase}`, () => undefined);
  });
} else {
  const url = DATABASE_URL;
  const open = (schema: string, extra: Partial<PostgresStoreOptions> = {}) => openPostgresStore({ connectionString: url, schema, pool: 2, ...extra });

  runStoreContract('postgres', async () => {
    const schema = freshSchema();
    const opened: Store[] = [await open(schema)];
    return {
      store: opened[0],
      reopen: async () => {
        const store = await open(schema);
        opened.push(store);
        return store;
      },
      cleanup: async () => {
        for (const s of opened) await s.close();
        await dropSchema(schema);
      },
    };
  });

  describe('PostgreSQL store', () => {
    const schema = freshSchema();
    const appName = `deskbot-test-${schema}`;
    let store: Store;
    beforeAll(async () => {
      store = await open(schema, { applicationName: appName });
    });
    afterAll(async () => {
      await store.close();
      await dropSchema(schema);
    });

    const backendsOf = (client: pg.Client, where = '') =>
      client.query<{ pid: number }>(`select pid from pg_stat_activity where application_name = $1 ${where}`, [appName]).then((r) => r.rows.map((row) => row.pid));
    const terminate = (client: pg.Client, pids: number[]) => client.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [pids]);

    it('applies its migrations once, however often and however concurrently it is opened', async () => {
      const s2 = freshSchema();
      try {
        const [a, b] = await Promise.all([open(s2), open(s2)]);
        await a.close();
        await b.close();
        const c = await open(s2);
        await c.commit({ cases: [makeCase('MIG001')] });
        expect((await c.cases.get('MIG001'))?.id).toBe('MIG001');
        await c.close();
        const versions = await admin((client) => client.query(`select version from "${s2}".schema_migrations`));
        expect(versions.rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
      } finally {
        await dropSchema(s2);
      }
    });

    it('applies a new migration version once on an existing schema, and nothing of a migration that fails', async () => {
      const s2 = freshSchema();
      const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${s2}`, max: 3 });
      const migrate = async (list: typeof MIGRATIONS) => {
        const client = await pool.connect();
        try {
          return await applyMigrations(client, `test:${s2}`, s2, list);
        } finally {
          client.release();
        }
      };
      try {
        await (await open(s2)).close();
        const next = MIGRATIONS.length + 1;
        const v2 = [...MIGRATIONS, { version: next, description: 'a note on cases', sql: 'alter table cases add column note text' }];
        // Two processes starting with the new version at once: one applies it, the other finds it applied.
        expect((await Promise.all([migrate(v2), migrate(v2)])).sort()).toEqual([[], [next]]);
        const broken = [...v2, { version: next + 1, description: 'half good', sql: 'create table extra (id int); select no_such_function()' }];
        await expect(migrate(broken)).rejects.toThrow(/no_such_function/);
        const versions = await admin((client) => client.query(`select version from "${s2}".schema_migrations order by 1`));
        expect(versions.rows).toEqual(v2.map((m) => ({ version: m.version })));
        const extra = await admin((client) => client.query(`select to_regclass('"${s2}".extra') as t`));
        expect(extra.rows).toEqual([{ t: null }]);
      } finally {
        await pool.end();
        await dropSchema(s2);
      }
    });

    it('carries on after its idle connections were terminated by the server', async () => {
      await store.commit({ conversations: [{ id: 'console:idle', state: { n: 1 }, updatedAt: '2026-11-23T01:00:00.000Z' }] });
      await admin(async (client) => {
        const pids = await backendsOf(client);
        expect(pids.length).toBeGreaterThan(0);
        await terminate(client, pids);
      });
      // Gives the pool time to see the dead connections: that 'error' must not crash the process.
      await sleep(200);
      await store.commit({ conversations: [{ id: 'console:idle', state: { n: 2 }, updatedAt: '2026-11-23T01:00:01.000Z' }] });
      expect((await store.conversations.get('console:idle'))?.state).toEqual({ n: 2 });
    });

    it('retries a commit whose connection is killed mid-transaction, applying it exactly once', async () => {
      await store.commit({ cases: [makeCase('KILL01')] });
      await admin(async (blocker) => {
        // Holds the case's row so the commit stops inside its transaction, after the conversation upsert.
        await blocker.query('begin');
        await blocker.query(`select 1 from "${schema}".cases where id = 'KILL01' for update`);
        const committing = store.commit({
          conversations: [{ id: 'console:kill', state: { step: 'done' }, updatedAt: '2026-11-23T01:00:00.000Z' }],
          cases: [makeCase('KILL01', { status: 'claimed', assignee: 'a1' })],
          events: [makeEvent('KILL01', 'claimed', '2026-11-23T01:01:00.000Z')],
        });
        await admin(async (monitor) => {
          const waiting = await eventually(async () => (await backendsOf(monitor, "and wait_event_type = 'Lock'"))[0], 'the commit to wait on the row lock');
          await terminate(monitor, [waiting]);
        });
        await blocker.query('rollback');
        await committing;
      });
      expect((await store.conversations.get('console:kill'))?.state).toEqual({ step: 'done' });
      expect((await store.cases.get('KILL01'))?.status).toBe('claimed');
      expect((await store.cases.events('KILL01')).map((e) => e.type)).toEqual(['claimed']);
    });

    it('applies nothing of a commit whose connection is lost twice, and says the store is unavailable', async () => {
      await store.commit({ cases: [makeCase('KILL02')] });
      const before = await store.counts();
      await admin(async (blocker) => {
        await blocker.query('begin');
        await blocker.query(`select 1 from "${schema}".cases where id = 'KILL02' for update`);
        const committing = store
          .commit({
            conversations: [{ id: 'console:half', state: { step: 'done' }, updatedAt: '2026-11-23T01:00:00.000Z' }],
            cases: [makeCase('KILL02', { status: 'resolved' })],
            events: [makeEvent('KILL02', 'resolved', '2026-11-23T01:01:00.000Z')],
          })
          .catch((e: unknown) => e);
        // Watched from a third connection: inside the blocker's transaction pg_stat_activity would not change.
        await admin(async (monitor) => {
          let killed: number | undefined;
          for (let attempt = 0; attempt < 2; attempt++) {
            const waiting = await eventually(async () => (await backendsOf(monitor, "and wait_event_type = 'Lock'")).find((pid) => pid !== killed), 'the commit to wait on the row lock');
            await terminate(monitor, [waiting]);
            killed = waiting;
          }
        });
        expect(await committing).toBeInstanceOf(StoreUnavailableError);
        await blocker.query('rollback');
      });
      expect(await store.conversations.get('console:half')).toBeUndefined();
      expect((await store.cases.get('KILL02'))?.status).toBe('open');
      expect(await store.counts()).toEqual(before);
    });

    const lockHolders = (client: pg.Client) =>
      client
        .query<{ pid: number }>(
          `select a.pid from pg_stat_activity a join pg_locks l on l.pid = a.pid where a.application_name = $1 and l.locktype = 'advisory' and l.granted`,
          [appName],
        )
        .then((r) => r.rows.map((row) => row.pid));

    it('takes the lock again and applies a commit whose lock connection died, when nothing it read has changed', async () => {
      const id = 'console:relock';
      await store.commit({ conversations: [{ id, state: { n: 0 }, updatedAt: '2026-11-23T01:00:00.000Z' }], cases: [makeCase('RELOCK')] });
      await store.conversations.lock(id, async () => {
        const { n } = (await store.conversations.get(id))?.state as { n: number };
        const c = await store.cases.get('RELOCK');
        await admin(async (client) => terminate(client, await lockHolders(client)));
        await store.commit({
          conversations: [{ id, state: { n: n + 1 }, updatedAt: '2026-11-23T01:00:01.000Z' }],
          cases: [{ ...c!, status: 'claimed', assignee: 'a1' }],
          events: [makeEvent('RELOCK', 'claimed', '2026-11-23T01:00:01.000Z')],
        });
        // The lock is held again: another holder of the key must wait for this one.
        expect(await admin(lockHolders)).toHaveLength(1);
      });
      expect((await store.conversations.get(id))?.state).toEqual({ n: 1 });
      expect((await store.cases.get('RELOCK'))?.status).toBe('claimed');
      expect((await store.cases.events('RELOCK')).map((e) => e.type)).toEqual(['claimed']);
      expect(await admin(lockHolders)).toEqual([]);
    });

    it('refuses a commit whose lock connection died when another process changed what it read meanwhile', async () => {
      const id = 'console:stolen';
      await store.commit({ conversations: [{ id, state: { n: 0 }, updatedAt: '2026-11-23T01:00:00.000Z' }] });
      const other = await open(schema);
      try {
        const error = await store.conversations.lock(id, async () => {
          const { n } = (await store.conversations.get(id))?.state as { n: number };
          await admin(async (client) => terminate(client, await lockHolders(client)));
          // The other process gets the lock the server dropped and takes a turn of this conversation.
          await other.conversations.lock(id, () => other.commit({ conversations: [{ id, state: { n: 10 }, updatedAt: '2026-11-23T01:00:01.000Z' }] }));
          return store.commit({ conversations: [{ id, state: { n: n + 1 }, updatedAt: '2026-11-23T01:00:02.000Z' }] }).catch((e: unknown) => e);
        });
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect((await store.conversations.get(id))?.state).toEqual({ n: 10 });
      } finally {
        await other.close();
      }
    });

    it('never gives a new case the id of another case when two processes commit it at once', async () => {
      const other = await open(schema);
      try {
        const a = makeCase('DUP002', { requester: { channel: 'slack', conversationId: 'D1', userId: 'U1' } });
        const b = makeCase('DUP002', { requester: { channel: 'slack', conversationId: 'D2', userId: 'U2' } });
        const results = await Promise.allSettled([store.commit({ cases: [a] }), other.commit({ cases: [b] })]);
        expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
        expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(CaseIdTakenError);
        expect(await store.cases.get('DUP002')).toEqual(results[0].status === 'fulfilled' ? a : b);
      } finally {
        await other.close();
      }
    });

    it('survives the death of the connection that holds a lock, and the lock can be taken again', async () => {
      const result = await store.conversations.lock('console:dies', async () => {
        await admin(async (client) => {
          const holders = await client.query<{ pid: number }>(
            `select a.pid from pg_stat_activity a join pg_locks l on l.pid = a.pid where a.application_name = $1 and l.locktype = 'advisory' and l.granted`,
            [appName],
          );
          await terminate(client, holders.rows.map((r) => r.pid));
        });
        await sleep(100);
        return 'finished';
      });
      expect(result).toBe('finished');
      expect(await store.conversations.lock('console:dies', async () => 'again')).toBe('again');
    });
  });

  describe('PostgreSQL rows not in the shape deskbot writes', () => {
    it('are reported once with table, id and what is wrong, and skipped while the other rows are served', async () => {
      const schema = freshSchema();
      const errors: Array<{ obj: Record<string, unknown>; msg: string }> = [];
      const logger = { error: (obj: Record<string, unknown>, msg: string) => errors.push({ obj, msg }) };
      const store = await open(schema, { logger: logger as never });
      try {
        const at = '2026-11-23T01:00:00.000Z';
        await store.commit({
          cases: [makeCase('GOOD01'), makeCase('BAD001', { createdAt: '2026-11-23T02:00:00.000Z' })],
          events: [makeEvent('GOOD01', 'opened', at), makeEvent('GOOD01', 'claim', '2026-11-23T01:01:00.000Z')],
          turns: [makeTurn('slack:good', at), makeTurn('slack:bad', '2026-11-23T01:01:00.000Z', { text: '내 비밀 질문', review: 'out_of_scope' })],
        });
        // Someone edits rows by hand: a status deskbot never writes, an event without an actor, an entry whose action is unknown.
        await admin(async (c) => {
          await c.query(`set search_path = ${schema}`);
          await c.query(`update cases set data = jsonb_set(data, '{status}', '"lost"') where id = 'BAD001'`);
          await c.query(`update case_events set data = data - 'actor' where data->>'type' = 'claim'`);
          await c.query(`update turn_log set data = jsonb_set(data, '{action}', '"bogus"') where id = 'slack:bad'`);
        });
        expect(await store.cases.get('BAD001')).toBeUndefined();
        expect((await store.cases.byRequester('slack', 'U100')).map((c) => c.id)).toEqual(['GOOD01']);
        expect((await store.cases.active()).map((c) => c.id)).toEqual(['GOOD01']);
        expect((await store.cases.events('GOOD01')).map((e) => e.type)).toEqual(['opened']);
        const turns = [];
        for await (const t of store.turns.between(new Date(0), new Date('2027-01-01T00:00:00Z'))) turns.push(t.id);
        expect(turns).toEqual(['slack:good']);
        expect(errors.map((e) => [e.obj.where, e.obj.id])).toEqual([
          ['cases', 'BAD001'],
          ['case_events', expect.any(String)],
          ['turn_log', 'slack:bad'],
        ]);
        expect(errors[0].msg).toMatch(/^record BAD001 in cases is not in the shape deskbot writes \("status": .+\)\. deskbot skips it and serves the rest/);
        expect(JSON.stringify(errors)).not.toContain('내 비밀 질문');
      } finally {
        await store.close();
        await dropSchema(schema);
      }
    });
  });

  describe('PostgreSQL store shared by two processes', () => {
    it('lets exactly one process win each delivery key and never runs two holders of a lock at once', async () => {
      const schema = freshSchema();
      const script = join(import.meta.dirname, 'fixtures', 'pg-racer.ts');
      const children = [0, 1].map((i) => forkTs(script, [url, schema, `p${i}`]));
      try {
        const ready = children.map((c) => new Promise<void>((resolve) => c.once('message', () => resolve())));
        const done = children.map(
          (c) =>
            new Promise<{ won: string[] }>((resolve, reject) => {
              c.on('message', (m) => {
                if ((m as { won?: string[] }).won) resolve(m as { won: string[] });
              });
              c.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`racer exited with ${code}`))));
            }),
        );
        await Promise.all(ready);
        for (const c of children) c.send('go');
        const results = await Promise.all(done);
        const allWins = results.flatMap((r) => r.won).sort();
        expect(allWins).toEqual(Array.from({ length: 50 }, (_, i) => `ev${String(i).padStart(2, '0')}`).sort());
        const store = await open(schema);
        // Each holder read the counter, waited, then wrote counter + 1: any overlap would lose an increment.
        expect((await store.conversations.get('shared:counter'))?.state).toEqual({ n: 20 });
        await store.close();
      } finally {
        for (const c of children) c.kill();
        await dropSchema(schema);
      }
    });
  });
}
