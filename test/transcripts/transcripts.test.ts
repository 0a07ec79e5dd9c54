/**
 * Conversation transcripts kept as data (test/transcripts/*.yaml), run through the whole core via the
 * console protocol on a temp store. Each step sends one line; `expect` lists what the bot must send back,
 * in order (other messages may come between).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openConsoleSession, type ConsoleSession, type OutputLine } from '../support/console-session.js';

interface Expectation {
  to?: string;
  intent?: string | null;
  state?: string;
  asking?: string | null;
  caseId?: 'set' | null;
  text?: string | string[];
  notText?: string | string[];
  slots?: Record<string, string>;
  slotsPresent?: string[];
  slotsAbsent?: string[];
  choices?: string[];
  /** Choices the message must not offer. */
  notChoices?: string[];
  error?: boolean;
}

interface TranscriptStep {
  send?: Record<string, unknown> | string;
  restart?: boolean;
  expect?: Expectation[];
  /** Exactly this many output lines. */
  count?: number;
  /** Keeps the latest case id seen so far as `$name`, for a later step (`$case` is always the latest). */
  keepCaseAs?: string;
}

interface Transcript {
  name: string;
  now: string;
  /** Operator configuration (environment variables) for the run. */
  env?: Record<string, string>;
  steps: TranscriptStep[];
}

const dir = join(import.meta.dirname);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('conversation transcripts', () => {
  it('has transcripts to run', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const file of files) {
    const transcript = parse(readFileSync(join(dir, file), 'utf8')) as Transcript;
    it(`${file}: ${transcript.name}`, async () => {
      let session: ConsoleSession = await openConsoleSession({ now: transcript.now, env: transcript.env });
      const vars: Record<string, string> = {};
      try {
        for (const [i, s] of transcript.steps.entries()) {
          if (s.restart) {
            await session.close();
            session = await openConsoleSession({ now: session.clock.now().toISOString(), dataDir: session.dataDir, env: transcript.env });
            continue;
          }
          if (s.send === undefined) continue;
          const line = substitute(s.send, vars);
          const out = await session.send(line);
          for (const o of out) if ('caseId' in o && o.caseId) vars.case = o.caseId;
          if (s.keepCaseAs && vars.case) vars[s.keepCaseAs] = vars.case;
          const where = `${file} step ${i + 1} (${typeof line === 'string' ? line : JSON.stringify(line)})\n  got: ${JSON.stringify(out, null, 1)}`;
          if (s.count !== undefined) expect(out.length, where).toBe(s.count);
          let from = 0;
          for (const e of substitute(s.expect ?? [], vars)) {
            const at = out.findIndex((o, k) => k >= from && matches(o, e, vars));
            expect(at, `${where}\n  expected: ${JSON.stringify(e)}`).toBeGreaterThanOrEqual(0);
            from = at + 1;
          }
        }
      } finally {
        await session.close();
      }
    });
  }
});

function substitute<T>(value: T, vars: Record<string, string>): T {
  return JSON.parse(JSON.stringify(value).replace(/\$(\w+)/g, (_m, name: string) => vars[name] ?? 'NO-CASE-YET')) as T;
}

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function matches(o: OutputLine, e: Expectation, vars: Record<string, string>): boolean {
  if ('error' in o) return e.error === true;
  if (e.error) return false;
  if (e.to !== undefined && o.to !== e.to) return false;
  if (e.intent !== undefined && o.intent !== e.intent) return false;
  if (e.state !== undefined && o.state !== e.state) return false;
  if (e.asking !== undefined && o.asking !== e.asking) return false;
  if (e.caseId === 'set' && !o.caseId) return false;
  if (e.caseId === null && o.caseId !== null) return false;
  const text = o.text.toLowerCase();
  if (!list(e.text).every((t) => text.includes(substitute(t, vars).toLowerCase()))) return false;
  if (list(e.notText).some((t) => text.includes(substitute(t, vars).toLowerCase()))) return false;
  if (e.slots && !Object.entries(e.slots).every(([k, v]) => o.slots[k] === v)) return false;
  if (e.slotsPresent && !e.slotsPresent.every((k) => o.slots[k] !== undefined)) return false;
  if (e.slotsAbsent && e.slotsAbsent.some((k) => o.slots[k] !== undefined)) return false;
  if (e.choices && !e.choices.every((v) => o.choices.some((c) => c.value === v))) return false;
  if (e.notChoices && e.notChoices.some((v) => o.choices.some((c) => c.value === v))) return false;
  return true;
}
