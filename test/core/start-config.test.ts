import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { unusedRouteWarning } from '../../src/route-checks.js';
import { startConfigFromEnv } from '../../src/start-config.js';

const slack = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-abc' };
const discord = {
  DISCORD_TOKEN: 'MTA5ODc2NTQzMjEwOTg3NjU0.GxYz12.abcdefghijklmnopqrstuvwxyz0123456789AB',
  DISCORD_APPLICATION_ID: '1098765432109876543',
  DISCORD_AGENT_ROLE_ID: '1198765432109876543',
};

/** The problems `deskbot start` reports for this environment (empty when it would start). */
async function problemsOf(env: NodeJS.ProcessEnv): Promise<string[]> {
  try {
    await startConfigFromEnv(env);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems;
  }
}

describe('deskbot start refuses a configuration that would lose cases', () => {
  it.each([
    ['slack, default route on the console', { ...slack, CHANNELS: 'slack' }, /^ROUTES: default=console sends cases to the console, which CHANNELS=slack does not run.*write ROUTES=default=slack:<agents' channel id>$/],
    ['slack, default route on the console written out', { ...slack, CHANNELS: 'slack', ROUTES: 'default=console' }, /^ROUTES: default=console .*CHANNELS=slack/],
    ['discord, default route on Slack', { ...discord, CHANNELS: 'discord', ROUTES: 'default=slack:C1' }, /^ROUTES: default=slack:C1 sends cases to Slack, which CHANNELS=discord does not run.*CHANNELS=discord,slack/],
    ['slack, one route on Discord', { ...slack, CHANNELS: 'slack', ROUTES: 'default=slack:C1,payment=discord:123456789012345678' }, /^ROUTES: payment=discord:123456789012345678 sends cases to Discord.*CHANNELS=slack,discord.*ROUTES=payment=slack:/],
    ['no platform', { CHANNELS: 'console' }, /^CHANNELS: name slack and\/or discord for `deskbot start`/],
    ['CHANNELS unset', {}, /^CHANNELS: name slack and\/or discord/],
  ])('%s', async (_name, env, problem) => {
    const problems = await problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it.each([
    ['slack only', { ...slack, CHANNELS: 'slack', ROUTES: 'default=slack:C1,account=slack:C2' }],
    ['discord only', { ...discord, CHANNELS: 'discord', ROUTES: 'default=discord:123456789012345678' }],
    ['both, routes mixed', { ...slack, ...discord, CHANNELS: 'slack,discord', ROUTES: 'default=slack:C1,payment=discord:123456789012345678' }],
    ['http mode', { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'http', SLACK_SIGNING_SECRET: 's', CHANNELS: 'slack', ROUTES: 'default=slack:C1' }],
  ])('starts with %s', async (_name, env) => {
    expect(await problemsOf(env)).toEqual([]);
    const { slack: s, discord: d } = await startConfigFromEnv(env);
    expect([s !== undefined, d !== undefined]).toEqual([env.CHANNELS.includes('slack'), env.CHANNELS.includes('discord')]);
  });

  it("lists Slack's, Discord's and the core's problems in one run", async () => {
    const problems = await problemsOf({ CHANNELS: 'slack,discord', NLU_THRESHOLD: 'abc', DATABASE_URL: 'mysql://x' });
    const names = problems.map((p) => /^[A-Z_]+/.exec(p)?.[0]);
    expect(names).toEqual(
      expect.arrayContaining(['NLU_THRESHOLD', 'DATABASE_URL', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_AGENT_ROLE_ID']),
    );
  });

  it('checks the routes even when other variables are invalid', async () => {
    const problems = await problemsOf({ CHANNELS: 'slack', SLACK_BOT_TOKEN: 'xapp-1', SLACK_APP_TOKEN: 'xoxb-2', LOG_LEVEL: 'loud' });
    expect(problems.map((p) => /^[A-Z_]+/.exec(p)?.[0])).toEqual(['LOG_LEVEL', 'SLACK_BOT_TOKEN', 'ROUTES']);
    expect(problems[1]).toMatch(/swapped\?/);
  });

  it('checks the routes even when a platform is misconfigured', async () => {
    const problems = await problemsOf({ ...slack, CHANNELS: 'slack,discord', ROUTES: 'default=console' });
    expect(problems.some((p) => p.startsWith('ROUTES: default=console'))).toBe(true);
    expect(problems.some((p) => p.startsWith('DISCORD_TOKEN'))).toBe(true);
  });

  it('still lists Slack and Discord problems when CHANNELS itself is fine but another variable is not', async () => {
    const problems = await problemsOf({ CHANNELS: 'slack,discord', BUSINESS_HOURS: '18-9', ROUTES: 'default=slack:C1' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['BUSINESS_HOURS', 'SLACK_BOT_TOKEN', 'DISCORD_TOKEN']));
  });
});

describe('routes no intent uses', () => {
  const routes = {
    default: { route: 'default', channel: 'slack' as const, target: 'C0' },
    payment: { route: 'payment', channel: 'slack' as const, target: 'C1' },
    paymnt: { route: 'paymnt', channel: 'slack' as const, target: 'C2' },
  };

  it('names the unused route and the route names that exist', () => {
    expect(unusedRouteWarning(routes, ['payment', null, 'account', 'payment'], './intents')).toBe(
      'ROUTES: no intent in ./intents uses route "paymnt", so no case goes there (misspelt?); route names the intents use: account, payment',
    );
  });

  it('is quiet when every route is used; default never needs an intent', () => {
    expect(unusedRouteWarning({ default: routes.default, payment: routes.payment }, ['payment'], './intents')).toBeUndefined();
    expect(unusedRouteWarning({ default: routes.default }, [null], './intents')).toBeUndefined();
  });
});

describe('deskbot start checks the dashboard settings when DASHBOARD_PORT is set', () => {
  const base = { ...slack, CHANNELS: 'slack', ROUTES: 'default=slack:C1' };
  it('lists a bad DASHBOARD_PORT with the other problems', async () => {
    const problems = await problemsOf({ ...base, DASHBOARD_PORT: 'http', TIME_ZONE: 'Mars/Base' });
    expect(problems).toHaveLength(2);
    expect(problems).toContain('DASHBOARD_PORT: "http" is not a port number (0-65535)');
  });
  it('lists a DASHBOARD_USERS_FILE that cannot be read', async () => {
    expect(await problemsOf({ ...base, DASHBOARD_PORT: '0', DASHBOARD_USERS_FILE: '/nonexistent/users' })).toEqual(['DASHBOARD_USERS_FILE: /nonexistent/users: cannot be read (ENOENT)']);
  });
  it('takes the dashboard settings, and none without DASHBOARD_PORT', async () => {
    expect((await startConfigFromEnv({ ...base, DASHBOARD_PORT: '3200', DASHBOARD_HOST: '10.0.0.5', DASHBOARD_TOKEN: 'a-token-of-enough-length' })).dashboard).toMatchObject({ host: '10.0.0.5', port: 3200, generatedToken: false });
    expect((await startConfigFromEnv({ ...base, DASHBOARD_HOST: '10.0.0.5' })).dashboard).toBeUndefined();
  });
});
