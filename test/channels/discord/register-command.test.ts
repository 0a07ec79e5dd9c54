import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDiscordRegisterCommand } from '../../../src/channels/discord/index.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/fake-discord.js';
import type { Json } from '../../fakes/discord/payloads.js';

describe('deskbot discord register', () => {
  let fake: FakeDiscord;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    fake = await startFakeDiscord();
    env = { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.ids.application, DISCORD_API_URL: fake.apiUrl };
  });
  afterAll(async () => {
    await fake.close();
  });

  it('registers /deskbot with help, status and ask [question] in one server', async () => {
    const out: string[] = [];
    expect(await runDiscordRegisterCommand(['--guild', fake.ids.guild], (l) => out.push(l), env)).toBe(0);
    const put = fake.requests.find((r) => r.method === 'PUT' && r.path === `/applications/${fake.ids.application}/guilds/${fake.ids.guild}/commands`);
    const [command, suggest] = put?.body as Json[];
    expect(suggest).toMatchObject({ name: 'Suggest as answer', type: 3, name_localizations: { ko: '답변으로 추천' } });
    expect(command).toMatchObject({ name: 'deskbot', description_localizations: { ko: expect.any(String) } });
    const subs = command.options as Array<{ name: string; type: number; options?: Array<{ name: string; required?: boolean }> }>;
    expect(subs.map((s) => s.name)).toEqual(['help', 'status', 'ask']);
    expect(subs[2].options).toEqual([expect.objectContaining({ name: 'question', required: false })]);
    expect(out.join('\n')).toMatch(/Registered \/deskbot, "Suggest as answer" \(message menu\) in server/);
  });

  it('registers globally without --guild', async () => {
    const out: string[] = [];
    expect(await runDiscordRegisterCommand([], (l) => out.push(l), env)).toBe(0);
    expect(fake.requests.some((r) => r.method === 'PUT' && r.path === `/applications/${fake.ids.application}/commands`)).toBe(true);
    expect(out.join('\n')).toMatch(/globally/);
  });

  it('reports a refusal from Discord with exit code 1 and no token', async () => {
    const out: string[] = [];
    expect(await runDiscordRegisterCommand([], (l) => out.push(l), { ...env, DISCORD_APPLICATION_ID: '1999999999999999999' })).toBe(1);
    expect(out.join('\n')).toMatch(/Could not register the command: 403/);
    expect(out.join('\n')).not.toContain(fake.token);
  });

  it('rejects unknown options, a bad server id and missing variables with exit code 1 and a clear message', async () => {
    const out: string[] = [];
    expect(await runDiscordRegisterCommand(['--global'], (l) => out.push(l), env)).toBe(1);
    expect(await runDiscordRegisterCommand(['--guild', 'abc'], (l) => out.push(l), env)).toBe(1);
    expect(await runDiscordRegisterCommand([], (l) => out.push(l), {})).toBe(1);
    expect(out).toEqual([
      expect.stringContaining('Unknown option: --global'),
      expect.stringContaining('--guild needs a server id'),
      expect.stringMatching(/DISCORD_TOKEN: missing[\s\S]*DISCORD_APPLICATION_ID: missing/),
    ]);
  });
});
