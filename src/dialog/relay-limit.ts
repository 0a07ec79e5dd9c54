/**
 * The per-conversation limit on messages relayed to agents: a token bucket kept in the dialog state, so
 * that it survives restarts and is the same in every process. Pure: the clock comes in as `now`.
 */

/** Messages a user can relay in one burst. */
export const RELAY_BURST = 20;
/** Seconds after which one more message may be relayed. */
export const RELAY_REFILL_SECONDS = 3;

/** Where a conversation's relay budget stands (plain JSON in DialogState). */
export interface RelayBudget {
  /** Messages that may still be relayed at `at`. */
  tokens: number;
  at: string;
  /** Messages saved to the case without being relayed since the limit was reached. */
  held: number;
}

/** What to do with one message during a case. */
export type RelayDecision =
  /** Relay it; `held` messages were saved without a ping since the limit tripped (0: none). */
  | { relay: true; held: number; budget: RelayBudget }
  /** Save it to the case only; `first` is true for the first message past the limit. */
  | { relay: false; first: boolean; budget: RelayBudget };

/** Spends one token of the budget at `now`, or holds the message when none is left. */
export function decideRelay(budget: RelayBudget | undefined, now: Date): RelayDecision {
  const elapsed = budget ? Math.max(0, (now.getTime() - Date.parse(budget.at)) / 1000) : 0;
  const tokens = budget ? Math.min(RELAY_BURST, budget.tokens + elapsed / RELAY_REFILL_SECONDS) : RELAY_BURST;
  const held = budget?.held ?? 0;
  const at = now.toISOString();
  if (tokens >= 1) return { relay: true, held, budget: { tokens: tokens - 1, at, held: 0 } };
  return { relay: false, first: held === 0, budget: { tokens, at, held: held + 1 } };
}
