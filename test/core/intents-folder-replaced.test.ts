/** An operator replaces the intents folder under a running bot: the log says when it left and came back, and the new answers are served. */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { createConsoleAdapter, type ConsoleOutput } from '../../src/channels/console/console-adapter.js';
import { loadConfig } from '../../src/config.js';
import { sendLogsToFile } from '../../src/log.js';
import { startDeskbot, type Deskbot } from '../../src/main.js';

// Info lines are what this test reads: the logger is created on first use, after this.
process.env.LOG_LEVEL = 'info';
const dir = mkdtempSync(join(tmpdir(), 'deskbot-replaced-'));
const intentsDir = join(dir, 'intents');
const logFile = join(dir, 'deskbot.log');
sendLogsToFile(logFile);

/** The log messages so far. */
function logged(): string[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { msg: string }).msg);
}

/** A copy of the fixture intents whose spam answer ends in `ending`. */
function copyIntents(to: string, ending: string): void {
  cpSync('test/knowledge/fixtures/valid', to, { recursive: true, filter: (src) => !src.endsWith('.txt') && !src.endsWith('.md') });
  const file = join(to, 'mail.spam.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('choose "Not spam".', ending));
}

let deskbot: Deskbot | undefined;
afterAll(async () => {
  await deskbot?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('logs the intents folder leaving and coming back, and answers from the folder copied back', async () => {
  copyIntents(intentsDir, 'version one.');
  const out: ConsoleOutput[] = [];
  const adapter = createConsoleAdapter((o) => out.push(o));
  deskbot = await startDeskbot({ adapters: [adapter], config: loadConfig({}), dataDir: join(dir, 'data'), intentsDir, watch: true, tickEveryMs: 0 });
  const answer = async () => {
    out.length = 0;
    await adapter.handlers().onMessage({ id: `m${Math.random()}`, channel: 'console', conversationId: 'u1', user: { id: 'u1', isBot: false }, text: 'legit mail goes to spam' });
    return out.map((o) => o.text).join('\n');
  };
  expect(await answer()).toContain('version one.');

  rmSync(intentsDir, { recursive: true });
  await vi.waitFor(() => expect(logged()).toContain('the intents folder is gone; the last knowledge base keeps serving until it is back'), { timeout: 10_000 });
  expect(await answer()).toContain('version one.');

  copyIntents(join(dir, 'staging'), 'version two.');
  cpSync(join(dir, 'staging'), intentsDir, { recursive: true });
  await vi.waitFor(() => expect(logged()).toContain('knowledge base reloaded'), { timeout: 10_000 });
  expect(logged()).toContain('the intents folder is back; reloading it');
  expect(await answer()).toContain('version two.');
});
