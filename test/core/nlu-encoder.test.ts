import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { openConsoleSession } from '../support/console-session.js';
import { createFixtureEncoder } from '../support/fixture-encoder.js';

const NOW = '2026-11-23T10:00:00+09:00';

describe('NLU_ENCODER', () => {
  it('defaults to the shipped encoder, takes none, and names the variable when it is neither', () => {
    expect(loadConfig({}).nluEncoder).toBe('use-lite');
    expect(loadConfig({ NLU_ENCODER: 'none' }).nluEncoder).toBe('none');
    const error = (() => {
      try {
        loadConfig({ NLU_ENCODER: 'bert' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(['NLU_ENCODER: "bert" is not a sentence encoder; use one of use-lite, none']);
  });

  it('none: no encoder starts, nothing is embedded or cached, and English is matched lexically', async () => {
    const session = await openConsoleSession({ now: NOW, env: { NLU_ENCODER: 'none' } });
    try {
      expect(session.deskbot.fusion).toBeUndefined();
      const [answer] = await session.send({ user: 'u1', text: 'I forgot my password' });
      expect(answer).toMatchObject({ to: 'u1', intent: 'account.password_reset' });
      expect(readdirSync(session.dataDir).filter((f) => f.startsWith('embeddings'))).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('caches the embeddings of intents/ in the data folder; the shipped encoder is on by default', async () => {
    const encoder = createFixtureEncoder({ labels: new Map() });
    const session = await openConsoleSession({ now: NOW, encoder });
    try {
      await session.deskbot.fusion?.settled();
      expect(encoder.embedded.length).toBeGreaterThan(3000);
      expect(readdirSync(session.dataDir)).toContain('embeddings-fixture_1.bin');
    } finally {
      await session.close();
    }
    const shipped = await openConsoleSession({ now: NOW });
    try {
      expect(shipped.deskbot.fusion).toBeDefined();
    } finally {
      await shipped.close();
    }
  });
});
