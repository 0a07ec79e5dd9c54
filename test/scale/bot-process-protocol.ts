/** The IPC messages between a scale test and its bot processes (test/scale/fixtures/bot-process.ts). */
import type { AgentActionFields, InboundMessage } from '../../src/channels/contract.js';

/** An agent action as it crosses to a bot process (JSON: the process answers isAgent itself, as the console does). */
export type AgentRequest = Omit<AgentActionFields, 'agent'> & { caseId: string; agent: { id: string; name?: string } };
import type { Recorded } from './recording-adapter.js';

/** How a bot process opens its store and pins its clock. */
export interface BotProcessOptions {
  /** A lowdb data folder: when set, the PostgreSQL fields are ignored. */
  dataDir?: string;
  connectionString: string;
  schema: string;
  /** application_name of its connections, to find (and kill) them in pg_stat_activity. */
  applicationName: string;
  /** The pinned start time of its clock (ISO). */
  now: string;
}

/** What a bot process can be asked to do. */
export type BotRequest =
  | { op: 'message'; message: InboundMessage }
  | { op: 'agent'; action: AgentRequest }
  | { op: 'tick'; tag: string }
  | { op: 'set-clock'; at: string }
  | { op: 'stop' };

/** A message to a bot process: a request (answered by a `done` with the same `req`) or a delivery's acknowledgement. */
export type ToBot = (BotRequest & { req: number }) | { op: 'ack'; seq: number };

/** What a bot process reports. */
export type FromBot =
  | { op: 'ready' }
  | { op: 'delivery'; seq: number; recorded: Recorded }
  | { op: 'done'; req: number; error?: string };
