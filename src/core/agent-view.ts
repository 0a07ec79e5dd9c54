/**
 * What agents see of a case and of the messages about it. One rule for identifiers (the account id, and any e-mail
 * address the user typed): until an agent has verified the requester, they are partly masked everywhere (card
 * details, summary, transcript, relays), `ki****` / `ho****ng` / `pa******@example.com`; once the case is
 * verified, the agents of its route see them in full, in the details and the transcript alike.
 */
import type { AgentMessage } from '../channels/contract.js';
import type { SupportCase } from '../cases/types.js';
import { replaceEmailAddresses } from '../nlu/details/references.js';
import { maskAccountId } from '../nlu/sensitive-data.js';

/** The case as agents see it: identifiers partly masked wherever they appear, unless the requester is verified. */
export function forAgents(c: SupportCase): SupportCase {
  if (c.verification === 'verified') return c;
  const hide = identifierMasker(c);
  const details = Object.fromEntries(Object.entries(c.details).map(([name, value]) => [name, name === 'account_id' && value !== 'unknown' ? maskAccountId(value as string) : hide(value as string)]));
  return {
    ...c,
    summary: hide(c.summary),
    details,
    transcript: c.transcript.map((t) => ({ ...t, text: hide(t.text) })),
  };
}

/** Replaces the case's account id and every e-mail address in a text with their masked forms. */
function identifierMasker(c: SupportCase): (text: string) => string {
  const account = c.details.account_id;
  const masked = account && account !== 'unknown' ? maskAccountId(account) : undefined;
  return (text) => {
    const withoutAccount = account && masked ? text.split(account).join(masked) : text;
    return replaceEmailAddresses(withoutAccount, maskAccountId);
  };
}

/** An agents'-side message with the case's identifiers masked in it as forAgents masks them. */
export function agentView(m: AgentMessage, c: SupportCase): AgentMessage {
  if (m.kind === 'card') return { ...m, case: forAgents(m.case) };
  if (m.kind !== 'relay' || c.verification === 'verified') return m;
  return { ...m, text: identifierMasker(c)(m.text) };
}
