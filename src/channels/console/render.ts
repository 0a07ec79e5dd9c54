/** Plain-text rendering of the agents' side for the console. */
import { closedByLabel } from '../../cases/lifecycle.js';
import type { AgentMessage } from '../contract.js';

/** One agents'-side message as text: a case card, a relayed user message or a notice. */
export function renderAgentMessage(m: AgentMessage): string {
  if (m.kind === 'relay') return `[${m.caseId}] ${m.from}: ${m.text}${m.files?.length ? ` (files: ${m.files.map((f) => f.name).join(', ')})` : ''}`;
  if (m.kind === 'notice') return `[${m.caseId}] ${m.text}`;
  const c = m.case;
  const lines = [
    `${m.update ? 'Case updated' : 'New case'} ${c.id} — ${c.intent} (${c.lang}) — ${c.status === 'closed' ? closedByLabel(c) : `status ${c.status}`}${c.assignee ? ` · assignee ${c.assignee}` : ''}`,
    `User: ${c.requester.name ?? c.requester.userId} on ${c.requester.channel}`,
    `Verification: ${c.verification} · Due: ${m.shown?.due ?? c.dueAt}${c.overdueAt ? ' · OVERDUE' : ''}${c.peak ? ' · opened at peak time' : ''}`,
    `Summary: ${c.summary || '-'}`,
  ];
  const details = Object.entries(c.details);
  if (details.length) lines.push(`Details: ${details.map(([k, v]) => `${k}=${m.shown?.details[k] ?? v}`).join('; ')}`);
  if (c.answersTried.length) lines.push(`Answers already tried: ${c.answersTried.join(', ')}`);
  if (c.files.length) lines.push(`Files: ${c.files.map((f) => f.url ?? f.name).join(', ')}`);
  if (c.rating !== null) lines.push(`Rating: ${c.rating}/5${c.ratingComment ? ` — ${c.ratingComment}` : ''}`);
  if (!m.update && c.transcript.length) {
    lines.push('Transcript:');
    for (const t of c.transcript.slice(-12)) lines.push(`  ${t.from === 'user' ? 'user' : t.from}: ${t.text.split('\n')[0]}`);
  }
  return lines.join('\n');
}
