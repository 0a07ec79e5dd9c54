/**
 * The one UI guard adapters keep: a second press of the same button within a short window (a double click, or a
 * second click already in flight before the buttons were removed) is ignored. It is no dedupe: duplicate
 * deliveries are dropped by the core, by the InboundMessage/AgentAction id saved with each turn.
 */

/** How long a press blocks the same press, by default. */
export const PRESS_WINDOW_MS = 1000;

/** Remembers recent presses for `windowMs`. */
export interface PressGuard {
  /** True for a press of `key` (e.g. message + button + user), false while the same key was pressed within the window. */
  firstPress(key: string): boolean;
  /** Forgets a press (its acknowledgement failed), so the user can press again at once. */
  release(key: string): void;
}

/** Creates a press guard; entries older than the window are dropped as new presses come in. */
export function createPressGuard(windowMs = PRESS_WINDOW_MS, now: () => number = Date.now): PressGuard {
  const pressedAt = new Map<string, number>();
  return {
    firstPress(key) {
      const t = now();
      // A Map iterates in insertion order: the oldest presses come first, so expired ones are dropped from the front.
      for (const [k, at] of pressedAt) {
        if (t - at < windowMs) break;
        pressedAt.delete(k);
      }
      if (pressedAt.has(key)) return false;
      pressedAt.set(key, t);
      return true;
    },
    release(key) {
      pressedAt.delete(key);
    },
  };
}
