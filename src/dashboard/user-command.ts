/**
 * `deskbot dashboard user add NAME [--file PATH]`: reads a password from stdin (without echo on a terminal, where it
 * is asked twice; the first line when piped) and writes the user's scrypt hash to DASHBOARD_USERS_FILE.
 */
import type { Readable } from 'node:stream';
import { addUser, MIN_PASSWORD_LENGTH, USER_NAME, UsersFileError } from './users-file.js';

type Print = (line: string) => void;

/** A terminal's input, which can stop echoing. */
type TtyInput = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

/** Where the password comes from, and where a terminal's prompts go (stdin and stderr). */
export interface PasswordInput {
  input: TtyInput;
  prompt: (text: string) => void;
}

/** One password typed on a terminal, echo off; Ctrl-C or Ctrl-D gives undefined. */
function typedSecret({ input, prompt }: PasswordInput, text: string, err: Print): Promise<string | undefined> {
  prompt(text);
  input.setRawMode?.(true);
  input.resume();
  let typed = '';
  return new Promise((resolve) => {
    const done = (value: string | undefined) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      err('');
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(typed);
        if (ch === '\u0003' || ch === '\u0004') return done(undefined);
        typed = ch === '\u007f' || ch === '\b' ? [...typed].slice(0, -1).join('') : typed + ch;
      }
    };
    input.on('data', onData);
  });
}

/** The first line of piped input (without its line break), or undefined when there is none. */
async function pipedSecret(input: Readable): Promise<string | undefined> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  const line = text.split(/\r?\n/)[0];
  return text === '' ? undefined : line;
}

/** Runs the command; 0 written, 1 refused (a short password, a bad file), 2 bad command line. */
export async function runDashboardUserCommand(
  args: string[],
  out: Print,
  env: NodeJS.ProcessEnv = process.env,
  err: Print = out,
  from: PasswordInput = { input: process.stdin, prompt: (text) => void process.stderr.write(text) },
): Promise<number> {
  const words: string[] = [];
  let file = env.DASHBOARD_USERS_FILE?.trim();
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--file') file = args[++i];
    else if (args[i].startsWith('--file=')) file = args[i].slice('--file='.length);
    else words.push(args[i]);
  }
  if (words[0] !== 'add' || words.length !== 2) {
    err('Usage: deskbot dashboard user add NAME [--file PATH] (the password is read from stdin)');
    return 2;
  }
  const name = words[1];
  if (!USER_NAME.test(name)) {
    err(`deskbot dashboard user add: "${name}" is not a user name (letters, digits and . _ @ -, up to 64)`);
    return 2;
  }
  if (!file) {
    err('deskbot dashboard user add: set DASHBOARD_USERS_FILE, or give --file PATH');
    return 2;
  }
  let password: string | undefined;
  if (from.input.isTTY) {
    password = await typedSecret(from, `Password for ${name}: `, err);
    if (password !== undefined && (await typedSecret(from, 'Again: ', err)) !== password) {
      err('deskbot dashboard user add: the two passwords differ; nothing was written');
      return 1;
    }
  } else password = await pipedSecret(from.input);
  if (password === undefined || [...password].length < MIN_PASSWORD_LENGTH) {
    err(`deskbot dashboard user add: the password must have at least ${MIN_PASSWORD_LENGTH} characters; nothing was written`);
    return 1;
  }
  try {
    const outcome = await addUser(file, name, password);
    out(`${outcome === 'added' ? 'Added' : 'Changed the password of'} ${name} in ${file}`);
    return 0;
  } catch (e) {
    if (!(e instanceof UsersFileError)) throw e;
    err(`deskbot dashboard user add: ${e.message}`);
    return 1;
  }
}
