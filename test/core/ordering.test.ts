/** One conversation is handled one message at a time, in order; other conversations do not wait for it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleAdapter, type ConsoleOutput } from '../../src/channels/console/console-adapter.js';
import { loadConfig } from '../../src/config.js';
import { startDeskbot, type Deskbot } from '../../src/main.js';

describe('per-conversation ordering', () => {
  let deskbot: Deskbot | undefined;
  afterEach(() => deskbot?.stop());

  it('answers concurrent deliveries of one conversation in arrival order', async () => {
    const out: ConsoleOutput[] = [];
    const adapter = createConsoleAdapter((o) => out.push(o));
    deskbot = await startDeskbot({
      adapters: [adapter],
      config: loadConfig({}),
      dataDir: mkdtempSync(join(tmpdir(), 'deskbot-order-')),
      watch: false,
      tickEveryMs: 0,
      now: () => new Date('2026-11-23T01:00:00Z'),
    });
    const h = adapter.handlers();
    const msg = (user: string, id: string, text: string, choice?: string) =>
      h.onMessage({ id, channel: 'console', conversationId: user, user: { id: user, isBot: false }, text, choice });
    // Fired together without waiting: the answer, then "not solved", then a duplicate delivery of the first.
    await Promise.all([
      msg('a', 'a1', '앱 푸시 알림이 안 와요'),
      msg('a', 'a2', '', 'not_solved'),
      msg('b', 'b1', '비밀번호를 잊어버렸어요'),
      msg('a', 'a1', '앱 푸시 알림이 안 와요'),
    ]);
    const toA = out.filter((o) => o.to === 'a');
    expect(toA.map((o) => o.state)).toEqual(['answered', 'collecting', 'collecting']);
    expect(toA.filter((o) => o.intent === 'app.push')).toHaveLength(1);
    expect(out.filter((o) => o.to === 'b').map((o) => o.intent)).toEqual(['account.password_reset']);
  });
});
