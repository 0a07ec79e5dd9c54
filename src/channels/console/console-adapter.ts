/** The console channel adapter: bot messages become JSON objects (scripted mode) or printed lines (interactive). */
import { cardVerbs } from '../../cases/lifecycle.js';
import { renderCaseTable } from '../../insight/case-render.js';
import { formatCardRef } from '../card-ref.js';
import type { ChannelAdapter, Delivery, InboundHandlers, TurnMeta } from '../contract.js';
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

/** What a reply shows when no turn described it (a message sent after a restart). */
const NO_TURN: TurnMeta = { intent: null, confidence: null, state: 'idle', asking: null, slots: {}, caseId: null };

/** Converts a delivery into the console protocol's output object; a user's reply shows its turn's `meta`. */
function toConsoleOutput(d: ConsoleDelivery, meta: TurnMeta = NO_TURN): ConsoleOutput {
  if (d.to === 'user') {
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
  if (d.to === 'queue-view') {
    // `/agent list`: the queue as the `deskbot cases` table shows it.
    return { to: 'agents', text: ['Open cases:', ...renderCaseTable(d.cases, new Date(d.now), d.timeZone)].join('\n'), intent: null, confidence: null, state: null, asking: null, slots: {}, choices: [], caseId: null };
  }
  const m = d.message;
  const caseId = m.kind === 'card' ? m.case.id : m.caseId;
  // A card offers what agents can do now, as the `do` values of agent lines.
  const choices = m.kind === 'card' ? cardVerbs(m.case).map((v) => ({ value: v, label: `/agent ${caseId} ${v}` })) : [];
  return { to: 'agents', case: caseId, text: renderAgentMessage(m), intent: null, confidence: null, state: null, asking: null, slots: {}, choices, caseId };
}

/** A delivery the console shows. */
export type ConsoleDelivery = Exclude<Delivery, { to: 'cases-view' }>;

/** Creates the console adapter; `emit` receives every message the bot sends, in order (delivery waits for it). */
export function createConsoleAdapter(emit: (out: ConsoleOutput, delivery: ConsoleDelivery) => unknown): ChannelAdapter & { handlers(): InboundHandlers } {
  let bound: InboundHandlers | undefined;
  // The latest turn of each console user, shown with the replies that follow it.
  const turns = new Map<string, TurnMeta>();
  return {
    name: 'console',
    async start(handlers) {
      bound = handlers;
    },
    describeTurn(address, meta) {
      turns.set(address.userId, meta);
    },
    async deliver(d) {
      // The console has no cases view: `/agent list` and the status command show cases instead.
      if (d.to === 'cases-view') return undefined;
      await emit(toConsoleOutput(d, d.to === 'user' ? turns.get(d.address.userId) : undefined), d);
      if (d.to === 'agents' && d.message.kind === 'card' && !d.message.update) return { ref: formatCardRef({ platform: 'console', channel: 'agents', thread: d.message.case.id }) };
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
