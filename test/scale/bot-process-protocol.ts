/** The IPC messages between a scale test and its bot processes (test/scale/fixtures/bot-process.ts). */
import type { InboundMessage } from '../../src/core/message.js';
import type { Recorded } from './recording-adapter.js';

/** How a bot process opens its store and pins its clock. */
export interface BotProcessOptions {
  connectionString: string;
  schema: string;
  /** application_name of its connections, to find (and kill) them in pg_stat_activity. */
  applicationName: string;
  /** The pinned start time of its clock (ISO). */
  now: string;
}

/** A request to a bot process; every one but `ack` is answered by a `done` with the same `req`. */
export type ToBot =
  | { op: 'message'; req: number; message: InboundMessage }
  | { op: 'tick'; req: number; tag: string }
  | { op: 'set-clock'; req: number; at: string }
  | { op: 'stop'; req: number }
  | { op: 'ack'; seq: number };

/** What a bot process reports. */
export type FromBot =
  | { op: 'ready' }
  | { op: 'delivery'; seq: number; recorded: Recorded }
  | { op: 'done'; req: number; error?: string };
