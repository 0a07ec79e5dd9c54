/** The one place a SupportCase is written out whole: every field at its value when the case is opened. */
import type { SupportCase } from './types.js';

/** What every case is given when it is made; the other fields start as a case just opened has them. */
export type CaseBasics = Pick<SupportCase, 'id' | 'requester' | 'lang' | 'intent' | 'route' | 'createdAt' | 'dueAt'>;

/** A case: open, unassigned, nothing collected or rated yet, `updatedAt` = `createdAt`, unless `fields` says otherwise. */
export function newCase(fields: CaseBasics & Partial<SupportCase>): SupportCase {
  return {
    status: 'open',
    verification: 'not_required',
    details: {},
    summary: '',
    answersTried: [],
    transcript: [],
    files: [],
    assignee: null,
    firstReplyAt: null,
    peak: false,
    resolvedAt: null,
    closedAt: null,
    rating: null,
    ratingComment: null,
    reminderSentAt: null,
    overdueAt: null,
    cardRefs: {},
    updatedAt: fields.createdAt,
    ...fields,
  };
}
