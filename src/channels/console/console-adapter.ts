/** The console channel adapter: bot messages become JSON objects (scripted mode) or printed lines (interactive). */
import type { ChannelAdapter, Delivery, InboundHandlers } from '../contract.js';
import { renderAgentMessage } from './render.js';

/** One output object of the console protocol (shared/spec/console-jsonl.md). */
export interface ConsoleOutput {
  to: string;
  text: string;
  intent: string | null;
  confidence: number | null;
  state: string | null;
  asking: string | null;
  slots: Record<string, string>;
  choices: Array<{ value: string; label: string }>;
  caseId: string | null;
  case?: string;
}

/** Converts a delivery into the console protocol's output object. */
export function toConsoleOutput(d: Delivery): ConsoleOutput {
  if (d.to === 'user') {
    const { meta } = d.message;
    return {
      to: d.address.userId,
      text: d.message.text,
      intent: meta.intent,
      confidence: meta.confidence,
      state: meta.state,
      asking: meta.asking,
      slots: meta.slots,
      choices: d.message.choices ?? [],
      caseId: meta.caseId,
    };
  }
  const m = d.message;
  const caseId = m.kind === 'card' ? m.case.id : m.caseId;
  return { to: 'agents', case: caseId, text: renderAgentMessage(m), intent: null, confidence: null, state: null, asking: null, slots: {}, choices: [], caseId };
}

/** Creates the console adapter; `emit` receives every message the bot sends, in order. */
export function createConsoleAdapter(emit: (out: ConsoleOutput) => void): ChannelAdapter & { handlers(): InboundHandlers } {
  let bound: InboundHandlers | undefined;
  return {
    name: 'console',
    async start(handlers) {
      bound = handlers;
    },
    async deliver(d) {
      emit(toConsoleOutput(d));
      if (d.to === 'agents' && d.message.kind === 'card' && !d.message.update) return `console:${d.message.case.id}`;
      return undefined;
    },
    async stop() {
      bound = undefined;
    },
    handlers() {
      if (!bound) throw new Error('console adapter is not started');
      return bound;
    },
  };
}
