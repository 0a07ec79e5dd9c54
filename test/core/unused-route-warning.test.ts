import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../src/channels/console/console-adapter.js';
import { loadConfig } from '../../src/config.js';
import { sendLogsToFile } from '../../src/log.js';
import { startDeskbot, type Deskbot } from '../../src/main.js';

// Warnings are what this test reads: the logger is created on first use, after this.
process.env.LOG_LEVEL = 'warn';
const dir = mkdtempSync(join(tmpdir(), 'deskbot-routes-'));
const intentsDir = join(dir, 'intents');
const logFile = join(dir, 'deskbot.log');
cpSync('test/knowledge/fixtures/valid', intentsDir, { recursive: true, filter: (src) => !src.endsWith('.txt') && !src.endsWith('.md') });
sendLogsToFile(logFile);

/** The warnings logged so far that are about ROUTES. */
function routeWarnings(): string[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { msg: string }).msg)
    .filter((m) => m.startsWith('ROUTES:'));
}

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('routes that no intent uses', () => {
  let deskbot: Deskbot | undefined;
  afterAll(async () => {
    await deskbot?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are warned about at start and again after a reload leaves a route unused', async () => {
    const console = { route: '', channel: 'console' as const, target: '' };
    deskbot = await startDeskbot({
      adapters: [createConsoleAdapter(() => undefined)],
      config: loadConfig({}),
      routes: { default: { ...console, route: 'default' }, mail: { ...console, route: 'mail' }, paymnt: { ...console, route: 'paymnt' } },
      dataDir: join(dir, 'data'),
      intentsDir,
      watch: true,
      tickEveryMs: 0,
    });
    expect(routeWarnings()).toEqual([
      `ROUTES: no intent in ${intentsDir} uses route "paymnt", so no case goes there (misspelt?); route names the intents use: mail`,
    ]);

    for (const file of readdirSync(intentsDir)) {
      const path = join(intentsDir, file);
      writeFileSync(path, readFileSync(path, 'utf8').replace('route: mail', 'route: null'));
    }
    const afterReload = await until(() => (routeWarnings().length > 1 ? routeWarnings()[1] : undefined), 'the warning after the reload');
    expect(afterReload).toBe(`ROUTES: no intent in ${intentsDir} uses route "mail", "paymnt", so no case goes there (misspelt?); no intent names a route (all use default)`);
  });
});
