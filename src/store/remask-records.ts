/**
 * Stored records masked again with the current rules (for `deskbot store rescan`): every text in a
 * conversation's state, a case and an event, and the text a turn log entry keeps, goes through the masking
 * module, file names and URLs as attachments; ids, times, statuses and other fields the store and the core look records up by are never
 * touched, so a rescan cannot break a record.
 */
import type { CaseEvent, FileRef, SupportCase } from '../cases/types.js';
import type { TurnLogEntry } from '../insight/turn-log-entry.js';
import { maskFileRef, maskSensitive, type SensitiveKind } from '../nlu/sensitive-data.js';
import type { ConversationRecord, RecordRewriter } from './port.js';

// Fields that identify, order or route a record: they hold no user text, and changing one would break lookups.
const STRUCTURAL = new Set([
  'id',
  'caseId',
  'conversationId',
  'userId',
  'channel',
  'at',
  'createdAt',
  'updatedAt',
  'dueAt',
  'resolvedAt',
  'closedAt',
  'reminderSentAt',
  'overdueAt',
  'status',
  'intent',
  'route',
  'lang',
  'phase',
  'asking',
  'topic',
  'verification',
  'by',
  'from',
  'kind',
  'type',
  'version',
  'actor',
  'requester',
  'cardRefs',
  'cardLinks',
  'seen',
]);

/** A rewriter that masks every record, and the tally of what it masked. */
export interface Remasker {
  rewriter: RecordRewriter;
  /** How many pieces of each kind were masked so far. */
  found: Map<SensitiveKind, number>;
}

/** Creates a rewriter that returns each record itself when nothing in it needs masking. */
export function createRemasker(): Remasker {
  const found = new Map<SensitiveKind, number>();
  const tally = (kinds: SensitiveKind[]) => {
    for (const k of kinds) found.set(k, (found.get(k) ?? 0) + 1);
  };

  function walk(value: unknown): unknown {
    if (typeof value === 'string') {
      const masked = maskSensitive(value);
      if (masked.found.length === 0) return value;
      tally(masked.found);
      return masked.text;
    }
    if (Array.isArray(value)) {
      let changed = false;
      const out = value.map((v) => {
        const next = walk(v);
        if (next !== v) changed = true;
        return next;
      });
      return changed ? out : value;
    }
    if (value === null || typeof value !== 'object') return value;
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const next = STRUCTURAL.has(key) ? v : key === 'files' && Array.isArray(v) ? files(v) : walk(v);
      if (next !== v) changed = true;
      out[key] = next;
    }
    return changed ? out : value;
  }

  function files(list: unknown[]): unknown[] {
    let changed = false;
    const out = list.map((f) => {
      const next = isFileRef(f) ? file(f) : walk(f);
      if (next !== f) changed = true;
      return next;
    });
    return changed ? out : list;
  }

  function file(f: FileRef): FileRef {
    const masked = maskFileRef(f);
    if (masked.found.length === 0) return f;
    tally(masked.found);
    return masked.file;
  }

  const rewriter: RecordRewriter = {
    conversation: (record: ConversationRecord) => {
      const state = walk(record.state);
      return state === record.state ? record : { ...record, state };
    },
    case: (c: SupportCase) => walk(c) as SupportCase,
    event: (e: CaseEvent) => walk(e) as CaseEvent,
    turn: (entry: TurnLogEntry) => {
      // Only the text holds what the user typed; the rest is ids, times, intents and scores.
      const text = entry.text === undefined ? undefined : walk(entry.text);
      return text === entry.text ? entry : { ...entry, text: text as string };
    },
  };
  return { rewriter, found };
}

function isFileRef(value: unknown): value is FileRef {
  return typeof value === 'object' && value !== null && typeof (value as FileRef).name === 'string';
}
