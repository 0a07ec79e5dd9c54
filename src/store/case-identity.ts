/**
 * The id-collision rule every store applies in commit: a case upsert replaces the stored case of its id only
 * when it is the same case, opened by the same requester at the same moment. A new case that drew an id
 * already taken (two processes, or two turns, drawing the same one) is refused, never written over another.
 * PostgreSQL states the same rule in SQL (postgres/commit-sql.ts, UPSERT_CASES).
 */
import type { SupportCase } from '../cases/types.js';

/** What makes a case the same case whatever its later changes. */
export interface CaseIdentity {
  /** `{channel}:{userId}` of the requester. */
  requester: string;
  createdAt: string;
}

/** The identity of a case. */
export function identityOf(c: SupportCase): CaseIdentity {
  return { requester: `${c.requester.channel}:${c.requester.userId}`, createdAt: c.createdAt };
}

/** True when an upsert with identity `next` may replace the stored case with identity `stored`. */
export function sameCase(stored: CaseIdentity, next: CaseIdentity): boolean {
  return stored.requester === next.requester && Date.parse(stored.createdAt) === Date.parse(next.createdAt);
}

/**
 * The ids among cases that belong to other cases: `stored` gives a stored case's identity (undefined: free).
 * Cases earlier in the list count as stored for later ones, as they would once written.
 */
export function takenIds(cases: readonly SupportCase[], stored: (id: string) => CaseIdentity | undefined): string[] {
  const taken: string[] = [];
  const seen = new Map<string, CaseIdentity>();
  for (const c of cases) {
    const identity = identityOf(c);
    const current = seen.get(c.id) ?? stored(c.id);
    if (current && !sameCase(current, identity)) taken.push(c.id);
    else seen.set(c.id, identity);
  }
  return taken;
}
