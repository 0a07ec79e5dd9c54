/** What agents see of a case and of the messages about it: the requester's account id partly masked everywhere. */
import type { AgentMessage } from '../channels/contract.js';
import type { SupportCase } from '../cases/types.js';
import { maskAccountId } from '../nlu/sensitive-data.js';

/** The case as agents see it: the account id partly masked wherever it appears. */
export function forAgents(c: SupportCase): SupportCase {
  const account = c.details.account_id;
  if (!account || account === 'unknown') return c;
  const hide = accountMasker(account);
  return {
    ...c,
    summary: hide(c.summary),
    details: { ...c.details, account_id: maskAccountId(account) },
    transcript: c.transcript.map((t) => ({ ...t, text: hide(t.text) })),
  };
}

/** Replaces every occurrence of an account id in a text with its masked form. */
function accountMasker(account: string): (text: string) => string {
  const masked = maskAccountId(account);
  return (text) => text.split(account).join(masked);
}

/** An agents'-side message with the case's account id masked in it. */
export function agentView(m: AgentMessage, c: SupportCase): AgentMessage {
  if (m.kind === 'card') return { ...m, case: forAgents(m.case) };
  const account = c.details.account_id;
  if (m.kind !== 'relay' || !account || account === 'unknown') return m;
  return { ...m, text: accountMasker(account)(m.text) };
}
