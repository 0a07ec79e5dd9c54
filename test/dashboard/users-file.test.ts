/** The users file: the scrypt hash format, checking passwords, reading the file (each problem with its line) and writing it. */
import { scryptSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addUser, checkUser, hashPassword, parseUsers, verifyPassword } from '../../src/dashboard/users-file.js';

const folder = () => mkdtempSync(join(tmpdir(), 'deskbot-users-'));

describe('scrypt password hashes', () => {
  it('are written scrypt$N$r$p$salt$hash with a fresh salt each time, and check the right password only', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('read N, r and p from the hash: one made elsewhere with other costs checks', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('비밀번호 열두 글자', salt, 32, { N: 1024, r: 4, p: 2 });
    const stored = `scrypt$1024$4$2$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword('비밀번호 열두 글자', stored)).toBe(true);
    expect(await verifyPassword('비밀번호 열두 글자', stored.replace('$4$2$', '$8$1$'))).toBe(false);
  });
});

describe('the users file', () => {
  const hash = `scrypt$1024$8$1$${Buffer.from('saltsaltsaltsalt').toString('base64url')}$${Buffer.alloc(32, 7).toString('base64url')}`;

  it('takes name:hash lines, comments and blank lines', () => {
    const users = parseUsers(`# operators\n\nalice:${hash}\r\n  민지.kim@ops : ${hash}\n`, 'users');
    expect([...users.keys()]).toEqual(['alice', '민지.kim@ops']);
  });

  it.each([
    ['a line without a colon', `alice ${hash}`, 'users, line 2: write name:hash'],
    ['a name with a space', `al ice:${hash}`, 'users, line 2: "al ice" is not a user name'],
    ['a name written twice', `alice:${hash}\nalice:${hash}`, 'users, line 3: alice is written twice'],
    ['a plain password instead of a hash', 'alice:hunter2hunter2', 'users, line 2: not a hash of the form scrypt$N$r$p$salt$hash'],
    ['a cost that would stall every sign-in', `alice:${hash.replace('$1024$', '$4194304$')}`, 'users, line 2: scrypt N must be a power of 2 up to 1048576'],
  ])('refuses %s, naming the line', (_what, line, message) => {
    expect(() => parseUsers(`# users\n${line}\n`, 'users')).toThrow(message);
  });

  it('checks a user: the right password only, an unknown name never', async () => {
    const file = join(folder(), 'users');
    await addUser(file, 'alice', 'correct horse battery');
    expect(await checkUser(file, 'alice', 'correct horse battery')).toBe(true);
    expect(await checkUser(file, 'alice', 'wrong horse battery')).toBe(false);
    expect(await checkUser(file, 'bob', 'correct horse battery')).toBe(false);
  });

  it('is written with mode 0600; a second user is added, an existing one changed in place, comments kept', async () => {
    const file = join(folder(), 'users');
    expect(await addUser(file, 'alice', 'first password')).toBe('added');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, `# the operators\n${readFileSync(file, 'utf8')}`);
    expect(await addUser(file, 'bob', 'bobs password')).toBe('added');
    expect(await addUser(file, 'alice', 'second password')).toBe('changed');
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['# the operators', 'alice', 'bob', '']);
    expect(readFileSync(file, 'utf8')).not.toContain('password');
    expect(await checkUser(file, 'alice', 'second password')).toBe(true);
    expect(await checkUser(file, 'alice', 'first password')).toBe(false);
    expect(await checkUser(file, 'bob', 'bobs password')).toBe(true);
  });
});
