/** Runs the real bot in-process through the console protocol, on a temp lowdb store (for transcript tests). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleAdapter, type ConsoleOutput } from '../../src/channels/console/console-adapter.js';
import { handleConsoleLine } from '../../src/channels/console/jsonl.js';
import { loadConfig } from '../../src/config.js';
import { createClock, type Clock } from '../../src/core/clock.js';
import { startDeskbot, type Deskbot } from '../../src/main.js';
import type { SentenceEncoder } from '../../src/nlu/sentence-encoder.js';

/** One line of output: a bot message, or an error line. */
export type OutputLine = ConsoleOutput | { error: string };

/** An in-process console session. */
export interface ConsoleSession {
  dataDir: string;
  clock: Clock;
  deskbot: Deskbot;
  /** Sends one protocol line (object or raw string) and returns the lines it produced. */
  send(line: object | string): Promise<OutputLine[]>;
  close(): Promise<void>;
}

/** Opens a session; pass the same dataDir again to simulate a restart (`encoder`, `newCaseId`: see StartOptions). */
export async function openConsoleSession(options: { now: string; dataDir?: string; env?: NodeJS.ProcessEnv; encoder?: SentenceEncoder | null; newCaseId?: () => string }): Promise<ConsoleSession> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'deskbot-test-'));
  const clock = createClock(new Date(options.now));
  let produced: OutputLine[] = [];
  const adapter = createConsoleAdapter((o) => produced.push(o));
  const config = { ...loadConfig(options.env ?? {}), routes: { default: { route: 'default', channel: 'console' as const, target: '' } } };
  const deskbot = await startDeskbot({ adapters: [adapter], config, dataDir, intentsDir: 'intents', now: () => clock.now(), watch: false, tickEveryMs: 0, encoder: options.encoder, newCaseId: options.newCaseId });
  return {
    dataDir,
    clock,
    deskbot,
    async send(line) {
      produced = [];
      const raw = typeof line === 'string' ? line : JSON.stringify(line);
      await handleConsoleLine(raw, {
        handlers: adapter.handlers(),
        tick: () => deskbot.bot.tick(),
        clock,
        write: (l) => produced.push(JSON.parse(l) as OutputLine),
      });
      return produced;
    },
    close: () => deskbot.stop(),
  };
}
