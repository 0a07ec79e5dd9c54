/** Starts the fake Discord and the real adapter (real discord.js client) on it, with recording handlers. */
import type { ChannelAdapter } from '../../../src/channels/contract.js';
import { createDiscordAdapter } from '../../../src/channels/discord/index.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { createRecordingHandlers, type RecordingHandlers } from './fake-handlers.js';

/** A connected adapter on a fake Discord. */
export interface AdapterOnFake {
  fake: FakeDiscord;
  adapter: ChannelAdapter;
  handlers: RecordingHandlers;
  close(): Promise<void>;
}

/** The adapter's configuration for a fake. */
export function configFor(fake: FakeDiscord) {
  return { token: fake.token, applicationId: fake.ids.application, agentRoleId: fake.ids.agentRole, apiUrl: fake.apiUrl };
}

/** Starts everything; close() destroys the client before closing the fake. */
export async function startAdapterOnFake(): Promise<AdapterOnFake> {
  const fake = await startFakeDiscord();
  const adapter = createDiscordAdapter(configFor(fake));
  const handlers = createRecordingHandlers();
  await adapter.start(handlers);
  return {
    fake,
    adapter,
    handlers,
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}
