/** How much of a user's message the dialog reads and relays. */

/** Messages longer than this are not interpreted (they are still relayed to an agent during a case, up to MAX_INPUT_CHARS). */
export const MAX_MESSAGE_CHARS = 4000;

/**
 * How much of a message is looked at, in UTF-16 units: the rest is cut before any analysis, so that the cost
 * of a turn never grows with what a user pastes. Only this much is ever relayed or stored.
 */
export const MAX_INPUT_CHARS = 4 * MAX_MESSAGE_CHARS;
