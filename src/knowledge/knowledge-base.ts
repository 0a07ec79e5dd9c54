/** The knowledge base the bot answers from: validated intents plus the matcher trained on their examples. */
import { OOS, trainMatcher } from '../nlu/matcher.js';
import type { LabelledExample, Matcher } from '../nlu/types.js';
import type { LoadedIntents } from './load.js';
import { LANGS, type Intent } from './types.js';

/** How to build a knowledge base. */
export interface KnowledgeBaseOptions {
  /** Confidence below which a message is out of scope; the matcher's measured default when absent. */
  threshold?: number;
}

/** Validated intents and a matcher trained on them; immutable, so a reload swaps in a whole new one. */
export interface KnowledgeBase {
  readonly intents: readonly Intent[];
  /** The intent with this id, if any. */
  byId(id: string): Intent | undefined;
  /** Classifies user text into intent ids (or 'oos'). */
  readonly matcher: Matcher;
  /** What the matcher was trained on: every example labelled with its intent, out-of-scope ones with 'oos'. */
  readonly examples: readonly LabelledExample[];
  /** Names of other companies' services (see LoadedIntents.otherServices). */
  readonly otherServices: readonly string[];
}

/**
 * Trains the matcher on every example of every intent, both languages, labelled with the intent id, and on the
 * out-of-scope examples as the matcher's reject class.
 */
export function buildKnowledgeBase(content: Pick<LoadedIntents, 'intents' | 'outOfScope'> & Partial<Pick<LoadedIntents, 'otherServices'>>, options: KnowledgeBaseOptions = {}): KnowledgeBase {
  const { intents, outOfScope } = content;
  const index = new Map(intents.map((intent) => [intent.id, intent]));
  const examples: LabelledExample[] = [
    ...intents.flatMap((intent) => LANGS.flatMap((lang) => intent.examples[lang].map((text) => ({ text, intent: intent.id })))),
    ...LANGS.flatMap((lang) => outOfScope[lang].map((text) => ({ text, intent: OOS }))),
  ];
  const matcher = trainMatcher(examples, options.threshold === undefined ? {} : { threshold: options.threshold });
  return {
    intents: [...intents],
    byId: (id) => index.get(id),
    matcher,
    examples,
    otherServices: content.otherServices ?? [],
  };
}
