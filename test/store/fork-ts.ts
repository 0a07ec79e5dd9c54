/** Starts a TypeScript script in a child process (with IPC), for tests that need a second process or a hard kill. */
import { fork, type ChildProcess } from 'node:child_process';

const REGISTER = new URL('./fixtures/register-ts.mjs', import.meta.url).href;

/**
 * Forks script (a .ts file) with a loader that transpiles the project's TypeScript on the fly; `launcher`
 * (e.g. `['unshare', '--pid', '--fork']`) runs node under another program, which passes the IPC channel on;
 * `output: 'pipe'` gives the test the child's stdout and stderr instead of passing them through.
 */
export function forkTs(script: string, args: string[], env: NodeJS.ProcessEnv = process.env, launcher: string[] = [], output: 'inherit' | 'pipe' = 'inherit'): ChildProcess {
  const stdio: ['ignore', typeof output, typeof output, 'ipc'] = ['ignore', output, output, 'ipc'];
  if (launcher.length === 0) return fork(script, args, { execArgv: ['--import', REGISTER], env, stdio });
  return fork(script, args, { execPath: launcher[0], execArgv: [...launcher.slice(1), process.execPath, '--import', REGISTER], env, stdio });
}
