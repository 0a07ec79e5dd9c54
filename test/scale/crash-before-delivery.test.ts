/**
 * A bot process killed after a turn is saved but before its messages went out: the turn's outbox was saved
 * with it, so the next start sends the receipt and the agents' card, once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, DATABASE_URL, dropSchema, freshSchema } from '../store/pg-helpers.js';
import { startBotProcess, type BotProcess, type Delivered } from './bot-process.js';
import type { BotProcessOptions } from './bot-process-protocol.js';
import { CONFIRM_TURN, NOW, scriptMessage } from './scale-script.js';

const skipMessage = 'needs DATABASE_URL (e.g. postgres://root@127.0.0.1:5432/test)';

/** Runs the script up to the confirmation, kills the process at the receipt's delivery, restarts, and returns what was delivered. */
async function crashAtReceipt(options: BotProcessOptions): Promise<{ beforeCrash: Delivered[]; afterRestart: Delivered[] }> {
  const user = 'crash';
  const beforeCrash: Delivered[] = [];
  let first: BotProcess | undefined;
  const killed = new Promise<void>((resolve) => {
    void startBotProcess('first', options, (d) => {
      // The receipt reached the platform's door but never went through: the process dies here, unacknowledged.
      if (d.out.state === 'handed_off') {
        first?.kill('SIGKILL');
        resolve();
        return;
      }
      beforeCrash.push(d);
    }).then(async (bot) => {
      first = bot;
      for (let turn = 0; turn <= CONFIRM_TURN; turn++) await bot.message(scriptMessage(user, turn)).catch(() => undefined);
    });
  });
  await killed;
  const afterRestart: Delivered[] = [];
  const second = await startBotProcess('second', options, (d) => afterRestart.push(d));
  await second.stop();
  const third: Delivered[] = [];
  await (await startBotProcess('third', options, (d) => third.push(d))).stop();
  expect(third, 'a third start sends nothing again').toEqual([]);
  return { beforeCrash, afterRestart };
}

function expectReceiptAndCard(afterRestart: Delivered[]): void {
  const receipt = afterRestart.find((d) => d.kind === 'user');
  expect(receipt?.out.state).toBe('handed_off');
  expect(receipt?.out.text).toContain(`접수번호는 **${receipt?.out.caseId}**`);
  expect(afterRestart.filter((d) => d.kind === 'card')).toHaveLength(1);
  expect(afterRestart.filter((d) => d.kind === 'user')).toHaveLength(1);
}

describe.concurrent('kill -9 between a turn\'s commit and its delivery', () => {
  it('on lowdb: the receipt and the card go out at the next start, once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-outbox-'));
    const { beforeCrash, afterRestart } = await crashAtReceipt({ dataDir, connectionString: '', schema: '', applicationName: '', now: NOW });
    expect(beforeCrash.filter((d) => d.out.state === 'handed_off')).toEqual([]);
    expectReceiptAndCard(afterRestart);
  }, 60_000);

  describe.skipIf(!DATABASE_URL)(`on PostgreSQL (${DATABASE_URL ? 'running' : `skipped: ${skipMessage}`})`, () => {
    const schema = freshSchema();
    afterAll(() => dropSchema(schema));

    it('the receipt and the card go out at the next start, once', async () => {
      const options = { connectionString: DATABASE_URL ?? '', schema, applicationName: `deskbot-outbox-${schema}`, now: NOW };
      const { afterRestart } = await crashAtReceipt(options);
      expectReceiptAndCard(afterRestart);
      const cases = await admin((c) => c.query(`select id from "${schema}".cases`));
      expect(cases.rows).toHaveLength(1);
    }, 60_000);
  });
});
