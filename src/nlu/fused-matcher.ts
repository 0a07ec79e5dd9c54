/** The matcher the bot uses once a sentence encoder is ready: the lexical matcher fused with a classifier on embeddings. */
import { pooledClassifier, type EmbeddingClassifiers } from './embedding-classifier.js';
import { fuseScores, routeOf, toLexicalScale, type FusionParams } from './fusion.js';
import { decideMatch, DEFAULT_AMBIGUITY_MARGIN, DEFAULT_THRESHOLD } from './matcher.js';
import type { SentenceEncoder } from './sentence-encoder.js';
import type { Matcher, MessageMatcher } from './types.js';

/** What a fused matcher is made of. */
export interface FusedMatcherParts {
  lexical: Matcher;
  /** Trained on the embeddings of the same examples as the lexical matcher (those the encoder covers). */
  classifiers: EmbeddingClassifiers;
  encoder: SentenceEncoder;
  params: FusionParams;
  ambiguityMargin?: number;
  /** Told when the encoder fails on a message (that message is then matched lexically); must not throw. */
  onEncoderError?: (error: Error) => void;
}

/**
 * Matches messages the encoder covers with the fusion, and the others (Korean, and mixed ones when
 * params.mixed says so) with the lexical matcher alone. Fused confidences are put on the lexical matcher's
 * scale, anchored at its default threshold, so that the lexical matcher's threshold (NLU_THRESHOLD) applies to both.
 */
export function createFusedMatcher(parts: FusedMatcherParts): MessageMatcher {
  const { lexical, encoder, params } = parts;
  const classifier = pooledClassifier(parts.classifiers, params.regressionWeight);
  const margin = parts.ambiguityMargin ?? DEFAULT_AMBIGUITY_MARGIN;
  return {
    threshold: lexical.threshold,
    async match(text) {
      if (routeOf(text, encoder.languages, params.mixed) === 'lexical') return lexical.match(text);
      let vector: Float32Array;
      try {
        [vector] = await encoder.embed([text]);
      } catch (e) {
        parts.onEncoderError?.(e as Error);
        return lexical.match(text);
      }
      const verdict = { labels: classifier.labels, probabilities: classifier.probabilities(vector) };
      const ranked = fuseScores(lexical.rank(text, Infinity), verdict, params.weight).map((s) => ({
        intent: s.intent,
        confidence: toLexicalScale(s.confidence, params.threshold, DEFAULT_THRESHOLD),
      }));
      const senses = lexical.senses(text);
      const decided = decideMatch(ranked, lexical.threshold, margin);
      return senses ? { ...decided, senses } : decided;
    },
  };
}
