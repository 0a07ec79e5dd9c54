/** A tiny stand-in for the core: records what the Discord adapter pushes in, and knows card refs the adapter returned. */
import type { AgentAction, InboundHandlers, InboundMessage } from '../../../src/channels/contract.js';

/** Recording handlers; `refs` maps card references to case ids like the core's store does. */
export interface RecordingHandlers extends InboundHandlers {
  messages: InboundMessage[];
  actions: AgentAction[];
  refs: Map<string, string>;
  /** Called on every user message (e.g. to answer through the adapter like the core would). */
  onEachMessage?: (m: InboundMessage) => Promise<void>;
  /** Called on every agent action. */
  onEachAction?: (a: AgentAction) => Promise<void>;
}

/** Creates recording handlers. */
export function createRecordingHandlers(): RecordingHandlers {
  const h: RecordingHandlers = {
    messages: [],
    actions: [],
    refs: new Map(),
    async onMessage(m) {
      h.messages.push(m);
      await h.onEachMessage?.(m);
    },
    async onAgentAction(a) {
      h.actions.push(a);
      await h.onEachAction?.(a);
    },
    async caseIdForCardRef(ref) {
      return h.refs.get(ref);
    },
    async casesOf() {
      return [];
    },
  };
  return h;
}
