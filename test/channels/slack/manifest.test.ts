/** The app manifest asks for what the adapter uses: scopes, events, the slash command, interactivity. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Manifest {
  features: { app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean }; slash_commands: Array<{ command: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

describe('Slack app manifest', () => {
  const manifest = parse(readFileSync('src/channels/slack/manifest.yaml', 'utf8')) as Manifest;

  it('requests the scopes and events the adapter relies on', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['app_mentions:read', 'chat:write', 'im:history', 'im:read', 'im:write', 'channels:history', 'groups:history', 'channels:read', 'groups:read', 'users:read', 'usergroups:read', 'commands', 'files:read']),
    );
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_mention', 'message.im', 'message.channels', 'message.groups', 'app_home_opened']),
    );
  });

  it('declares /deskbot, interactivity, Socket Mode and both App Home tabs', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/deskbot']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });
});
