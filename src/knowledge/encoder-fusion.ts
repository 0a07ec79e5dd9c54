/**
 * The sentence encoder's side of matching, across reloads of intents/: for each knowledge base, the encoder
 * embeds its examples (through the embedding cache, so only new or changed ones), a classifier is trained on
 * them, and the bot's matcher becomes the fused one. Until then, and for good if the encoder cannot load, the
 * knowledge base's lexical matcher answers.
 */
import type { Logger } from 'pino';
import { trainEmbeddingClassifiersAsync, type EmbeddingClassifierOptions } from '../nlu/embedding-classifier.js';
import { openEmbeddingCache } from '../nlu/embedding-cache.js';
import { createFusedMatcher } from '../nlu/fused-matcher.js';
import { DEFAULT_FUSION, routeOf, type FusionParams } from '../nlu/fusion.js';
import type { SentenceEncoder } from '../nlu/sentence-encoder.js';
import type { MessageMatcher } from '../nlu/types.js';
import type { KnowledgeBase } from './knowledge-base.js';

/** What the fusion is built from. */
export interface EncoderFusionOptions {
  encoder: SentenceEncoder;
  /** The embedding cache file (in the data folder). */
  cacheFile: string;
  logger: Logger;
  params?: FusionParams;
  classifier?: EmbeddingClassifierOptions;
}

/** The encoder's side of matching for the bot's knowledge bases. */
export interface EncoderFusion {
  /** The matcher for a knowledge base (the newest one given): lexical at once, fused once its classifier is trained. */
  matcherFor(kb: KnowledgeBase): MessageMatcher;
  /** Resolves when the newest knowledge base's matcher is fused, or has given up on the encoder. */
  settled(): Promise<void>;
  /** Stops the encoder. */
  close(): Promise<void>;
}

/** Starts the fusion; the encoder may still be loading. */
export function createEncoderFusion(options: EncoderFusionOptions): EncoderFusion {
  const { encoder, logger } = options;
  const params = options.params ?? DEFAULT_FUSION;
  const cache = openEmbeddingCache(options.cacheFile, encoder, { keep: 'used', onProblem: (message) => logger.warn(message) });
  let newest: KnowledgeBase | undefined;
  let unavailable = false;
  // One knowledge base is prepared at a time, so that the cache file is never written twice at once.
  let preparing: Promise<void> = Promise.resolve();
  let failedMessages = 0;
  let closing = false;
  logger.info({ encoder: encoder.name }, 'sentence encoder warming up: messages are matched by the lexical matcher until it is ready');

  async function prepare(kb: KnowledgeBase, use: (m: MessageMatcher) => void): Promise<void> {
    // A newer knowledge base supersedes this one before any work is wasted on it.
    if (newest !== kb || unavailable) return;
    const covered = kb.examples.filter((e) => routeOf(e.text, encoder.languages, 'fused') === 'fused');
    if (covered.length === 0) {
      logger.warn({ encoder: encoder.name }, 'no example in intents/ has words the sentence encoder understands; messages are matched by the lexical matcher alone');
      return;
    }
    try {
      // Nothing is read or trained before the model has loaded: the bot's start-up and first answers go first.
      await encoder.ready();
      if (newest !== kb) return;
      const started = performance.now();
      const { vectors, embedded } = await cache.embed(covered.map((e) => e.text));
      if (newest !== kb) return;
      const classifiers = await trainEmbeddingClassifiersAsync(vectors, covered.map((e) => e.intent), params.regressionWeight, options.classifier);
      use(
        createFusedMatcher({
          lexical: kb.matcher,
          classifiers,
          encoder,
          params,
          onEncoderError: (err) => {
            // Logged for the first failures only: a broken encoder would otherwise log every message.
            if (failedMessages++ < 3) logger.warn({ err }, 'the sentence encoder failed on a message; it was matched by the lexical matcher alone');
          },
        }),
      );
      logger.info(
        { examples: covered.length, embedded, fromCache: covered.length - embedded, ms: Math.round(performance.now() - started) },
        'sentence encoder ready: English messages are matched by the lexical matcher and the encoder together',
      );
    } catch (err) {
      unavailable = true;
      // Stopping the bot closes the encoder under a preparation: that is no failure.
      if (closing) return;
      logger.error({ err }, 'the sentence encoder is unavailable; messages are matched by the lexical matcher alone');
    }
  }

  return {
    matcherFor(kb) {
      newest = kb;
      let fused: MessageMatcher | undefined;
      preparing = preparing.then(() => prepare(kb, (m) => (fused = m)));
      return { threshold: kb.matcher.threshold, match: (text) => (fused ?? kb.matcher).match(text) };
    },
    settled: () => preparing,
    close() {
      closing = true;
      return encoder.close();
    },
  };
}
