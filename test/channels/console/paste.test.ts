/**
 * The interactive console in a real terminal (a pseudo-terminal from util-linux `script`): a paste of several
 * lines is one message, as on Slack and Discord, while lines typed one by one stay separate messages.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/deskbot.js');
const SCRIPT = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p));
const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-paste-'));

/** Waits until `read()` satisfies `done`, or fails after `ms`. */
async function until(read: () => string, done: (out: string) => boolean, ms = 20_000): Promise<string> {
  const start = Date.now();
  while (!done(read())) {
    if (Date.now() - start > ms) throw new Error(`timed out; the terminal showed:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return read();
}

const answers = (out: string) => out.split('deskbot>').length - 1;

describe.skipIf(!SCRIPT)('console paste (skipped without util-linux script, which gives the chat a terminal)', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist/cli.js'))) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit', cwd: ROOT });
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('takes lines pasted at once as one message, and lines typed apart as separate ones', async () => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} chat --data ${JSON.stringify(dataDir)}`;
    const child = spawn(SCRIPT as string, ['-qfec', command, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { ...process.env, DATABASE_URL: '', NLU_ENCODER: 'none', TERM: 'dumb' },
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await until(() => out, (o) => o.includes('you>'));
      const before = answers(out);
      // One write: the terminal delivers the three lines together, as a paste does.
      child.stdin.write('메일 전송이 실패해요\rError 550: Message rejected\rPlease contact your administrator\r');
      const pasted = await until(() => out, (o) => o.includes('해결되었나요'));
      await new Promise((r) => setTimeout(r, 1000));
      expect(answers(out) - before, pasted).toBe(1);
      expect(out).not.toMatch(/Please contact your administrator[\s\S]*deskbot>[\s\S]*deskbot>/);

      const typed = answers(out);
      child.stdin.write('안녕하세요\r');
      await until(() => out, () => answers(out) > typed);
      await new Promise((r) => setTimeout(r, 300));
      child.stdin.write('고마워요\r');
      await until(() => out, () => answers(out) > typed + 1);
      child.stdin.write('/quit\r');
      await exited;
    } finally {
      child.kill();
    }
  }, 60_000);
});
