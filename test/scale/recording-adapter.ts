/** A console-named channel adapter that records every delivery, tagged with the inbound message (or tick) that caused it. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createConsoleAdapter, type ConsoleOutput } from '../../src/channels/console/console-adapter.js';
import type { ChannelAdapter, InboundHandlers } from '../../src/channels/contract.js';

/** One delivery as a user or agent would see it, with what caused it. */
export interface Recorded {
  /** The inbound message id (or a tick label) whose handling produced this delivery. */
  tag: string;
  /** 'user', or the kind of agents' message ('card', 'relay', 'notice'). */
  kind: string;
  out: ConsoleOutput;
}

/** The adapter plus what tests need: its handlers and a way to tag work. */
export interface RecordingAdapter extends ChannelAdapter {
  handlers(): InboundHandlers;
  /** Runs fn so that every delivery it causes is tagged with `tag`. */
  tagged<T>(tag: string, fn: () => Promise<T>): Promise<T>;
}

/** Creates the adapter (the console adapter, recording); `record` may be async, and delivery waits for it (as a platform API call would). */
export function createRecordingAdapter(record: (r: Recorded) => void | Promise<void>): RecordingAdapter {
  const cause = new AsyncLocalStorage<string>();
  const console = createConsoleAdapter((out, d) => record({ tag: cause.getStore() ?? 'untagged', kind: d.to === 'user' ? 'user' : d.to === 'queue-view' ? 'queue' : d.message.kind, out }));
  return Object.assign(console, { tagged: <T>(tag: string, fn: () => Promise<T>) => cause.run(tag, fn) });
}
