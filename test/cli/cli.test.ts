import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli-commands.js';
import { runCli } from './run-cli.js';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('the deskbot command line', () => {
  it('prints its version', async () => {
    expect(await runCli(['--version'])).toMatchObject({ code: 0, stdout: `deskbot ${version}\n`, stderr: '' });
  });

  it('lists every command with --help and with no arguments', async () => {
    for (const argv of [[], ['--help']]) {
      const r = await runCli(argv);
      expect(r.code).toBe(0);
      for (const c of COMMANDS) expect(r.stdout).toContain(c.words.join(' '));
    }
  });

  it.each(COMMANDS.map((c) => [c.words.join(' '), c] as const))('deskbot %s --help lists its options', async (_name, c) => {
    const r = await runCli([...c.words, '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Usage: deskbot ${c.words.join(' ')}`);
    for (const o of c.options) expect(r.stdout).toContain(o.flag);
    expect(r.stdout).toContain('--help');
  });

  it('shows the options of chat, nlu eval and store migrate in their help', async () => {
    expect((await runCli(['chat', '--help'])).stdout).toMatch(/--jsonl[\s\S]*--data DIR[\s\S]*--intents DIR[\s\S]*--now ISO-8601/);
    expect((await runCli(['nlu', 'eval', '-h'])).stdout).toMatch(/--train FILE[\s\S]*--test FILE[\s\S]*--val FILE[\s\S]*--json/);
    expect((await runCli(['store', 'migrate', '--help'])).stdout).toMatch(/--from lowdb[\s\S]*--database-url URL/);
  });

  it('lists the subcommands of a group given alone', async () => {
    for (const [group, sub] of [['intents', 'check'], ['nlu', 'eval'], ['store', 'migrate'], ['discord', 'register']]) {
      const r = await runCli([group]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Subcommands:\n  ${group} ${sub}`);
    }
  });

  it.each([
    [['strat'], "deskbot: unknown command 'strat'. Did you mean 'start'?"],
    [['caht'], "deskbot: unknown command 'caht'. Did you mean 'chat'?"],
    [['intent', 'check'], "deskbot: unknown command 'intent'. Did you mean 'intents'?"],
    [['--verison'], "deskbot: unknown option '--verison'. Did you mean '--version'?"],
    [['intents', 'chek'], "deskbot intents: unknown subcommand 'chek'. Did you mean 'check'?"],
    [['chat', '--jsnol'], "deskbot chat: unknown option '--jsnol'. Did you mean '--jsonl'?"],
    [['chat', '--intent', 'x'], "deskbot chat: unknown option '--intent'. Did you mean '--intents'?"],
    [['store', 'migrate', '--database_url', 'x'], "deskbot store migrate: unknown option '--database_url'. Did you mean '--database-url'?"],
    [['start', '--port', '1'], "deskbot start: unknown option '--port' (it takes no options)"],
    [['bench', 'turn'], "deskbot bench: unexpected argument 'turn'. Did you mean 'turns'?"],
    [['chat', '--data'], 'deskbot chat: --data needs a value (--data DIR)'],
    [['weather'], "deskbot: unknown command 'weather'"],
  ])('deskbot %j: says what is wrong and what is nearest, on stderr, exit 2', async (argv, line) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.errLines[0]).toBe(line);
  });

  it("sends a command's own errors to stderr", async () => {
    const r = await runCli(['store', 'migrate', '--from', 'mysql', '--to', 'postgres']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^only --from lowdb --to postgres is supported/);
    const e = await runCli(['nlu', 'eval', '--train', 'nope.jsonl']);
    expect(e.code).toBe(2);
    expect(e.stdout).toBe('');
    expect(e.stderr).toMatch(/^deskbot nlu eval: /);
  });

  it('refuses deskbot start when the default route would lose every case, naming ROUTES and CHANNELS', async () => {
    const r = await runCli(['start'], { CHANNELS: 'slack', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.errLines).toEqual([
      'Invalid configuration:',
      "  ROUTES: default=console sends cases to the console, which CHANNELS=slack does not run, so no agent would see them; `deskbot start` does not run the console (`deskbot chat` does): write ROUTES=default=slack:<agents' channel id>",
    ]);
  });

  it('deskbot chat keeps the console default whatever CHANNELS and ROUTES say', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-cli-chat-'));
    const r = await runCli(['chat', '--jsonl', '--data', dataDir], { CHANNELS: 'slack', ROUTES: 'default=slack:C1' }, [JSON.stringify({ user: 'u1', text: '안녕하세요' })]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(0);
  });
});

