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
  /**
   * The case this message is written to (a reply in the thread of a case's message on Slack, a reply to one on
   * Discord, `/case ID` at the console): it goes to that case's agent whatever else the conversation is doing.
   */
  caseId?: string;
  /** Language hint from the platform (console `lang`), else detected. */
  lang?: Lang;
  /**
   * Set when the message was posted where others read it (a channel's thread): how to reach the user in private.
   * `openDirect` opens (or finds) the user's direct conversation with the bot and returns its conversationId.
   */
  publicPlace?: { openDirect(): Promise<string> };
  /** Escape hatch for adapters; the core never reads it. */
  raw?: unknown;
}


/** An agent acting on a case from the agents' side (button, thread reply, console line). */
export type AgentAction = AgentActionFields & (
  | { /** The case, named by a card's button. */ caseId: string; card?: undefined }
  | { /** The reference of the card whose thread the post is in (see card-ref.ts): the core finds its case. */ card: string; caseId?: undefined }
);

/** What every agent action carries besides the case it is about. */
export interface AgentActionFields {
  /** Platform event id, used to drop duplicate deliveries. */
  id: string;
  channel: ChannelName;
  agent: {
    id: string;
    name?: string;
    /** Whether the platform counts this person as an agent (Slack: the agents' channel; Discord: the role). Asked only when the action is about a case. */
    isAgent(): Promise<boolean>;
  };
  verb: AgentVerb;
  /** The reply text, for `reply`. */
  text?: string;
  files?: FileRef[];
}

/**
 * What the core made of an agent action. `refused`: the person is not an agent, show them `text` where only they
 * see it. `not-a-case`: the card reference names no case, so the post is not about one (the adapter may treat it
 * as a user's message). `handled`: applied, refused by the case's status (agents get a notice), or dropped.
 */
export type AgentActionOutcome = { kind: 'handled' } | { kind: 'refused'; text: string } | { kind: 'not-a-case' };

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
}

/** The dialog's view of a user turn, for adapters that show it (the console's JSON Lines protocol). */
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
  | {
      kind: 'card';
      case: SupportCase;
      /** true when the case existed before: update the card. */
      update: boolean;
      /** Its times and details as the operator reads them (TIME_ZONE, AGENTS_LANG), for platforms without their own date rendering. */
      shown?: CardText;
    }
  | { kind: 'relay'; caseId: string; /** The case card's reference on this platform (where to thread it), when there is one. */ card?: string; from: string; text: string; files?: FileRef[] }
  | { kind: 'notice'; caseId: string; /** As on a relay. */ card?: string; text: string; status?: CaseStatus };

/** A case card's due time and details in words, as the users' messages show them (see AgentMessage). */
export interface CardText {
  due: string;
  details: Record<string, string>;
}

/** One thing the core wants sent: to a user, to agents, or a user's list of cases (Slack's App Home). */
export type Delivery =
  | { to: 'user'; address: UserAddress; message: UserMessage }
  | { to: 'agents'; destination: AgentDestination; message: AgentMessage }
  | { to: 'cases-view'; channel: ChannelName; userId: string; cases: SupportCase[] }
  | { to: 'queue-view'; channel: ChannelName; cases: SupportCase[]; now: string; /** The operator's, for due times. */ timeZone: string };

/** A delivery a turn committed together with its changes; sent after the commit, and again after a crash if it was not. */
export interface PendingDelivery {
  /** Unique id; `delivered:{id}` is claimed in the store once it went out. */
  id: string;
  delivery: Delivery;
}

/** Callbacks a channel adapter pushes inbound traffic into. */
export interface InboundHandlers {
  onMessage(message: InboundMessage): Promise<void>;
  onAgentAction(action: AgentAction): Promise<AgentActionOutcome>;
  /** A user opened a view of their cases (Slack's App Home): the core delivers a `cases-view` of them. */
  onCasesViewOpened(channel: ChannelName, userId: string): Promise<void>;
  /** Agents asked for their queue (the console's `/agent list`): the core delivers a `queue-view` of the cases waiting on this platform. */
  onQueueViewOpened(channel: ChannelName): Promise<void>;
}

/** Choice values every channel can send for its own commands (slash commands, menus). */
export const COMMAND_CHOICES = {
  help: 'cmd:help',
  status: 'cmd:status',
  newInquiry: 'cmd:new',
} as const;

/** A new case card as posted: its reference, and a web link to it where the platform gives one. */
export interface PostedCard {
  /** Where the card is (card-ref.ts, e.g. `slack:C123:1700000000.000100`); relays and agents' actions find the case by it. */
  ref: string;
  /** An https link that opens the card in the platform's app or web client (Slack's permalink, Discord's thread link). */
  link?: string;
}

/** A platform adapter: receives from and sends to one platform. */
export interface ChannelAdapter {
  readonly name: ChannelName;
  /** Connects to the platform and starts pushing inbound traffic into the handlers. */
  start(handlers: InboundHandlers): Promise<void>;
  /**
   * Sends one delivery (to a user of this platform, or to agents working on it). For a new case card it returns
   * the card's reference and link, which the core saves with its case.
   */
  deliver(delivery: Delivery): Promise<PostedCard | void>;
  /** Shows the dialog's view of a user turn, just before its replies are delivered (the console only). */
  describeTurn?(address: UserAddress, meta: TurnMeta): void;
  /** Disconnects cleanly. */
  stop(): Promise<void>;
}
