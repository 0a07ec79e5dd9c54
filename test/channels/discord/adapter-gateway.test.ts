import { pino, type Logger } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/channels/discord/index.js';
import type { ChannelAdapter } from '../../../src/channels/contract.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { createRecordingHandlers } from './fake-handlers.js';
import { configFor } from './setup.js';


describe('Discord adapter: gateway and failures', () => {
  let fake: FakeDiscord | undefined;
  let adapter: ChannelAdapter | undefined;
  afterEach(async () => {
    await adapter?.stop();
    await fake?.close();
    adapter = undefined;
    fake = undefined;
  });

  /** Starts an adapter that, like the core, answers each message once ('echo: …'), and has user kim say 'one'. */
  async function startEcho(f: FakeDiscord, logger?: Logger) {
    const a = createDiscordAdapter(configFor(f), { logger });
    adapter = a;
    const handlers = createRecordingHandlers();
    handlers.onEachMessage = async (m) => {
      await a.deliver({ to: 'user', address: { channel: 'discord', conversationId: m.conversationId, userId: m.user.id }, message: { text: `echo: ${m.text}` } });
    };
    await a.start(handlers);
    const kim = f.addUser('kim');
    const dm = f.dmChannelOf(kim.id);
    f.userMessage(kim, dm, 'one');
    await f.waitFor(() => f.messagesIn(dm).some((m) => m.content === 'echo: one'), 'the first reply');
    return { a, handlers, kim, dm };
  }

  it('resumes after a disconnect (close 4000) without losing or repeating replies', async () => {
    fake = await startFakeDiscord();
    const f = fake;
    const { a, handlers, kim, dm } = await startEcho(f);
    await a.deliver({ to: 'user', address: { channel: 'discord', conversationId: dm, userId: kim.id }, message: { text: 'ok?', choices: [{ value: 'yes', label: 'Yes' }] } });
    f.interact(kim, f.messagesIn(dm).at(-1)?.id as string, 'choice:yes');
    await f.waitFor(() => f.messagesIn(dm).some((m) => m.content === 'echo: Yes'), 'the reply to the press');

    // The gateway drops the connection and, on RESUME, replays what the client already had (at-least-once).
    f.gateway.disconnect(4000, { replayLast: 6 });
    f.userMessage(kim, dm, 'two');
    await f.gateway.connected();
    await f.waitFor(() => f.messagesIn(dm).some((m) => m.content === 'echo: two'), 'the reply to the message sent while disconnected');
    f.userMessage(kim, dm, 'three');
    await f.waitFor(() => f.messagesIn(dm).some((m) => m.content === 'echo: three'), 'the third reply');

    expect(f.gateway.stats).toMatchObject({ identifies: 1, resumes: 1 });
    expect(f.messagesIn(dm).map((m) => m.content)).toEqual(['one', 'echo: one', 'ok?\n\n**›** Yes', 'echo: Yes', 'two', 'echo: two', 'three', 'echo: three']);
    expect(handlers.messages.map((m) => m.text)).toEqual(['one', 'Yes', 'two', 'three']);
  });

  it('logs an event discord.js cannot decode, with its type, and keeps serving', async () => {
    fake = await startFakeDiscord();
    const f = fake;
    const logged: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) });
    const { kim, dm } = await startEcho(f, logger);
    // A button press without the message it was pressed on: discord.js throws while decoding it.
    f.interact(kim, f.messagesIn(dm).at(-1)?.id as string, 'choice:yes', { withoutMessage: true });
    f.userMessage(kim, dm, 'two');
    await f.waitFor(() => f.messagesIn(dm).some((m) => m.content === 'echo: two'), 'the reply after the broken event');
    expect(logged.find((l) => l.event === 'INTERACTION_CREATE')).toMatchObject({ level: 50, msg: expect.stringContaining('could not be decoded') });
  });

  it('answers heartbeats so the connection stays up', async () => {
    fake = await startFakeDiscord({ heartbeatInterval: 40 });
    const f = fake;
    adapter = createDiscordAdapter(configFor(f));
    await adapter.start(createRecordingHandlers());
    await f.waitFor(() => f.gateway.stats.heartbeats >= 3, 'three heartbeats');
    expect(f.gateway.stats).toMatchObject({ identifies: 1, resumes: 0 });
  });

  it('leaves a 429 to discord.js’s queue: a split reply still arrives whole, in order, once, and nothing is logged as failed', async () => {
    fake = await startFakeDiscord();
    const f = fake;
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (s: string) => void lines.push(s) });
    adapter = createDiscordAdapter(configFor(f), { logger });
    await adapter.start(createRecordingHandlers());
    const kim = f.addUser('kim');
    const dm = f.dmChannelOf(kim.id);
    const parts = ['첫째', '둘째', '셋째'].map((p) => `${p} ${'가'.repeat(1900)}`);
    f.rateLimit('POST /channels/:id/messages', 2, 0.05);
    await adapter.deliver({ to: 'user', address: { channel: 'discord', conversationId: dm, userId: kim.id }, message: { text: parts.join('\n') } });
    expect(f.messagesIn(dm).map((m) => m.content)).toEqual(parts);
    expect(f.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${dm}/messages`)).toHaveLength(parts.length + 2);
    expect(lines.join('')).not.toContain('discord delivery failed');
  });

  it('never logs the token: a refused login and a failed delivery', async () => {
    fake = await startFakeDiscord();
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (s: string) => void lines.push(s) });
    const wrong = createDiscordAdapter({ ...configFor(fake), token: 'MTA5ODc2NTQzMjEwOTg3NjU0.GxYz12.abcdefghijklmnopqrstuvwxyz0123456789AB' }, { logger });
    const failure = await wrong.start(createRecordingHandlers()).then(() => undefined, (e: Error) => e);
    expect(failure?.message).toMatch(/Discord login failed/);
    expect(failure?.message).not.toContain('abcdefghijklmnopqrstuvwxyz');

    adapter = createDiscordAdapter(configFor(fake), { logger });
    await adapter.start(createRecordingHandlers());
    await adapter.deliver({ to: 'user', address: { channel: 'discord', conversationId: '1399999999999999999', userId: '1' }, message: { text: 'hi' } });
    const log = lines.join('');
    expect(log).toContain('discord delivery failed');
    expect(log).not.toContain(fake.token);
  });
});
