/** deskbot.json: the lowdb store's live data, its format versions and the checks it must pass when read. */
import type { CaseEvent, SupportCase } from '../../cases/types.js';
import { StoreCorruptError } from '../errors.js';
import type { ConversationRecord } from '../port.js';
import { caseSchema, conversationSchema, eventSchema, recordProblem } from '../records.js';
import { ARCHIVE_NAME } from './archive-format.js';
import { TURN_LOG_NAME } from './turn-log-file.js';

/** The format version of `deskbot.json` this code reads and writes. */
export const LOWDB_FORMAT_VERSION = 3;

/**
 * The oldest format version this code still reads (and upgrades at open). Format 2 has no turn log; format 3
 * adds it, so that an older deskbot refuses the file instead of dropping `turnLogBytes` when it writes.
 */
const OLDEST_FORMAT_VERSION = 1;

/** What deskbot.json holds. */
export interface DataFile {
  version: number;
  /** The archive's file name (absent: deskbot-archive.jsonl). */
  archiveFile?: string;
  archiveBytes: number;
  conversations: ConversationRecord[];
  cases: SupportCase[];
  /** Events of open cases: written by format 1 only, moved to the archive at open. */
  events: CaseEvent[];
  /** The turn log's file name (absent: deskbot-turns.jsonl). */
  turnLogFile?: string;
  /** The length of the turn log that belongs to committed turns (absent before format 3: 0). */
  turnLogBytes?: number;
}

/** The data file of a new store. */
export function emptyDataFile(): DataFile {
  return { version: LOWDB_FORMAT_VERSION, archiveBytes: 0, conversations: [], cases: [], events: [] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The data file read from path, checked; StoreCorruptError says what is wrong with it. */
export function checkDataFile(path: string, raw: unknown): DataFile {
  const fail = (problem: string) => new StoreCorruptError(path, problem);
  if (!isObject(raw)) throw fail('its top level is not a JSON object');
  if (typeof raw.version !== 'number' || raw.version < OLDEST_FORMAT_VERSION || raw.version > LOWDB_FORMAT_VERSION) {
    if (typeof raw.version === 'number' && raw.version > LOWDB_FORMAT_VERSION) {
      throw fail(`it was written by a newer deskbot (format version ${raw.version}; this one reads ${LOWDB_FORMAT_VERSION})`);
    }
    throw fail(`its "version" is ${JSON.stringify(raw.version) ?? 'missing'}, expected ${LOWDB_FORMAT_VERSION}`);
  }
  if (!Number.isSafeInteger(raw.archiveBytes) || (raw.archiveBytes as number) < 0) throw fail('"archiveBytes" is not a byte count');
  if (raw.archiveFile !== undefined && !(typeof raw.archiveFile === 'string' && ARCHIVE_NAME.test(raw.archiveFile))) {
    throw fail('"archiveFile" is not the name of a deskbot archive');
  }
  if (raw.turnLogBytes !== undefined && !(Number.isSafeInteger(raw.turnLogBytes) && (raw.turnLogBytes as number) >= 0)) {
    throw fail('"turnLogBytes" is not a byte count');
  }
  if (raw.turnLogFile !== undefined && !(typeof raw.turnLogFile === 'string' && TURN_LOG_NAME.test(raw.turnLogFile))) {
    throw fail('"turnLogFile" is not the name of a deskbot turn log');
  }
  for (const field of ['conversations', 'cases', 'events'] as const) {
    if (!Array.isArray(raw[field])) throw fail(`"${field}" is not an array`);
  }
  // Every record is checked at open (records.ts): a file that deskbot did not write as it is fails here, whole.
  const kinds = [
    ['conversations', conversationSchema, 'a conversation'],
    ['cases', caseSchema, 'a case'],
    ['events', eventSchema, 'a case event'],
  ] as const;
  for (const [field, schema, what] of kinds) {
    (raw[field] as unknown[]).forEach((record, i) => {
      const problem = recordProblem(schema, record);
      if (problem) throw fail(`${field}[${i}] is not ${what}: ${problem}`);
    });
  }
  return raw as unknown as DataFile;
}
