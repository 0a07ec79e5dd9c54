/**
 * Test setup (vitest.config.ts setupFiles): the shipped sentence encoder loads a 28 MB model (about 1 s of CPU
 * and 100 MB of memory) in a worker thread. Every bot a test starts would load it, and would answer English
 * messages lexically or fused depending on how far it got. So in tests the shipped encoder never loads: the bot
 * logs that it is unavailable and matches with the lexical matcher, as with a model that fails to load. Tests of
 * the fusion pass their own encoder (StartOptions.encoder); test/nlu/use-lite-encoder.test.ts loads the real one.
 */
import { vi } from 'vitest';
import type { UseLiteEncoder } from '../../src/nlu/use-lite/encoder.js';

vi.mock('../../src/nlu/use-lite/encoder.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/nlu/use-lite/encoder.js')>();
  return {
    ...actual,
    createUseLiteEncoder: (): UseLiteEncoder => {
      const unloaded = Promise.reject(new Error('the shipped sentence encoder is not loaded in tests'));
      unloaded.catch(() => undefined);
      return { name: 'use-lite-en/not-loaded', languages: ['en'], dimensions: 512, loaded: unloaded, ready: () => unloaded, embed: () => unloaded, close: async () => undefined };
    },
  };
});
