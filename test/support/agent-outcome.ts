/** What the core answers an adapter's agent action, for adapter tests that stand in for the core. */
import { parseCardRef, savedFormsOf } from '../../src/channels/card-ref.js';
import type { AgentAction, AgentActionOutcome } from '../../src/channels/contract.js';
import { agentTexts } from '../../src/dialog/texts.js';

/**
 * The core's decision on `action`, given the cards it knows (`cardCases`: card reference → case id): a post in a thread
 * that is no case's is `not-a-case`, a non-agent is refused with the core's text, the rest is handled and returned
 * with its case id so tests can record it.
 */
export async function decideLikeCore(action: AgentAction, cardCases: ReadonlyMap<string, string>): Promise<{ outcome: AgentActionOutcome; caseId?: string }> {
  const ref = parseCardRef(action.card, action.channel);
  const caseId = action.caseId ?? (ref ? savedFormsOf(ref).map((f) => cardCases.get(f)).find((id) => id !== undefined) : undefined);
  if (!caseId) return { outcome: { kind: action.card === undefined ? 'handled' : 'not-a-case' } };
  if (!(await action.agent.isAgent())) return { outcome: { kind: 'refused', text: agentTexts('en').notAnAgent } };
  return { outcome: { kind: 'handled' }, caseId };
}
