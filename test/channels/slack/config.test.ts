/** Slack settings from the environment: defaults, and errors that name each variable to fix. */
import { describe, expect, it } from 'vitest';
import { slackConfigFromEnv } from '../../../src/channels/slack/config.js';

describe('slackConfigFromEnv', () => {
  it('defaults to Socket Mode and port 3000', () => {
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toMatchObject({ botToken: 'xoxb-1', appToken: 'xapp-1', mode: 'socket', port: 3000 });
  });

  it('reads HTTP mode with its signing secret, port, API URL and agents user group', () => {
    const c = slackConfigFromEnv({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_MODE: 'http',
      SLACK_SIGNING_SECRET: 'sec',
      SLACK_PORT: '8080',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      SLACK_AGENT_USERGROUP: 'S123',
    });
    expect(c).toMatchObject({ mode: 'http', signingSecret: 'sec', port: 8080, apiUrl: 'http://127.0.0.1:9999/api/', agentUsergroup: 'S123' });
  });

  it('names every missing variable for the chosen mode', () => {
    expect(() => slackConfigFromEnv({})).toThrow(/SLACK_BOT_TOKEN[\s\S]*SLACK_APP_TOKEN/);
    expect(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'http' })).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('explains invalid values without echoing tokens', () => {
    let message = '';
    try {
      slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxp-personal-secret', SLACK_APP_TOKEN: 'nope', SLACK_MODE: 'webhook', SLACK_PORT: '99999' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/SLACK_BOT_TOKEN: must be a bot token starting with xoxb-/);
    expect(message).toMatch(/SLACK_MODE: use socket or http/);
    expect(message).toMatch(/SLACK_PORT: must be a port number/);
    expect(message).not.toContain('xoxp-personal-secret');
  });

  it('says "swapped?" when the bot and app-level tokens are exchanged, without echoing them', () => {
    const both = () => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xapp-1-A1-secret', SLACK_APP_TOKEN: 'xoxb-1-2-secret' });
    expect(both).toThrow(/SLACK_BOT_TOKEN, SLACK_APP_TOKEN: swapped\?/);
    expect(both).not.toThrow(/secret/);
    expect(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xapp-1-A1-secret', SLACK_MODE: 'http', SLACK_SIGNING_SECRET: 's' })).toThrow(
      /SLACK_BOT_TOKEN: holds an app-level token \(xapp-…\), swapped with SLACK_APP_TOKEN\?/,
    );
    expect(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' })).toThrow(/SLACK_APP_TOKEN: holds a bot token \(xoxb-…\), swapped/);
  });
});

