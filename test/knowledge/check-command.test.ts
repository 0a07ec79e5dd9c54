import { describe, expect, it } from 'vitest';
import { runIntentsCheckCommand } from '../../src/knowledge/check-command.js';

const FIXTURES = 'test/knowledge/fixtures';

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runIntentsCheckCommand(args, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

describe('deskbot intents check', () => {
  it('exits 0 on valid intents, printing warnings and a summary', async () => {
    const { code, out, err } = await run(['--dir', `${FIXTURES}/valid`]);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toContain(`${FIXTURES}/valid/mail.storage_full.yaml:10: warning: only 1 ko example: 15 or more help the bot recognise this intent`);
    expect(out.slice(-2)).toEqual([
      '2 intents (faq 2); examples: ko 3, en 3 (fewest per intent: ko 1, en 1)',
      `0 errors, 4 warnings in ${FIXTURES}/valid`,
    ]);
  });

  it('exits 1 and prints each error as file:line: message', async () => {
    const { code, out } = await run(['--dir', `${FIXTURES}/unknown-field`]);
    expect(code).toBe(1);
    expect(out).toEqual([
      `${FIXTURES}/unknown-field/mail.spam.yaml:9: unknown field "exampels" (did you mean "examples"?)`,
      `1 error, 0 warnings in ${FIXTURES}/unknown-field`,
    ]);
  });

  it('passes on the shipped intents', async () => {
    const { code, out } = await run(['--dir', 'intents']);
    expect(out.filter((l) => !l.includes(': warning: ')).slice(0, -2)).toEqual([]);
    expect(code).toBe(0);
    expect(out.at(-1)).toMatch(/^0 errors, \d+ warnings? in intents$/);
  });

  it('rejects unknown options with exit code 2', async () => {
    const { code, err } = await run(['--dri', 'intents']);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^Unknown or incomplete option: --dri/);
    expect((await run(['--dir'])).code).toBe(2);
  });
});
