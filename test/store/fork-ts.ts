/** Starts a TypeScript script in a child process (with IPC), for tests that need a second process or a hard kill. */
import { fork, type ChildProcess } from 'node:child_process';

const REGISTER = new URL('./fixtures/register-ts.mjs', import.meta.url).href;

/** Forks script (a .ts file) with a loader that transpiles the project's TypeScript on the fly. */
export function forkTs(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return fork(script, args, { execArgv: ['--import', REGISTER], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}
