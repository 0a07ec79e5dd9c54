/**
 * The V8 setting of src/young-generation.ts, seen from outside: the size of the young generation of a real
 * `deskbot` process as it exits, and which commands keep it small.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { youngGenerationStaysSmall } from '../../src/young-generation.js';

const BIN = new URL('../../bin/deskbot.js', import.meta.url).pathname;
const REPORT = new URL('./fixtures/report-new-space.mjs', import.meta.url).href;
const MB = 1024 * 1024;
const dirs: string[] = [];

/** Runs `deskbot <args>` (as `npx deskbot` would) with `input` on stdin; resolves with the young generation's size at exit. */
function newSpaceAfter(args: string[], input = ''): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-young-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, ['--import', REPORT, BIN, ...args], {
    env: { ...process.env, DATABASE_URL: '', NLU_ENCODER: 'none', DESKBOT_DATA_DIR: dataDir },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  child.stdin.end(input);
  return new Promise((resolve, reject) =>
    child.on('exit', () => {
      const size = /new_space (\d+)/.exec(stderr)?.[1];
      if (size === undefined) reject(new Error(`no new_space line in: ${stderr}`));
      else resolve(Number(size));
    }),
  );
}

afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the young generation of a deskbot process', () => {
  it('stays small while the bot loads the knowledge base and answers', async () => {
    const size = await newSpaceAfter(['chat', '--jsonl'], `${JSON.stringify({ user: 'u1', text: 'I forgot my password' })}\n`);
    // The CLI's own modules grow the two semi-spaces to 4 MB each before it is set; V8 alone grows them to 16 MB each.
    expect(size).toBeLessThanOrEqual(8 * MB);
  }, 30_000);

  it('keeps V8\'s default in a short command, which allocates faster with it', async () => {
    expect(await newSpaceAfter(['intents', 'check'])).toBeGreaterThan(4 * MB);
  }, 30_000);
});

describe('which commands keep it small', () => {
  it('the console chat, and start unless it serves the dashboard too', () => {
    expect(youngGenerationStaysSmall('chat', {})).toBe(true);
    expect(youngGenerationStaysSmall('start', {})).toBe(true);
    expect(youngGenerationStaysSmall('start', { DASHBOARD_PORT: ' ' })).toBe(true);
    expect(youngGenerationStaysSmall('start', { DASHBOARD_PORT: '3100' })).toBe(false);
  });

  it('not the dashboard on its own, the short commands or none', () => {
    for (const command of ['dashboard', 'stats', 'bench', 'intents', undefined]) expect(youngGenerationStaysSmall(command, {}), String(command)).toBe(false);
  });
});
