import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config.js';
import { discordConfigFromEnv, discordCredentialsFromEnv } from '../../../src/channels/discord/index.js';

const env = {
  DISCORD_TOKEN: 'MTA5ODc2NTQzMjEwOTg3NjU0.GxYz12.abcdefghijklmnopqrstuvwxyz0123456789AB',
  DISCORD_APPLICATION_ID: '1098765432109876543',
  DISCORD_AGENT_ROLE_ID: '1198765432109876543',
};

describe('discordConfigFromEnv', () => {
  it('reads the token, application id, agent role and an optional API URL', () => {
    expect(discordConfigFromEnv({ ...env, DISCORD_API_URL: 'http://127.0.0.1:9999/api/' })).toEqual({
      token: env.DISCORD_TOKEN,
      applicationId: env.DISCORD_APPLICATION_ID,
      agentRoleId: env.DISCORD_AGENT_ROLE_ID,
      apiUrl: 'http://127.0.0.1:9999/api',
    });
    expect(discordConfigFromEnv(env).apiUrl).toBeUndefined();
  });

  it('names every missing variable in one error', () => {
    const error = (() => {
      try {
        discordConfigFromEnv({});
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    for (const name of ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_AGENT_ROLE_ID']) expect(error?.message).toMatch(new RegExp(`${name}: missing`));
  });

  it('rejects ids that are not Discord ids and a bad URL, without echoing the token', () => {
    const run = () => discordConfigFromEnv({ ...env, DISCORD_AGENT_ROLE_ID: 'support', DISCORD_API_URL: 'not a url' });
    expect(run).toThrow(/DISCORD_AGENT_ROLE_ID: must be a Discord id/);
    expect(run).toThrow(/DISCORD_API_URL: must be a URL/);
    expect(run).not.toThrow(/abcdefghijklmnop/);
  });

  it('refuses a DISCORD_TOKEN that is not shaped like a bot token, without echoing it', () => {
    for (const token of ['k3Jd8sPq0aZxYbWcVdUe7fTgShRiQjPo', env.DISCORD_APPLICATION_ID, 'MTA5ODc2NTQzMjEwOTg3NjU0.abcdefghij']) {
      const run = () => discordConfigFromEnv({ ...env, DISCORD_TOKEN: token });
      expect(run).toThrow(/DISCORD_TOKEN: does not look like a bot token \(three parts separated by dots/);
      expect(run).not.toThrow(token);
    }
    expect(() => discordConfigFromEnv({ ...env, DISCORD_TOKEN: `Bot ${env.DISCORD_TOKEN}` })).toThrow(/DISCORD_TOKEN: remove the "Bot " prefix/);
  });

  it('does not need the agent role to register commands', () => {
    expect(discordCredentialsFromEnv({ DISCORD_TOKEN: env.DISCORD_TOKEN, DISCORD_APPLICATION_ID: env.DISCORD_APPLICATION_ID })).toMatchObject({
      applicationId: env.DISCORD_APPLICATION_ID,
    });
  });
});
