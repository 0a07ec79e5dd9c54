import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createEncoderFusion } from '../../src/knowledge/encoder-fusion.js';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { loadIntentsDir } from '../../src/knowledge/load.js';
import { loadKnowledgeBase } from '../../src/knowledge/watch.js';
import { embeddingCacheFile } from '../../src/nlu/embedding-cache.js';
import { createFixtureEncoder } from '../support/fixture-encoder.js';
import { openConsoleSession } from '../support/console-session.js';

const NOW = '2026-11-23T10:00:00+09:00';
/** Words no intent example has: the lexical matcher finds this message out of scope. */
const PARAPHRASE = 'xyzzy plugh frobnicate';
/** The same, in Hangul syllables no example has. */
const HANGUL_PARAPHRASE = '쀍쀍 뛟뛟 쀍뛟';

function capturedLogger() {
  const lines: { msg: string; [field: string]: unknown }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, messages: () => lines.map((l) => l.msg) };
}

async function shippedKnowledge() {
  const kb = await loadKnowledgeBase('intents');
  return { kb, labels: new Map(kb.examples.map((e) => [e.text, e.intent])) };
}

describe('the encoder fusion of a knowledge base', () => {
  it('embeds the examples once: a restart embeds nothing, a changed example is the only one embedded', async () => {
    const { kb, labels } = await shippedKnowledge();
    const dir = mkdtempSync(join(tmpdir(), 'deskbot-embeddings-'));
    const first = createFixtureEncoder({ labels });
    const { logger, messages } = capturedLogger();
    const fusion = createEncoderFusion({ encoder: first, cacheFile: embeddingCacheFile(dir, first), logger });
    fusion.matcherFor(kb);
    await fusion.settled();
    // Every English example, and of the Korean ones only those with Latin letters (PW, app, Wi-Fi), each once.
    const texts = new Set(kb.examples.map((e) => e.text));
    const english = [...texts].filter((t) => !/[\uac00-\ud7a3]/.test(t) && /[A-Za-z]/.test(t));
    expect(first.embedded).toEqual(expect.arrayContaining(english));
    expect(first.embedded.every((t) => /[A-Za-z]/.test(t))).toBe(true);
    expect(new Set(first.embedded).size).toBe(first.embedded.length);
    expect(existsSync(embeddingCacheFile(dir, first))).toBe(true);
    expect(messages()).toContain('sentence encoder ready: English messages are matched by the lexical matcher and the encoder together');

    const restarted = createFixtureEncoder({ labels });
    const again = createEncoderFusion({ encoder: restarted, cacheFile: embeddingCacheFile(dir, restarted), logger: capturedLogger().logger });
    again.matcherFor(kb);
    await again.settled();
    expect(restarted.embedded).toEqual([]);

    const loaded = await loadIntentsDir('intents');
    const edited = loaded.intents.map((intent, i) =>
      i === 0 ? { ...intent, examples: { ...intent.examples, en: ['my account got locked after the trip', ...intent.examples.en.slice(1)] } } : intent,
    );
    again.matcherFor(buildKnowledgeBase({ intents: edited, outOfScope: loaded.outOfScope }));
    await again.settled();
    expect(restarted.embedded).toEqual(['my account got locked after the trip']);
  });

  it('answers with the lexical matcher while the encoder warms up, and says so', async () => {
    const { kb, labels } = await shippedKnowledge();
    const encoder = createFixtureEncoder({ labels: new Map([...labels, [PARAPHRASE, 'account.password_reset']]), held: true });
    const { logger, messages } = capturedLogger();
    const fusion = createEncoderFusion({ encoder, cacheFile: join(mkdtempSync(join(tmpdir(), 'deskbot-embeddings-')), 'cache.bin'), logger });
    const matcher = fusion.matcherFor(kb);
    expect(messages()).toEqual(['sentence encoder warming up: messages are matched by the lexical matcher until it is ready']);
    expect(await matcher.match(PARAPHRASE)).toEqual(kb.matcher.match(PARAPHRASE));
    expect(kb.matcher.match(PARAPHRASE).intent).toBe('oos');
    encoder.open();
    await fusion.settled();
    expect((await matcher.match(PARAPHRASE)).intent).toBe('account.password_reset');
  });

  it('keeps answering lexically when the encoder cannot load', async () => {
    const { kb } = await shippedKnowledge();
    const broken = { ...createFixtureEncoder({ labels: new Map() }), embed: () => Promise.reject(new Error('no model here')) };
    const { logger, messages } = capturedLogger();
    const fusion = createEncoderFusion({ encoder: broken, cacheFile: join(mkdtempSync(join(tmpdir(), 'deskbot-embeddings-')), 'cache.bin'), logger });
    const matcher = fusion.matcherFor(kb);
    await fusion.settled();
    expect(messages()).toContain('the sentence encoder is unavailable; messages are matched by the lexical matcher alone');
    expect(await matcher.match('I forgot my password')).toEqual(kb.matcher.match('I forgot my password'));
  });
});

describe('a bot with a sentence encoder', () => {
  it('answers before the encoder is ready, then understands what only the encoder does, and leaves Korean to the lexical matcher', async () => {
    const { labels } = await shippedKnowledge();
    const encoder = createFixtureEncoder({ labels: new Map([...labels, [PARAPHRASE, 'account.password_reset'], [HANGUL_PARAPHRASE, 'account.password_reset']]), held: true });
    const session = await openConsoleSession({ now: NOW, encoder });
    try {
      const early = await session.send({ user: 'u1', text: PARAPHRASE });
      expect(early).toHaveLength(1);
      expect(early[0]).toMatchObject({ to: 'u1', intent: 'oos' });
      encoder.open();
      await session.deskbot.fusion?.settled();
      const later = await session.send({ user: 'u2', text: PARAPHRASE });
      expect(later[0]).toMatchObject({ to: 'u2', intent: 'account.password_reset' });
      const korean = await session.send({ user: 'u3', text: HANGUL_PARAPHRASE });
      expect(korean[0]).toMatchObject({ to: 'u3', intent: 'oos' });
      expect(encoder.embedded).not.toContain(HANGUL_PARAPHRASE);
    } finally {
      await session.close();
    }
    expect(encoder.closed).toBe(true);
  });
});
