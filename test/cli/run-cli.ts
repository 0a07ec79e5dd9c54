/** Runs the CLI's main() in-process with a given environment, capturing what it writes to stdout and stderr. */
import { Readable } from 'node:stream';
import { main } from '../../src/cli.js';

/** What one run of `deskbot ...` printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stderr split into its non-empty lines. */
  errLines: string[];
}

/** Runs `deskbot <argv>` with exactly `env` as the environment (restored afterwards) and `stdin` as its input lines. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}, stdin: string[] = []): Promise<CliRun> {
  const savedEnv = process.env;
  const savedStdin = Object.getOwnPropertyDescriptor(process, 'stdin') as PropertyDescriptor;
  Object.defineProperty(process, 'stdin', { configurable: true, value: Readable.from(stdin.map((l) => `${l}\n`)) });
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.env = { ...env, PATH: savedEnv.PATH, VITEST: savedEnv.VITEST };
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const code = await main(argv);
    const stderr = err.join('');
    return { code, stdout: out.join(''), stderr, errLines: stderr.split('\n').filter(Boolean) };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.env = savedEnv;
    Object.defineProperty(process, 'stdin', savedStdin);
  }
}
