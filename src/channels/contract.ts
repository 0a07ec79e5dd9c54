/** The channel-agnostic message model shared by the core and every channel adapter. */
import type { AgentVerb, CaseStatus, ChannelName, FileRef, SupportCase } from '../cases/types.js';
import type { Lang } from '../knowledge/types.js';

/** A choice the bot offers (a button, a select option, a numbered console option). */
export interface Choice {
  value: string;
  label: string;
}

/** A message from a user to the bot. */
export interface InboundMessage {
  /** Platform message/event id, used to drop duplicate deliveries. */
  id: string;
  channel: ChannelName;
  /** The conversation (DM, thread) this message belongs to; unique within the channel. */
  conversationId: string;
  user: { id: string; name?: string; isBot: boolean };
  text: string;
  /** Value of a choice the user pressed instead of typing. */
  choice?: string;
  files?: FileRef[];
  /** Language hint from the platform (console `lang`), else detected. */
  lang?: Lang;
  /** Escape hatch for adapters; the core never reads it. */
  raw?: unknown;
}


/** An agent acting on a case from the agents' side (button, thread reply, console line). */
export interface AgentAction {
  /** Platform event id, used to drop duplicate deliveries. */
  id: string;
  channel: ChannelName;
  agent: { id: string; name?: string };
  caseId: string;
  verb: AgentVerb;
  /** The reply text, for `reply`. */
  text?: string;
  files?: FileRef[];
}

/** Where to reach one user's conversation. */
export interface UserAddress {
  channel: ChannelName;
  conversationId: string;
  userId: string;
}

/** A message from the bot to a user. */
export interface UserMessage {
  text: string;
  choices?: Choice[];
  /** Diagnostics of the turn, shown by the console JSON Lines protocol. */
  meta: TurnMeta;
}

/** The dialog's view of a turn, attached to each user-facing message. */
export interface TurnMeta {
  intent: string | null;
  confidence: number | null;
  state: string;
  asking: string | null;
  slots: Record<string, string>;
  caseId: string | null;
}

/** Where a route's agents work: a platform and a channel there. */
export interface AgentDestination {
  route: string;
  channel: ChannelName;
  /** Platform channel id (Slack channel, Discord channel or forum); empty for the console. */
  target: string;
}

/** A message to the agents' side about one case. */
export type AgentMessage =
  | { kind: 'card'; case: SupportCase; /** true when the case existed before: update the card. */ update: boolean }
  | { kind: 'relay'; caseId: string; /** The case card's reference on this platform (where to thread it), when there is one. */ card?: string; from: string; text: string; files?: FileRef[] }
  | { kind: 'notice'; caseId: string; /** As on a relay. */ card?: string; text: string; status?: CaseStatus };

/** One thing the core wants sent, to a user or to agents. */
export type Delivery =
  | { to: 'user'; address: UserAddress; message: UserMessage }
  | { to: 'agents'; destination: AgentDestination; message: AgentMessage };

/** A delivery a turn committed together with its changes; sent after the commit, and again after a crash if it was not. */
export interface PendingDelivery {
  /** Unique id; `delivered:{id}` is claimed in the store once it went out. */
  id: string;
  delivery: Delivery;
}

/** Callbacks a channel adapter pushes inbound traffic into. */
export interface InboundHandlers {
  onMessage(message: InboundMessage): Promise<void>;
  onAgentAction(action: AgentAction): Promise<void>;
  /** Finds the case of an agents' card or thread by the reference deliver() returned for it. */
  caseIdForCardRef(ref: string): Promise<string | undefined>;
  /** The cases of one user, newest first (for a status view such as Slack's App Home). */
  casesOf(channel: ChannelName, userId: string): Promise<SupportCase[]>;
}

/** Choice values every channel can send for its own commands (slash commands, menus). */
export const COMMAND_CHOICES = {
  help: 'cmd:help',
  status: 'cmd:status',
  newInquiry: 'cmd:new',
} as const;

/** A platform adapter: receives from and sends to one platform. */
export interface ChannelAdapter {
  readonly name: ChannelName;
  /** Connects to the platform and starts pushing inbound traffic into the handlers. */
  start(handlers: InboundHandlers): Promise<void>;
  /**
   * Sends one delivery (to a user of this platform, or to agents working on it).
   * For a new case card it returns a platform reference of the card/thread
   * (e.g. `slack:C123:1700000000.000100`), which the core keeps in SupportCase.cardRefs.
   */
  deliver(delivery: Delivery): Promise<string | void>;
  /** Disconnects cleanly. */
  stop(): Promise<void>;
}
