/** `deskbot dashboard user add NAME`: the password piped on stdin or typed twice on a terminal, its hash written to the users file, never echoed. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDashboardUserCommand } from '../../src/dashboard/user-command.js';
import { checkUser } from '../../src/dashboard/users-file.js';
import { runCli } from './run-cli.js';

const usersFile = () => join(mkdtempSync(join(tmpdir(), 'deskbot-user-add-')), 'users');
const PASSWORD = 'correct horse battery staple';

describe('deskbot dashboard user add', () => {
  it('writes name:scrypt-hash to DASHBOARD_USERS_FILE from a piped password, printing no password', async () => {
    const file = usersFile();
    const r = await runCli(['dashboard', 'user', 'add', 'alice'], { DASHBOARD_USERS_FILE: file }, [PASSWORD]);
    expect(r).toMatchObject({ code: 0, stdout: `Added alice in ${file}\n`, stderr: '' });
    expect(readFileSync(file, 'utf8')).toMatch(/^alice:scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+\n$/);
    expect(await checkUser(file, 'alice', PASSWORD)).toBe(true);
    const again = await runCli(['dashboard', 'user', 'add', 'alice', '--file', file], {}, ['another long password']);
    expect(again).toMatchObject({ code: 0, stdout: `Changed the password of alice in ${file}\n` });
    expect(await checkUser(file, 'alice', 'another long password')).toBe(true);
    expect(`${r.stdout}${r.stderr}${again.stdout}${again.stderr}`).not.toMatch(/horse|another/);
  });

  it.each([
    ['a short password', ['alice'], ['short'], 1, 'the password must have at least 10 characters; nothing was written'],
    ['no password at all', ['alice'], [], 1, 'the password must have at least 10 characters; nothing was written'],
    ['a name with a colon', ['al:ice'], [PASSWORD], 2, '"al:ice" is not a user name'],
  ])('refuses %s and writes nothing', async (_what, words, stdin, code, message) => {
    const file = usersFile();
    const r = await runCli(['dashboard', 'user', 'add', ...words], { DASHBOARD_USERS_FILE: file }, stdin);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
  });

  it('needs a users file: DASHBOARD_USERS_FILE or --file', async () => {
    const r = await runCli(['dashboard', 'user', 'add', 'alice'], {}, [PASSWORD]);
    expect(r).toMatchObject({ code: 2, errLines: ['deskbot dashboard user add: set DASHBOARD_USERS_FILE, or give --file PATH'] });
  });
});

describe('deskbot dashboard user add on a terminal', () => {
  /** A terminal that types each answer when its prompt appears, and records the raw mode and what was shown. */
  function terminal(answers: Record<string, string>) {
    const input = Object.assign(new PassThrough(), { isTTY: true, raw: [] as boolean[], setRawMode: (on: boolean) => input.raw.push(on) });
    const shown: string[] = [];
    return { input, shown, prompt: (text: string) => (shown.push(text), input.write(answers[text])) };
  }

  it('asks twice with echo off and writes the hash; backspace edits', async () => {
    const file = usersFile();
    const tty = terminal({ 'Password for alice: ': 'correct horsx\u007fe battery\r', 'Again: ': 'correct horse battery\r' });
    const lines: string[] = [];
    const code = await runDashboardUserCommand(['add', 'alice', '--file', file], (l) => lines.push(l), {}, (l) => lines.push(l), tty);
    expect(code).toBe(0);
    expect(tty.shown).toEqual(['Password for alice: ', 'Again: ']);
    expect(tty.input.raw).toEqual([true, false, true, false]);
    expect(lines.join('\n')).not.toContain('horse');
    expect(await checkUser(file, 'alice', 'correct horse battery')).toBe(true);
  });

  it('writes nothing when the two differ', async () => {
    const file = usersFile();
    const tty = terminal({ 'Password for alice: ': 'correct horse battery\r', 'Again: ': 'correct horse batter\r' });
    const lines: string[] = [];
    expect(await runDashboardUserCommand(['add', 'alice', '--file', file], (l) => lines.push(l), {}, (l) => lines.push(l), tty)).toBe(1);
    expect(lines).toContain('deskbot dashboard user add: the two passwords differ; nothing was written');
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
  });
});
