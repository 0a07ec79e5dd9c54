/**
 * What operators decided in the review inbox, kept in the data folder (`review-decisions.json`): the messages they
 * dismissed (with their text, so that new messages like them stay dismissed too) and those they assigned. Written
 * whole to a temporary file and renamed over the old one, so a crash leaves the old or the new file, never half.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** The file's name in the data folder. */
export const DECISIONS_FILE = 'review-decisions.json';

const decisionsShape = z.object({
  dismissed: z.array(z.object({ id: z.string(), text: z.string(), lang: z.enum(['ko', 'en']), at: z.string() })),
  assigned: z.array(z.object({ id: z.string(), to: z.string(), at: z.string() })),
});

/** The operators' decisions. */
export type ReviewDecisions = z.infer<typeof decisionsShape>;

/** A decisions file that cannot be read: it is named, never overwritten. */
export class DecisionsFileError extends Error {
  override readonly name = 'DecisionsFileError';
}

/** Reads the decisions (none yet when the file does not exist). */
export async function readDecisions(dataDir: string): Promise<ReviewDecisions> {
  const path = join(dataDir, DECISIONS_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { dismissed: [], assigned: [] };
    throw new DecisionsFileError(`cannot read ${path}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DecisionsFileError(`${path} is not valid JSON; fix or move it away (it lists the review inbox's dismissed and assigned messages)`);
  }
  const shaped = decisionsShape.safeParse(parsed);
  if (!shaped.success) throw new DecisionsFileError(`${path} is not in the shape deskbot writes (${shaped.error.issues[0]?.message}); fix or move it away`);
  return shaped.data;
}

/** Replaces the decisions file with `decisions`. */
export async function writeDecisions(dataDir: string, decisions: ReviewDecisions): Promise<void> {
  const path = join(dataDir, DECISIONS_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(decisions, null, 1)}\n`, 'utf8');
  await rename(temporary, path);
}
