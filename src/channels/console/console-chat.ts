/** The console channel as `deskbot chat` runs it: the adapter and its input loop, scripted (JSON Lines) or interactive. */
import type { Clock } from '../../core/clock.js';
import type { ChannelAdapter } from '../contract.js';
import { createConsoleAdapter } from './console-adapter.js';
import { createPromptPrinter, printForHuman, runInteractive } from './interactive.js';
import { runJsonl } from './jsonl.js';

/** The console adapter, and the loop that reads stdin into it until input ends. */
export interface ConsoleChat {
  adapter: ChannelAdapter;
  /** Reads stdin to its end (or /quit); `tick` fires due timers after a scripted `advance`. */
  converse(tick: () => Promise<void>, clock: Clock): Promise<void>;
}

/** Creates the console chat on stdin and stdout. */
export function createConsoleChat(mode: 'jsonl' | 'interactive'): ConsoleChat {
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const printer = createPromptPrinter();
  const adapter = createConsoleAdapter((o) => (mode === 'jsonl' ? write(JSON.stringify(o)) : printForHuman(o, printer.print, process.stdout.isTTY === true)));
  return {
    adapter,
    converse(tick, clock) {
      if (mode === 'jsonl') return runJsonl(process.stdin, { handlers: adapter.handlers(), tick, clock, write });
      return runInteractive(adapter.handlers(), process.env.USER ?? 'you', printer);
    },
  };
}
