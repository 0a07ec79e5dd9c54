/**
 * Operators' sessions: a random id in an HttpOnly cookie, each with its own CSRF token, kept in memory (a restart
 * signs everyone out) and dropped after a day, or after twelve hours unused. Secrets are compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** One signed-in browser. */
export interface Session {
  id: string;
  /** The token every form of this session posts back (`_csrf`). */
  csrf: string;
  createdAt: number;
  usedAt: number;
}

const IDLE_MS = 12 * 3_600_000;
const MAX_AGE_MS = 24 * 3_600_000;

/** The sessions of one dashboard process. */
export interface Sessions {
  create(): Session;
  /** The live session with this id (its use noted), or undefined. */
  get(id: string | undefined): Session | undefined;
  delete(id: string): void;
}

/** A random secret, URL-safe. */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** Whether two secrets are equal, in time that does not depend on where they differ (or on their lengths). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected)) && given.length > 0;
}

/** An empty set of sessions on the given clock. */
export function createSessions(now: () => number = Date.now): Sessions {
  const live = new Map<string, Session>();
  const expired = (s: Session, t: number) => t - s.usedAt > IDLE_MS || t - s.createdAt > MAX_AGE_MS;
  return {
    create() {
      const t = now();
      for (const [id, s] of live) if (expired(s, t)) live.delete(id);
      const session = { id: newSecret(), csrf: newSecret(), createdAt: t, usedAt: t };
      live.set(session.id, session);
      return session;
    },
    get(id) {
      const session = id === undefined ? undefined : live.get(id);
      if (!session) return undefined;
      const t = now();
      if (expired(session, t)) {
        live.delete(session.id);
        return undefined;
      }
      session.usedAt = t;
      return session;
    },
    delete(id) {
      live.delete(id);
    },
  };
}
