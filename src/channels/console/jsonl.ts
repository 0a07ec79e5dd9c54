/** The console's scripted mode: JSON Lines in on stdin, one JSON object out per bot message. */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Clock } from '../../core/clock.js';
import type { InboundHandlers } from '../contract.js';
import { operatorIsAgent } from './protocol.js';
import { parseConsoleLine } from './protocol.js';

/**
 * The latest time the clock may be advanced to: the end of year 9999. A Date holds up to year 275760, but a clock
 * near that limit makes the due dates and reminders computed from it fall outside, and every case opened then fails.
 */
const LATEST_CLOCK_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** What the scripted mode drives. */
export interface JsonlSession {
  handlers: InboundHandlers;
  /** Fires due timers (after `advance`). */
  tick(): Promise<void>;
  clock: Clock;
  /** Writes one output line (already JSON). */
  write(line: string): void;
}

/** Reads every input line in order, each handled to the end before the next; resolves at end of input. */
export async function runJsonl(input: Readable, session: JsonlSession): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const raw of lines) {
    if (raw.trim() === '') continue;
    await handleConsoleLine(raw, session);
  }
}

/** Handles one input line of the protocol to the end (an invalid line gets an error line). */
export async function handleConsoleLine(raw: string, s: JsonlSession): Promise<void> {
  const parsed = parseConsoleLine(raw);
  if ('error' in parsed) return s.write(JSON.stringify({ error: parsed.error }));
  if (parsed.kind === 'advance') {
    // A clock moved past what a Date holds makes every later turn fail ("Invalid time value").
    if (s.clock.now().getTime() + parsed.ms > LATEST_CLOCK_MS) {
      return s.write(JSON.stringify({ error: 'advance: that would move the clock past the end of year 9999; the clock did not move' }));
    }
    s.clock.advance(parsed.ms);
    return s.tick();
  }
  if (parsed.kind === 'agent') {
    const { id, agent, case: caseId, text } = parsed.line;
    await s.handlers.onAgentAction({
      id: id ?? randomUUID(),
      channel: 'console',
      agent: { id: agent, isAgent: operatorIsAgent },
      caseId: caseId.toUpperCase(),
      verb: parsed.line.do ?? 'reply',
      text,
    });
    return;
  }
  const { id, user, text, choose, lang, files, case: caseId } = parsed.line;
  return s.handlers.onMessage({
    id: id ?? randomUUID(),
    channel: 'console',
    conversationId: user,
    user: { id: user, isBot: false },
    text: text ?? '',
    choice: choose,
    lang,
    files,
    ...(caseId ? { caseId } : {}),
  });
}
