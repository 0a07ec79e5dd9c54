/** The console's scripted protocol (shared/spec/console-jsonl.md): input lines validated with zod. */
import { z } from 'zod';

const file = z.strictObject({ name: z.string().min(1), url: z.string().optional() });
/** A line's own id: a line repeating an id its conversation has handled is a duplicate delivery and is dropped. */
const lineId = z.string().min(1).max(200).optional();

const userLine = z.strictObject({
  id: lineId,
  user: z.string().min(1),
  text: z.string().optional(),
  choose: z.string().optional(),
  /** The case this message is written to (like `/case ID` in the interactive chat). */
  case: z.string().min(1).max(40).optional(),
  lang: z.enum(['ko', 'en']).optional(),
  files: z.array(file).optional(),
});

const agentLine = z.strictObject({
  id: lineId,
  agent: z.string().min(1),
  case: z.string().min(1),
  text: z.string().optional(),
  do: z.enum(['claim', 'resolve', 'verify', 'reopen', 'close', 'suggest']).optional(),
});

/** At the console, whoever writes an agent line runs the bot on their own machine: they act as an agent. */
export const operatorIsAgent = async (): Promise<boolean> => true;

const advanceLine = z.strictObject({ advance: z.string().min(2) });

/** One parsed input line. */
export type ConsoleLine =
  | { kind: 'user'; line: z.infer<typeof userLine> }
  | { kind: 'agent'; line: z.infer<typeof agentLine> }
  | { kind: 'advance'; ms: number };

/** Parses one JSON line; returns an error message a script author can act on instead of throwing. */
export function parseConsoleLine(raw: string): ConsoleLine | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { error: `not valid JSON: ${truncate(raw)}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'each line must be a JSON object' };
  const obj = value as Record<string, unknown>;
  if ('advance' in obj) {
    const r = advanceLine.safeParse(obj);
    if (!r.success) return { error: 'advance line: {"advance":"PT25H"} (an ISO-8601 duration) and nothing else' };
    const ms = parseIsoDuration(r.data.advance);
    return ms === null ? { error: `advance: "${r.data.advance}" is not an ISO-8601 duration such as PT25H or P3D` } : { kind: 'advance', ms };
  }
  if ('agent' in obj) {
    const r = agentLine.safeParse(obj);
    if (!r.success) return { error: `agent line: ${issues(r.error)}` };
    if (!r.data.do && r.data.text === undefined) return { error: 'agent line: give "text" (a reply) or "do" (claim, resolve, verify, reopen, close)' };
    return { kind: 'agent', line: r.data };
  }
  if ('user' in obj) {
    const r = userLine.safeParse(obj);
    if (!r.success) return { error: `user line: ${issues(r.error)}` };
    if (r.data.text === undefined && r.data.choose === undefined && !r.data.files?.length) return { error: 'user line: give "text", "choose" or "files"' };
    return { kind: 'user', line: r.data };
  }
  return { error: 'unknown line: expected "user", "agent" or "advance"' };
}

/** Milliseconds of an ISO-8601 duration (PnDTnHnMnS, PnW), or null when it is not one. */
export function parseIsoDuration(text: string): number | null {
  const m = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text.trim());
  if (!m || text.trim().toUpperCase() === 'P' || /T$/i.test(text.trim())) return null;
  const [w, d, h, min, s] = m.slice(1).map((v) => (v ? Number(v) : 0));
  return ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000;
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
