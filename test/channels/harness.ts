/** The harness every channel adapter provides so the shared channel contract suite can drive it. */
import type { AgentVerb } from '../../src/cases/types.js';

/** A bot message as the user or agent saw it on the platform. */
export interface SeenMessage {
  text: string;
  /** Values of the choices (buttons, options) offered with it. */
  choices: string[];
}

/** Drives one channel end to end: real adapter, real core, fake platform. */
export interface ChannelHarness {
  /** A user writes in their conversation (DM or thread); resolves with the bot's replies to it, in order. */
  userSays(user: string, text: string): Promise<SeenMessage[]>;
  /** The platform delivers one user message twice (a retried or replayed event); resolves with the bot's replies to both. */
  userSaysTwice(user: string, text: string): Promise<SeenMessage[]>;
  /** A user presses a choice the bot offered; resolves with the bot's replies. */
  press(user: string, value: string): Promise<SeenMessage[]>;
  /** An agent acts on a case from the agents' side (reply uses text). */
  agentDoes(agent: string, caseId: string, verb: AgentVerb, text?: string): Promise<void>;
  /** The verbs of the buttons (console: the actions) the case's card offers now. */
  cardButtons(caseId: string): string[];
  /**
   * Someone who is not an agent acts on a case from the agents' side (a button, or a post in the card's thread for
   * reply); resolves with what they were shown. Absent where everyone acting there is an agent (the console).
   */
  outsiderDoes?(person: string, caseId: string, verb: AgentVerb, text?: string): Promise<string[]>;
  /**
   * This bot (`self`) or another bot posts in a user's conversation. Resolves once it is posted: the platform hands
   * it to the adapter before the user's next message. Absent where bots cannot post (the console).
   */
  botPosts?(who: 'self' | 'other', user: string, text: string): Promise<void>;
  /** Messages shown on the agents' side so far (cards, relays, notices), oldest first. */
  agentSide(): SeenMessage[];
  /** Messages the user has seen so far, oldest first. */
  userSide(user: string): SeenMessage[];
  /** Stops the adapter and the fakes. */
  close(): Promise<void>;
}

/** The texts of messages, one a line: what a user or agent read, for substring checks. */
export function textsOf(msgs: ReadonlyArray<{ text: string }>): string {
  return msgs.map((m) => m.text).join('\n');
}
