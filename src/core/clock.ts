/** The bot's clock: real time, or pinned for reproducible scripts, and movable forward for SLA tests. */

/** A clock the core reads instead of Date.now(). */
export interface Clock {
  now(): Date;
  /** Moves the clock forward (the console's `advance`). */
  advance(ms: number): void;
}

/** A clock pinned at `pinned` (or following real time when absent), plus whatever was advanced. */
export function createClock(pinned?: Date): Clock {
  let offset = 0;
  return {
    now: () => new Date((pinned ? pinned.getTime() : Date.now()) + offset),
    advance(ms) {
      offset += ms;
    },
  };
}
