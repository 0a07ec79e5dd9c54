/** Types shared by the intent matcher and its users. */

/** A labelled utterance used for training or evaluation; `oos` marks out of scope. */
export interface LabelledExample {
  text: string;
  intent: string;
}

/** One ranked guess of the matcher. */
export interface IntentScore {
  intent: string;
  /** Calibrated probability-like confidence in [0, 1]. */
  confidence: number;
}

/** What the matcher decided for one message. */
export interface MatchResult {
  /** Best intent, or 'oos' when the top confidence is below the threshold. */
  intent: string;
  confidence: number;
  /** Top guesses, best first (at most 5). */
  ranked: IntentScore[];
  /** True when the top two are too close to choose between: the bot asks which one was meant. */
  ambiguous: boolean;
  /**
   * For a message of one word ("로그인"): the intents whose examples use that word, each with its share of those
   * examples, most first (word-senses.ts). A word many intents share names a subject, not a question.
   */
  senses?: IntentScore[];
}

/** A trained intent classifier. */
export interface Matcher {
  /** Ranks intents for a text, best first, without applying the threshold. */
  rank(text: string, k?: number): IntentScore[];
  /** Applies the out-of-scope threshold and the ambiguity margin to rank(), with the senses of a one-word message. */
  match(text: string): MatchResult;
  /** The senses of a one-word message (see MatchResult.senses); undefined for longer messages. */
  senses(text: string): IntentScore[] | undefined;
  /** Confidence below which a message is out of scope. */
  readonly threshold: number;
}

/** What the bot matches messages with: a Matcher, or one that may wait for a sentence encoder (fused-matcher.ts). */
export interface MessageMatcher {
  /** The decision for one message (see Matcher.match). */
  match(text: string): MatchResult | Promise<MatchResult>;
  /** Confidence below which a message is out of scope. */
  readonly threshold: number;
}

/** The label of out-of-scope examples and predictions. */
export const OOS = 'oos';
