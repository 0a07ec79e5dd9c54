/**
 * The shape a saved dialog state must have before the dialog resumes it (zod). A state that is not in this shape
 * was not written by this dialog as it is (a damaged or hand-edited record): the conversation starts over instead
 * of failing every later turn. Fields the dialog does not read are left as they are.
 */
import { z } from 'zod';
import { CHANNEL_NAMES } from '../cases/types.js';
import { DETAIL_NAMES } from '../knowledge/types.js';

const lang = z.enum(['ko', 'en']);
const detail = z.enum(DETAIL_NAMES);
const closest = z.array(z.object({ intent: z.string(), score: z.number() }));

/** What every saved version keeps about the conversation (version 1 and 2 alike). */
const conversation = {
  channel: z.enum(CHANNEL_NAMES),
  conversationId: z.string(),
  userId: z.string(),
  userName: z.string().optional(),
  lang,
  topic: z.string().nullable(),
  answersTried: z.array(z.string()),
  lastAnswer: z.object({ at: z.string(), intent: z.string(), question: z.string(), closest }).optional(),
  slots: z.partialRecord(detail, z.string()),
  summary: z.string(),
  files: z.array(z.looseObject({ name: z.string() })),
  misses: z.number(),
  offered: z.array(z.looseObject({ value: z.string(), label: z.string() })),
  transcript: z.array(z.looseObject({ at: z.string(), from: z.enum(['user', 'bot', 'agent']), by: z.string(), text: z.string() })),
  seen: z.array(z.string()).optional(),
  parked: z.array(z.string()).optional(),
  relayBudget: z.object({ tokens: z.number(), at: z.string(), held: z.number() }).optional(),
  outbox: z.array(z.looseObject({ id: z.string(), delivery: z.looseObject({ to: z.string() }) })).optional(),
};

/** Each phase with its own fields (state.ts Phase). */
const phase = z.discriminatedUnion('phase', [
  z.looseObject({ phase: z.literal('idle'), asking: z.null(), caseId: z.null(), wantsHuman: z.boolean() }),
  z.looseObject({ phase: z.literal('answered'), asking: z.null(), caseId: z.null() }),
  z.looseObject({ phase: z.literal('clarifying'), asking: z.null(), caseId: z.null(), closest: closest.optional() }),
  z.looseObject({ phase: z.literal('collecting'), asking: detail, caseId: z.null(), failedAsks: z.number(), editing: z.boolean() }),
  z.looseObject({ phase: z.literal('confirming'), asking: z.null(), caseId: z.null() }),
  z.looseObject({ phase: z.literal('handed_off'), asking: z.null(), caseId: z.string() }),
  z.looseObject({ phase: z.literal('feedback'), asking: z.null(), caseId: z.string(), awaiting: z.enum(['solved', 'rating', 'comment']) }),
]);

/** A saved state of the current version (2). */
export const savedStateV2 = z.intersection(z.looseObject({ v: z.literal(2), ...conversation }), phase);

/** A saved state of version 1: the conversation's fields, and a phase name (its phase fields are read leniently). */
export const savedStateV1 = z.looseObject({ v: z.literal(1), ...conversation, phase: z.string() });
