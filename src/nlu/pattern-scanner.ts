/**
 * Finding where a pattern matches without building match arrays. RegExp.exec allocates an array, its index
 * and input properties and a string per group on every match; in a message full of secrets that was most
 * of what masking left for the garbage collector. RegExp.test allocates nothing: a global test of the
 * pattern finds where the next match ends, and a global test of `(?=pattern)` from no further back than the
 * longest match can reach finds where it starts. That is the same leftmost match exec finds: the lookahead
 * search stops at the first place the pattern matches, which is where the match the global test found
 * starts, and from there the engine takes the same path to the same end. The lookahead search is several
 * times slower than the plain one (the regex engine cannot skip ahead through it), so it only ever scans the
 * few characters before a match, and it first takes one of the characters a match can start with, so that
 * the engine tries the pattern only where one of them is.
 */

/** Walks the matches of one pattern in a text, giving their start and end positions. */
export class PatternScanner {
  private readonly scanner: RegExp;
  private readonly finder: RegExp;
  /** Where the current match starts. */
  start = 0;
  /** Where the current match ends. */
  end = 0;

  /**
   * A scanner for a pattern that cannot match the empty string and never matches more than maxLength
   * characters (lookarounds aside), with flags other than g and y. Every match starts with a character of
   * the class `firstCharacter` (for example `[2-6]`).
   */
  constructor(
    pattern: RegExp,
    private readonly maxLength: number,
    firstCharacter: string,
  ) {
    const flags = pattern.flags.replace(/[gy]/g, '');
    this.scanner = new RegExp(pattern.source, `g${flags}`);
    // One character of the class, then, looking back to before it, the whole pattern ahead: it ends one
    // character after where a match starts.
    this.finder = new RegExp(`${firstCharacter}(?<=(?=${pattern.source})[^])`, `g${flags}`);
  }

  /** Starts over at the beginning of a text. */
  reset(): void {
    this.scanner.lastIndex = 0;
  }

  /** Moves to the next match in text and returns true, or returns false when there is none. */
  next(text: string): boolean {
    const from = this.scanner.lastIndex;
    if (!this.scanner.test(text)) return false;
    this.end = this.scanner.lastIndex;
    // The match starts after the previous one and at most maxLength before its end.
    this.finder.lastIndex = Math.max(from, this.end - this.maxLength);
    this.finder.test(text);
    this.start = this.finder.lastIndex - 1;
    return true;
  }
}
