import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { runCli } from './run-cli.js';

it('deskbot chat sends log lines to DATA/deskbot.log, not into the conversation, and says so once', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-chat-log-'));
  const logFile = join(dataDir, 'deskbot.log');
  const r = await runCli(['chat', '--data', dataDir], { LOG_LEVEL: 'info', USER: 'tester' }, ['비밀번호를 잊어버렸어요', '/quit']);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  const lines = r.stdout.split('\n');
  expect(lines[0]).toBe(`(deskbot's log: ${logFile})`);
  expect(lines.filter((l) => l.includes('deskbot.log'))).toHaveLength(1);
  expect(lines.some((l) => l.startsWith('deskbot> '))).toBe(true);

  // Anything logged while the chat runs lands in the file.
  createLogger('probe').warn('a warning during the chat');
  const logged = readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { msg: string });
  expect(logged.map((l) => l.msg)).toContain('a warning during the chat');
});
