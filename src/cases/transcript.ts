/** Bounded transcripts: what a conversation or a case keeps inline; the full history is the case's event log. */
import type { TranscriptEntry } from './types.js';

/** Lines a stored transcript keeps. */
export const TRANSCRIPT_LINES = 40;
/** Characters one transcript line keeps. */
export const TRANSCRIPT_LINE_CHARS = 4000;
/** Characters a stored transcript keeps in all, so that one talkative user cannot grow the live data. */
export const TRANSCRIPT_CHARS = 16_000;

/** The transcript with `entry` appended (cut to TRANSCRIPT_LINE_CHARS), its oldest lines dropped to fit the limits. */
export function appendToTranscript(transcript: readonly TranscriptEntry[], entry: TranscriptEntry): TranscriptEntry[] {
  const line = entry.text.length > TRANSCRIPT_LINE_CHARS ? { ...entry, text: `${entry.text.slice(0, TRANSCRIPT_LINE_CHARS - 1)}…` } : entry;
  const kept = [...transcript, line];
  let chars = kept.reduce((sum, t) => sum + t.text.length, 0);
  let drop = Math.max(0, kept.length - TRANSCRIPT_LINES);
  for (let i = 0; i < drop; i++) chars -= kept[i].text.length;
  while (chars > TRANSCRIPT_CHARS && drop < kept.length - 1) chars -= kept[drop++].text.length;
  return drop > 0 ? kept.slice(drop) : kept;
}
