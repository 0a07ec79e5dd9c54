/**
 * The dashboard's users file (DASHBOARD_USERS_FILE): one `name:hash` line per user, `#` comments and blank lines
 * allowed. Hashes are Node's built-in scrypt, written `scrypt$N$r$p$salt$hash` (salt and hash in base64url), and
 * compared in constant time. Passwords are never stored or logged; only their hashes are written.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';

/** scrypt's cost parameters for new hashes: 32 MiB and about 0.1 s per hash, as OWASP's minimum suggests for scrypt. */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** The largest N a stored hash may ask for (a typo in the file must not make every sign-in take a minute). */
const MAX_N = 2 ** 20;

/** What a user name may be: letters (any script), digits and . _ @ -, up to 64 characters. */
export const USER_NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;

/** Shortest password `deskbot dashboard user add` accepts. */
export const MIN_PASSWORD_LENGTH = 10;

/** A users file that cannot be used, with the file and line in its message. */
export class UsersFileError extends Error {
  override name = 'UsersFileError';
}

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))));
}

const maxmem = (N: number, r: number) => 256 * N * r;

/** The stored form of a new password: `scrypt$32768$8$1$<salt>$<hash>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...COST, maxmem: maxmem(COST.N, COST.r) });
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

/** The parts of a stored hash, or why it is not one. */
function parseHash(stored: string): ParsedHash | string {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return 'not a hash of the form scrypt$N$r$p$salt$hash (make it with deskbot dashboard user add)';
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0) return `scrypt N must be a power of 2 up to ${MAX_N}`;
  if (!Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return 'scrypt r must be 1-32 and p 1-16';
  const salt = Buffer.from(parts[4], 'base64url');
  const key = Buffer.from(parts[5], 'base64url');
  if (salt.length < 8 || key.length < 16) return 'the salt or the hash is too short';
  return { N, r, p, salt, key };
}

/** A hash to check unknown names against, so that an unknown name takes as long as a wrong password. */
const DECOY = hashPassword(randomBytes(16).toString('base64url'));

/** Whether the password matches the stored hash (false for a malformed hash). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const hash = parseHash(stored);
  if (typeof hash === 'string') return false;
  const key = await scrypt(password, hash.salt, hash.key.length, { N: hash.N, r: hash.r, p: hash.p, maxmem: maxmem(hash.N, hash.r) });
  return timingSafeEqual(key, hash.key);
}

/** The users of a file's text, name → hash; throws UsersFileError naming the line of the first problem. */
export function parseUsers(text: string, file: string): Map<string, string> {
  const users = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const at = `${file}, line ${i + 1}`;
    const colon = line.indexOf(':');
    if (colon === -1) throw new UsersFileError(`${at}: write name:hash`);
    const name = line.slice(0, colon).trim();
    const hash = line.slice(colon + 1).trim();
    if (!USER_NAME.test(name)) throw new UsersFileError(`${at}: "${name}" is not a user name (letters, digits and . _ @ -, up to 64)`);
    if (users.has(name)) throw new UsersFileError(`${at}: ${name} is written twice`);
    const problem = parseHash(hash);
    if (typeof problem === 'string') throw new UsersFileError(`${at}: ${problem}`);
    users.set(name, hash);
  });
  return users;
}

/** The users of the file; throws UsersFileError when it cannot be read or a line is wrong. */
export async function readUsers(file: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsersFileError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseUsers(text, file);
}

/** Why DASHBOARD_USERS_FILE (when set) cannot be used, checked at start; undefined when it can. */
export async function usersFileProblem(file: string | undefined): Promise<string | undefined> {
  if (file === undefined) return undefined;
  try {
    await readUsers(file);
    return undefined;
  } catch (e) {
    if (!(e instanceof UsersFileError)) throw e;
    return `DASHBOARD_USERS_FILE: ${e.message}`;
  }
}

/** Whether this user name and password sign in; an unknown name is checked against a decoy so it takes as long. */
export async function checkUser(file: string, name: string, password: string): Promise<boolean> {
  const users = await readUsers(file);
  const stored = users.get(name);
  const right = await verifyPassword(password, stored ?? (await DECOY));
  return right && stored !== undefined;
}

/**
 * Writes the user's hashed password into the file (created with mode 0600 when missing): a new line, or the
 * user's line replaced; other lines are kept as they are. The file is replaced whole (temporary file, rename).
 */
export async function addUser(file: string, name: string, password: string): Promise<'added' | 'changed'> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsersFileError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code})`);
  }
  const existing = parseUsers(text, file);
  const line = `${name}:${await hashPassword(password)}`;
  const lines = text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/);
  const index = lines.findIndex((l) => !l.trim().startsWith('#') && l.slice(0, l.indexOf(':')).trim() === name);
  if (existing.has(name)) lines[index] = line;
  else lines.push(line);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${lines.join('\n')}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return existing.has(name) ? 'changed' : 'added';
}
