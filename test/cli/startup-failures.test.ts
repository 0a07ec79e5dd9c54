import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.js';
import { rootLogger, sendLogsToFile } from '../../src/log.js';
import { openStore } from '../../src/store/open-store.js';
import { runCli } from './run-cli.js';

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const dataDir = () => mkdtempSync(join(tmpdir(), 'deskbot-startup-'));

// The debug log, where the stack of each failure goes.
const logFile = join(dataDir(), 'deskbot.log');
process.env.LOG_LEVEL = 'debug';
rootLogger();
sendLogsToFile(logFile);

describe('start-up failures an operator can fix: one line naming the variable, exit 1', () => {
  let slack: FakeSlack | undefined;
  let discord: FakeDiscord | undefined;
  afterEach(async () => {
    await slack?.close();
    await discord?.close();
    slack = discord = undefined;
  });

  const slackEnv = (apiUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    CHANNELS: 'slack',
    ROUTES: 'default=slack:CAGENTS',
    SLACK_MODE: 'http',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_PORT: '0',
    SLACK_HOST: '127.0.0.1',
    SLACK_BOT_TOKEN: 'xoxb-1-2-revoked',
    SLACK_API_URL: apiUrl,
    DESKBOT_DATA_DIR: dataDir(),
    ...extra,
  });

  it('Slack rejects the bot token (auth.test answers invalid_auth), and the stack goes to the debug log', async () => {
    slack = await startFakeSlack();
    slack.failNext('auth.test', { error: 'invalid_auth' });
    const env = slackEnv(slack.apiUrl);
    const r = await runCli(['start'], env);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.errLines).toEqual([
      'SLACK_BOT_TOKEN: Slack rejected the bot token (invalid_auth); copy the xoxb-… token again from OAuth & Permissions (reinstall the app if it was revoked)',
    ]);
    expect(slack.callsOf('auth.test')).toHaveLength(1);
    const logged = readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string; err?: { stack: string; cause?: { cause?: { type: string; stack: string } } } });
    const failure = logged.find((l) => l.msg === 'start-up failed');
    expect(failure?.level).toBe(20);
    expect(failure?.err?.cause?.cause).toMatchObject({ type: 'WebAPIPlatformError', stack: expect.stringMatching(/invalid_auth\n\s+at /) });
  });

  it('Slack rejects the app-level token in Socket Mode (apps.connections.open answers invalid_auth)', async () => {
    slack = await startFakeSlack();
    slack.failNext('apps.connections.open', { error: 'invalid_auth' }, 10);
    const env = slackEnv(slack.apiUrl, { SLACK_MODE: 'socket', SLACK_APP_TOKEN: 'xapp-1-A1-revoked' });
    const r = await runCli(['start'], env);
    expect(r.code).toBe(1);
    expect(r.errLines).toEqual([
      'SLACK_APP_TOKEN: Slack rejected the app-level token (invalid_auth); copy the xapp-… token with connections:write from Basic Information → App-Level Tokens',
    ]);
  });

  it('Slack cannot be reached (nothing listens at SLACK_API_URL)', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api/`;
    const r = await runCli(['start'], slackEnv(apiUrl));
    expect(r.code).toBe(1);
    expect(r.errLines).toEqual([`SLACK_API_URL: Slack cannot be reached at ${apiUrl} (ECONNREFUSED); check the address, or unset SLACK_API_URL to use slack.com`]);
  });

  it('Discord refuses the login (the fake answers 401 to a token it does not know)', async () => {
    discord = await startFakeDiscord();
    const r = await runCli(['start'], {
      CHANNELS: 'discord',
      ROUTES: `default=discord:${discord.ids.agentsText}`,
      DISCORD_TOKEN: 'MTA5ODc2NTQzMjEwOTg3NjU0.GxYz12.abcdefghijklmnopqrstuvwxyz0123456789AB',
      DISCORD_APPLICATION_ID: discord.ids.application,
      DISCORD_AGENT_ROLE_ID: discord.ids.agentRole,
      DISCORD_API_URL: discord.apiUrl,
      DESKBOT_DATA_DIR: dataDir(),
    });
    expect(r.code).toBe(1);
    expect(r.errLines).toEqual([
      'DISCORD_TOKEN: Discord rejected the bot token (401 Unauthorized); reset it in Developer Portal → Bot → Reset Token and set DISCORD_TOKEN to the new one',
    ]);
    expect(r.stderr).not.toContain('abcdefghijklmnop');
  });

  const pgUrl = process.env.DATABASE_URL;
  describe.skipIf(!pgUrl)('PostgreSQL (skipped: set DATABASE_URL to a reachable PostgreSQL to run these)', () => {
    const withDatabase = (name: string) => {
      const u = new URL(pgUrl as string);
      u.pathname = `/${name}`;
      return u.toString();
    };

    it('a database that does not exist', async () => {
      const r = await runCli(['chat', '--jsonl'], { DATABASE_URL: withDatabase('deskbot_no_such_database'), DESKBOT_DATA_DIR: dataDir() });
      const at = `${new URL(pgUrl as string).hostname}:${new URL(pgUrl as string).port || '5432'}`;
      expect(r).toMatchObject({ code: 1, stdout: '' });
      expect(r.errLines).toEqual([
        `DATABASE_URL: database "deskbot_no_such_database" does not exist on ${at}; create it (createdb deskbot_no_such_database) or name an existing one (stock PostgreSQL has "postgres")`,
      ]);
    });

    it('a login PostgreSQL refuses', async () => {
      const u = new URL(pgUrl as string);
      u.username = 'deskbot_no_such_role';
      const r = await runCli(['chat', '--jsonl'], { DATABASE_URL: u.toString(), DESKBOT_DATA_DIR: dataDir() });
      expect(r.code).toBe(1);
      expect(r.errLines).toHaveLength(1);
      expect(r.errLines[0]).toMatch(/^DATABASE_URL: PostgreSQL on .* refused the login of user "deskbot_no_such_role" \(.*\); check the user name and password in DATABASE_URL$/);
    });
  });

  it('PostgreSQL cannot be reached', async () => {
    const port = await closedPort();
    const r = await runCli(['chat', '--jsonl'], { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`, DESKBOT_DATA_DIR: dataDir() });
    expect(r.code).toBe(1);
    expect(r.errLines).toEqual([`DATABASE_URL: PostgreSQL cannot be reached at 127.0.0.1:${port} (ECONNREFUSED); is it running, and are the host and port right?`]);
  });
});

describe('store errors at start-up', () => {
  it('a data folder in use by another deskbot: one line, exit 1', async () => {
    const dir = dataDir();
    const first = await openStore({ dataDir: dir });
    try {
      const r = await runCli(['chat', '--jsonl', '--data', dir]);
      expect(r).toMatchObject({ code: 1, stdout: '' });
      expect(r.errLines).toHaveLength(1);
      expect(r.errLines[0]).toMatch(new RegExp(`^the data directory ${dir} is in use by .*Stop it first`));
    } finally {
      await first.close();
    }
  });

  it('a corrupt data file: one line naming the file, exit 1, the file untouched', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'deskbot.json'), '{ not json');
    const r = await runCli(['chat', '--jsonl', '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(new RegExp(`^deskbot data file ${join(dir, 'deskbot.json')} is corrupt`));
    expect(readFileSync(join(dir, 'deskbot.json'), 'utf8')).toBe('{ not json');
  });
});
