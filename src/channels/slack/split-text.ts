/** Splits long text into pieces that fit Slack's limits, preferring paragraph, line and word boundaries. */

/** Longest text of one section block (Slack rejects more than 3000 characters). */
export const SECTION_MAX = 3000;

/** Splits `text` into pieces of at most `max` UTF-16 units, never inside a surrogate pair. */
export function splitText(text: string, max: number = SECTION_MAX): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.trim() || pieces.length === 0) pieces.push(rest);
  return pieces;
}

function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max);
  for (const boundary of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(boundary);
    // A boundary too early would leave a tiny piece; a hard cut is better then.
    if (at > max / 2) return at + boundary.length;
  }
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}
