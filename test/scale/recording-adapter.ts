/** A console-named channel adapter that records every delivery, tagged with the inbound message (or tick) that caused it. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { toConsoleOutput, type ConsoleOutput } from '../../src/channels/console/console-adapter.js';
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

/** Creates the adapter; `record` may be async, and delivery waits for it (as a platform API call would). */
export function createRecordingAdapter(record: (r: Recorded) => void | Promise<void>): RecordingAdapter {
  const cause = new AsyncLocalStorage<string>();
  let bound: InboundHandlers | undefined;
  return {
    name: 'console',
    async start(handlers) {
      bound = handlers;
    },
    async deliver(d) {
      await record({ tag: cause.getStore() ?? 'untagged', kind: d.to === 'user' ? 'user' : d.message.kind, out: toConsoleOutput(d) });
      if (d.to === 'agents' && d.message.kind === 'card' && !d.message.update) return `console:${d.message.case.id}`;
      return undefined;
    },
    async stop() {
      bound = undefined;
    },
    handlers() {
      if (!bound) throw new Error('recording adapter is not started');
      return bound;
    },
    tagged: (tag, fn) => cause.run(tag, fn),
  };
}
