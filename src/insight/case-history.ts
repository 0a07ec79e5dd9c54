/** One case as statistics read it: what it is about and when each counted step of its life happened, from its event log. */
import type { CaseEvent, ChannelName, SupportCase } from '../cases/types.js';
import type { Lang } from '../knowledge/types.js';

/** The steps of a case that statistics count. */
export type CaseStepKind = 'reply' | 'resolved' | 'reopened' | 'closed' | 'rated';

/** One counted step, at the time its event was logged. */
export interface CaseStep {
  kind: CaseStepKind;
  at: string;
  /** The user's rating (1-5), on 'rated' steps. */
  rating?: number;
}

/** A case's attributes and counted steps, oldest first. */
export interface CaseHistory {
  id: string;
  openedAt: string;
  dueAt: string;
  intent: string;
  route: string;
  channel: ChannelName;
  lang: Lang;
  steps: CaseStep[];
}

/** Which logged event types are which step (src/cases/lifecycle.ts names them). */
export const STEP_OF_EVENT: Readonly<Record<string, CaseStepKind>> = {
  reply: 'reply',
  resolve: 'resolved',
  reopen: 'reopened',
  not_solved_reopened: 'reopened',
  close: 'closed',
  closed_after_feedback: 'closed',
  withdrawn: 'closed',
  auto_close: 'closed',
  rated: 'rated',
};

/** The step an event is, or undefined when statistics do not count it. */
export function stepOf(e: Pick<CaseEvent, 'type' | 'at' | 'data'>): CaseStep | undefined {
  const kind = STEP_OF_EVENT[e.type];
  if (!kind) return undefined;
  const rating = kind === 'rated' ? Number(e.data?.rating) : undefined;
  return rating !== undefined && Number.isInteger(rating) ? { kind, at: e.at, rating } : { kind, at: e.at };
}

/** A case and its event log as statistics read them. */
export function caseHistoryOf(c: SupportCase, events: readonly CaseEvent[]): CaseHistory {
  const steps = events
    .map(stepOf)
    .filter((s): s is CaseStep => s !== undefined)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { id: c.id, openedAt: c.createdAt, dueAt: c.dueAt, intent: c.intent, route: c.route, channel: c.requester.channel, lang: c.lang, steps };
}
