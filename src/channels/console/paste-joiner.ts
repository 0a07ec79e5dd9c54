/**
 * Pasted text at the console prompt: a terminal hands a paste of several lines to readline as separate lines, a
 * few milliseconds apart, while a person takes far longer between two Enters. Lines that follow each other within
 * `quietMs` are joined into one message, as Slack and Discord deliver a paste.
 */

/** Joins lines into messages; `flush` delivers what is waiting at once (end of input). */
export interface PasteJoiner {
  line(text: string): void;
  flush(): void;
}

/** Lines closer together than this are one paste: pasting takes under 5 ms a line, typing one takes seconds. */
export const PASTE_QUIET_MS = 40;

/** Creates a joiner that calls `deliver` with each message, in order. */
export function createPasteJoiner(deliver: (text: string) => void, quietMs = PASTE_QUIET_MS): PasteJoiner {
  let lines: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (lines.length === 0) return;
    const text = lines.join('\n');
    lines = [];
    deliver(text);
  };
  return {
    line(text) {
      lines.push(text);
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, quietMs);
    },
    flush,
  };
}
