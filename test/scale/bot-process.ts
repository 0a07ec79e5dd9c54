/** Starts and drives deskbot child processes (fixtures/bot-process.ts) and collects their deliveries in real order. */
import { join } from 'node:path';
import type { InboundMessage } from '../../src/channels/contract.js';
import { forkTs } from '../store/fork-ts.js';
import type { AgentRequest, BotProcessOptions, BotRequest, FromBot, ToBot } from './bot-process-protocol.js';
import type { Recorded } from './recording-adapter.js';

const SCRIPT = join(import.meta.dirname, 'fixtures', 'bot-process.ts');

/** A delivery and the process that made it. */
export interface Delivered extends Recorded {
  process: string;
}

/** A running bot process. */
export interface BotProcess {
  readonly name: string;
  /** Hands one inbound message to the process and resolves once it has been handled. */
  message(message: InboundMessage): Promise<void>;
  /** Hands one agent action to the process and resolves once it has been handled. */
  agent(action: AgentRequest): Promise<void>;
  /** Runs the SLA timers once. */
  tick(tag: string): Promise<void>;
  /** Moves the process's clock to `at`. */
  setClock(at: string): Promise<void>;
  /** Stops the bot and lets the process exit. */
  stop(): Promise<void>;
  /** Kills the process at once (a crash, or cleanup after a failure). */
  kill(signal?: NodeJS.Signals): void;
}

/** Forks a bot process; every delivery it makes is passed to `sink` (in one global order) before the bot may go on. */
export async function startBotProcess(name: string, options: BotProcessOptions, sink: (d: Delivered) => void): Promise<BotProcess> {
  const child = forkTs(SCRIPT, [JSON.stringify(options)]);
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let req = 0;
  let exited: Error | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (raw) => {
      const m = raw as FromBot;
      if (m.op === 'ready') resolve();
      else if (m.op === 'delivery') {
        sink({ ...m.recorded, process: name });
        child.send({ op: 'ack', seq: m.seq } satisfies ToBot);
      } else {
        const w = waiting.get(m.req);
        waiting.delete(m.req);
        if (m.error) w?.reject(new Error(`${name}: ${m.error}`));
        else w?.resolve();
      }
    });
    child.on('exit', (code) => {
      exited = new Error(`bot process ${name} exited with ${code}`);
      reject(exited);
      for (const w of waiting.values()) w.reject(exited);
      waiting.clear();
    });
  });
  const call = (m: BotRequest) =>
    new Promise<void>((resolve, reject) => {
      if (exited) return reject(exited);
      const n = ++req;
      waiting.set(n, { resolve, reject });
      child.send({ ...m, req: n } satisfies ToBot);
    });
  await ready;
  return {
    name,
    message: (message) => call({ op: 'message', message }),
    agent: (action) => call({ op: 'agent', action }),
    tick: (tag) => call({ op: 'tick', tag }),
    setClock: (at) => call({ op: 'set-clock', at }),
    async stop() {
      const gone = new Promise<void>((resolve) => (exited ? resolve() : child.once('exit', () => resolve())));
      await call({ op: 'stop' });
      await gone;
    },
    kill: (signal) => {
      if (!exited) child.kill(signal);
    },
  };
}
