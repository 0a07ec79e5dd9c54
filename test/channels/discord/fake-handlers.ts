/** A tiny stand-in for the core: records what the Discord adapter pushes in, and knows card refs the adapter returned. */
import { decideLikeCore } from '../../support/agent-outcome.js';
import type { AgentAction, InboundHandlers, InboundMessage } from '../../../src/channels/contract.js';

/** Recording handlers; `refs` maps card references to case ids like the core's store does; `actions` holds the agents' actions on known cases. */
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
    // Like the core: actions on a known case by an agent are recorded (with the case they are about), others refused or passed back.
    async onAgentAction(a) {
      const { outcome, caseId } = await decideLikeCore(a, h.refs);
      if (caseId) {
        h.actions.push({ ...a, caseId, card: undefined });
        await h.onEachAction?.(a);
      }
      return outcome;
    },
    async onCasesViewOpened() {},
    async onQueueViewOpened() {},
  };
  return h;
}
