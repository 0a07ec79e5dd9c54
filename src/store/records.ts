/**
 * The shape of stored records, checked with zod when a store reads them back (deskbot.json at open, archive
 * records, turn log entries and PostgreSQL rows when they are read). A record that is not in this shape was
 * not written by deskbot as it is: stores report it (where, whose, what is wrong, never its content) and
 * treat it as missing, as they treat a damaged record, so one bad record never fails a request. The schemas
 * check the fields the store, the core and the insight commands rely on, and leave the record as it was.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { CHANNEL_NAMES, type CaseEvent, type SupportCase } from '../cases/types.js';
import type { TurnLogEntry } from '../insight/turn-log-entry.js';
import type { ConversationRecord } from './port.js';

const channel = z.enum(CHANNEL_NAMES);
const lang = z.enum(['ko', 'en']);
const time = z.string();
const nullableTime = time.nullable();

/** A conversation: its dialog state is the dialog's own versioned JSON (src/dialog restores it). */
export const conversationSchema = z.object({ id: z.string(), state: z.unknown(), updatedAt: time });

/** A support case (src/cases/types.ts). */
export const caseSchema = z.object({
  id: z.string(),
  requester: z.object({ channel, conversationId: z.string(), userId: z.string(), name: z.string().optional() }),
  lang,
  intent: z.string(),
  route: z.string(),
  status: z.enum(['open', 'claimed', 'resolved', 'closed']),
  verification: z.enum(['not_required', 'pending', 'verified']),
  details: z.record(z.string(), z.string()),
  summary: z.string(),
  answersTried: z.array(z.string()),
  transcript: z.array(z.object({ at: time, from: z.enum(['user', 'bot', 'agent']), by: z.string(), text: z.string() })),
  files: z.array(z.object({ name: z.string(), url: z.string().optional(), id: z.string().optional() })),
  assignee: z.string().nullable(),
  createdAt: time,
  dueAt: time,
  peak: z.boolean(),
  resolvedAt: nullableTime,
  closedAt: nullableTime,
  rating: z.number().nullable(),
  ratingComment: z.string().nullable(),
  reminderSentAt: nullableTime,
  overdueAt: nullableTime,
  cardRefs: z.record(z.string(), z.string()),
  cardLinks: z.record(z.string(), z.string()).optional(),
  closedBy: z.string().optional(),
  suggestions: z.array(z.object({ at: time, by: z.string(), text: z.string() })).optional(),
  updatedAt: time,
});

/** An entry of a case's event log. */
export const eventSchema = z.object({
  caseId: z.string(),
  at: time,
  actor: z.object({ kind: z.enum(['user', 'agent', 'bot', 'system']), id: z.string() }),
  type: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});

/** A turn log entry (src/insight/turn-log-entry.ts). */
export const turnSchema = z.object({
  id: z.string(),
  at: time,
  channel,
  conversation: z.string(),
  userId: z.string(),
  lang,
  route: z.string(),
  intent: z.string().nullable(),
  confidence: z.number().nullable(),
  action: z.enum(['answered', 'clarified', 'out_of_scope', 'smalltalk', 'collecting', 'case_opened', 'relayed', 'other']),
  outcome: z.enum(['solved', 'not_solved', 'no_reply']).optional(),
  outcomeIntent: z.string().optional(),
  caseId: z.string().optional(),
  review: z.enum(['out_of_scope', 'low_confidence', 'none_of_these', 'not_solved']).optional(),
  text: z.string().optional(),
  closest: z.array(z.object({ intent: z.string(), score: z.number() })).optional(),
});

// The schemas must describe the model types: a field added to a type without its schema fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatchTypes: [
  Same<z.infer<typeof conversationSchema>, ConversationRecord>,
  Same<z.infer<typeof caseSchema>, Omit<SupportCase, 'details'> & { details: Record<string, string> }>,
  Same<z.infer<typeof eventSchema>, CaseEvent>,
  Same<z.infer<typeof turnSchema>, TurnLogEntry>,
] = [true, true, true, true];
void schemasMatchTypes;

/** What is wrong with a record, in one line naming fields (never their values), or undefined when it fits the schema. */
export function recordProblem(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  return result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the record'}: ${issue.message}`)
    .join('; ');
}

/** Where a record that does not fit its schema was found, for the report. */
export interface MisshapenRecord {
  /** The file or table. */
  where: string;
  id: string;
  problem: string;
}

/** Logs each misshapen record once (table or file, id, what is wrong; never its content). */
export function misshapenReporter(logger: Pick<Logger, 'error'>): (bad: MisshapenRecord) => void {
  return oncePerPlace((bad) => `${bad.where}:${bad.id}`, (bad) =>
    logger.error(bad, `record ${bad.id} in ${bad.where} is not in the shape deskbot writes (${bad.problem}). deskbot skips it and serves the rest; the record is left as it is for repair.`),
  );
}

/** A reporter that passes each bad record on once per place (`placeOf`), however often it is read again. */
export function oncePerPlace<T>(placeOf: (bad: T) => string, report: (bad: T) => void): (bad: T) => void {
  const reported = new Set<string>();
  return (bad) => {
    const place = placeOf(bad);
    if (reported.has(place)) return;
    reported.add(place);
    report(bad);
  };
}

/** The value when it fits schema, else undefined after reporting it: stores serve the rest. */
export function checked<T>(schema: z.ZodType, value: unknown, where: string, id: string, report: (bad: MisshapenRecord) => void): T | undefined {
  const problem = recordProblem(schema, value);
  if (problem === undefined) return value as T;
  report({ where, id, problem });
  return undefined;
}
