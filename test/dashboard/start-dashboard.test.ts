/**
 * `deskbot start` with DASHBOARD_PORT, run as an operator runs it (a process of its own, Slack faked): the dashboard
 * answers over HTTP on the bot's own embedded store, signs in with the token, stops with the bot on SIGTERM
 * (exit 0, the data folder free again); a made-up token goes to a 0600 file, not stderr; an address it cannot
 * listen on is one line and exit 1.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.js';
import { forkTs } from '../store/fork-ts.js';

const CLI = join(import.meta.dirname, 'fixtures', 'deskbot-cli.ts');
const TOKEN = 'operator-token-for-start-tests-0123';

interface Running {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `deskbot start` with Slack (HTTP mode) on the fake and the given extra variables. */
function start(slack: FakeSlack, dataDir: string, extra: NodeJS.ProcessEnv): Running {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    CHANNELS: 'slack',
    ROUTES: 'default=slack:CAGENTS',
    SLACK_MODE: 'http',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_PORT: '0',
    SLACK_HOST: '127.0.0.1',
    SLACK_BOT_TOKEN: 'xoxb-1-2-test',
    SLACK_API_URL: slack.apiUrl,
    DESKBOT_DATA_DIR: dataDir,
    NLU_ENCODER: 'none',
    LOG_LEVEL: 'silent',
    ...extra,
  };
  const child = forkTs(CLI, ['start'], env, [], 'pipe');
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stderr: () => err, exited };
}

/** Waits until the child's stderr matches, or it exits. */
async function waitFor(run: Running, pattern: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 300; i++) {
    const m = pattern.exec(run.stderr());
    if (m) return m;
    if (run.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`stderr never matched ${pattern}: ${run.stderr()}`);
}

/** Signs in over HTTP with this token: the session cookie, or the status of a refusal. */
async function signIn(url: string, token: string): Promise<string | number> {
  const page = await fetch(new URL('/sign-in', url));
  const cookie = page.headers.getSetCookie()[0].split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(new URL('/sign-in', url), { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, token }) });
  return res.status === 303 ? (res.headers.getSetCookie().find((c) => c.startsWith('deskbot_session='))?.split(';')[0] ?? '') : res.status;
}

describe('deskbot start with DASHBOARD_PORT', () => {
  let slack: FakeSlack | undefined;
  let run: Running | undefined;
  let blocker: Server | undefined;
  afterEach(async () => {
    if (run && run.child.exitCode === null) run.child.kill('SIGKILL');
    await run?.exited;
    await slack?.close();
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    slack = run = blocker = undefined;
  });

  it('serves the dashboard on the bot\'s own embedded store; the token signs in; SIGTERM stops both (exit 0, folder free)', async () => {
    slack = await startFakeSlack();
    const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-start-dashboard-'));
    run = start(slack, dataDir, { DASHBOARD_PORT: '0', DASHBOARD_TOKEN: TOKEN });
    const [, url] = await waitFor(run, /deskbot dashboard on (http:\/\/127\.0\.0\.1:\d+\/)/);
    expect(run.stderr()).toContain('deskbot running on slack');

    expect(await signIn(url, 'not-the-token-at-all')).toBe(401);
    const session = await signIn(url, TOKEN);
    for (const path of ['/', '/cases', '/knowledge']) {
      const res = await fetch(new URL(path, url), { headers: { cookie: String(session) }, redirect: 'manual' });
      expect(res.status, path).toBe(200);
    }
    expect(run.stderr()).not.toContain(TOKEN);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
    const store = await openLowdbStore({ dir: dataDir });
    await store.close();
  });

  it('without DASHBOARD_TOKEN makes one up on loopback and puts it in a file only its owner reads, not on stderr', async () => {
    slack = await startFakeSlack();
    const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-start-dashboard-'));
    run = start(slack, dataDir, { DASHBOARD_PORT: '0' });
    const [, url] = await waitFor(run, /deskbot dashboard on (http:\/\/127\.0\.0\.1:\d+\/)/);
    await waitFor(run, /sign in with the token in \S+dashboard-token/);
    const tokenFile = join(dataDir, 'dashboard-token');
    const token = readFileSync(tokenFile, 'utf8').trim();
    expect(token.length).toBeGreaterThanOrEqual(16);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(run.stderr()).not.toContain(token);
    expect(await signIn(url, token)).toMatch(/^deskbot_session=/);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('an address the dashboard cannot listen on: one line naming DASHBOARD_PORT, exit 1', async () => {
    slack = await startFakeSlack();
    const taken = createServer();
    blocker = taken;
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    run = start(slack, mkdtempSync(join(tmpdir(), 'deskbot-start-dashboard-')), { DASHBOARD_PORT: String(port), DASHBOARD_TOKEN: TOKEN });
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim().split('\n').at(-1)).toBe(`DASHBOARD_PORT: the dashboard cannot listen on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}`);
  });

  it('a non-loopback DASHBOARD_HOST without DASHBOARD_TOKEN is refused before anything starts', async () => {
    slack = await startFakeSlack();
    run = start(slack, mkdtempSync(join(tmpdir(), 'deskbot-start-dashboard-')), { DASHBOARD_PORT: '0', DASHBOARD_HOST: '0.0.0.0' });
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('DASHBOARD_HOST is 0.0.0.0, which is not a loopback address: set DASHBOARD_TOKEN');
    expect(slack.callsOf('auth.test')).toHaveLength(0);
  });
});
