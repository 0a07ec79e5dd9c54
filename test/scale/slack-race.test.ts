/**
 * Two deskbot processes with the real Slack adapter (HTTP mode, behind a load balancer that delivers each event
 * to both) on one PostgreSQL: every Slack event id and button press is answered once, with one case per user.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choicesOn, dmEvent, dmOf, httpSender, pressPayload, visibleText, type SlackSender } from '../fakes/slack/payloads.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.js';
import { forkTs } from '../store/fork-ts.js';
import { admin, DATABASE_URL, dropSchema, freshSchema } from '../store/pg-helpers.js';
import { NOW, TURNS } from './scale-script.js';
import { SCALE_SCRIPT } from '../../src/bench/scale-bench.js';

const skipMessage = 'needs DATABASE_URL (e.g. postgres://root@127.0.0.1:5432/test)';
const SCRIPT = join(import.meta.dirname, 'fixtures', 'slack-bot-process.ts');
const SECRET = 'race-signing-secret';
const AGENTS = 'CAGENTS';

describe.skipIf(!DATABASE_URL)(`two deskbot processes on Slack sharing one PostgreSQL (${DATABASE_URL ? 'running' : `skipped: ${skipMessage}`})`, () => {
  const schema = freshSchema();
  let fake: FakeSlack;
  const children: ChildProcess[] = [];
  let senders: SlackSender[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack({ members: { [AGENTS]: ['A1', 'UBOT'] } });
    const options = { connectionString: DATABASE_URL ?? '', schema, applicationName: `deskbot-slack-${schema}`, now: NOW, apiUrl: fake.apiUrl, signingSecret: SECRET, agentsChannel: AGENTS };
    // One after the other, so the second does not race the first for the schema's first migration.
    for (let i = 0; i < 2; i++) {
      const child = forkTs(SCRIPT, [JSON.stringify(options)]);
      children.push(child);
      const { port } = await new Promise<{ port: number }>((resolve, reject) => {
        child.once('message', (m) => resolve(m as { port: number }));
        child.once('exit', (code) => reject(new Error(`Slack bot process exited with ${code}`)));
      });
      senders.push(httpSender(`http://127.0.0.1:${port}`, SECRET));
    }
  });

  afterAll(async () => {
    await Promise.all(
      children.map((c) => new Promise<void>((resolve) => (c.exitCode !== null ? resolve() : (c.once('exit', () => resolve()), c.send('stop'))))),
    );
    senders = [];
    await fake.close();
    await dropSchema(schema);
  });

  /** Sends turn `turn` of the script from `user` to the given processes at once (the same event id, or the same press). */
  async function turn(user: string, n: number, to: SlackSender[]): Promise<string[]> {
    const dm = dmOf(user);
    const before = fake.messagesIn(dm).length;
    const line = SCALE_SCRIPT[n];
    if (line.choice) {
      const offer = [...fake.messagesIn(dm)].reverse().find((m) => choicesOn(m).includes(line.choice ?? ''));
      if (!offer) throw new Error(`${user} has no message offering "${line.choice}"`);
      const payload = pressPayload(offer, user, line.choice);
      await Promise.all(to.map((s) => s.interaction(payload)));
    } else {
      const event = dmEvent(user, line.text ?? '');
      const eventId = `Ev${user}${n}`;
      await Promise.all(to.map((s) => s.event(event, { eventId })));
    }
    return fake.messagesIn(dm).slice(before).map(visibleText);
  }

  const caseIdIn = (texts: string[]) => texts.map((t) => /\b([2-9A-Z]{3}-[2-9A-Z]{3})\b/.exec(t)?.[1]).find(Boolean);
  const anonymous = (texts: string[], user: string, caseId: string | undefined) => texts.map((t) => (caseId ? t.split(caseId).join('<case>') : t).split(user).join('<user>'));

  it('answers every event and press delivered to both processes once, and opens one case per user', async () => {
    // Reference: one user through one process alone.
    const reference: string[][] = [];
    let refCase: string | undefined;
    for (let n = 0; n < TURNS; n++) {
      const seen = await turn('U100', n, [senders[0]]);
      refCase ??= caseIdIn(seen);
      reference.push(anonymous(seen, 'U100', refCase));
    }
    expect(refCase).toBeTruthy();

    const users = ['U201', 'U202', 'U203', 'U204'];
    const caseIds = await Promise.all(
      users.map(async (user) => {
        let caseId: string | undefined;
        for (let n = 0; n < TURNS; n++) {
          const seen = await turn(user, n, senders);
          caseId ??= caseIdIn(seen);
          expect(anonymous(seen, user, caseId), `${user} turn ${n}`).toEqual(reference[n]);
        }
        return caseId;
      }),
    );
    expect(new Set(caseIds).size).toBe(users.length);

    const rows = await admin(async (c) => (await c.query<{ user: string; id: string }>(`select requester_user as user, id from "${schema}".cases where requester_user = any($1) order by 1`, [users])).rows);
    expect(rows).toEqual(users.map((user, i) => ({ user, id: caseIds[i] })));
    // Agents got one card per case in their channel.
    for (const id of caseIds) expect(fake.messagesIn(AGENTS).filter((m) => !m.thread_ts && visibleText(m).includes(id ?? '')).length, `cards of ${id}`).toBe(1);
  });
});
