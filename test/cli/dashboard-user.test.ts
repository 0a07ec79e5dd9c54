/** `deskbot dashboard user add NAME`: the password piped on stdin, its hash written to the users file, never echoed. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
