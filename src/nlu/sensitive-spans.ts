/**
 * Where the detectors found sensitive data in a text, and what kind it is. The list is kept in flat arrays
 * that are reused from message to message: a message full of secrets has a hundred spans or more, and one
 * object per span (and per merged span) was most of the garbage masking left behind.
 */

/** A kind of sensitive data the masker recognises. */
export type SensitiveKind = 'password' | 'card' | 'card_code' | 'card_expiry' | 'rrn' | 'foreigner_id' | 'phone' | 'token';

/** Ranges [start, end) of one text holding sensitive data, each with its kind; read back sorted and merged. */
export class SpanList {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly kinds: SensitiveKind[] = [];
  private readonly order: number[] = [];
  private count = 0;

  /** Empties the list for the next text. */
  clear(): void {
    this.count = 0;
  }

  /** How many spans were added since the last clear. */
  get size(): number {
    return this.count;
  }

  /** Records that [start, end) holds data of this kind. */
  add(start: number, end: number, kind: SensitiveKind): void {
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.kinds[this.count] = kind;
    this.count++;
  }

  /**
   * Calls fn for each span in text order, overlapping spans merged into one that keeps the kind of the one
   * that starts first (the longer one when both start together, the first added when they are the same).
   */
  forEachMerged(fn: (start: number, end: number, kind: SensitiveKind) => void): void {
    if (this.count === 0) return;
    const { starts, ends, kinds, order } = this;
    order.length = this.count;
    for (let i = 0; i < this.count; i++) order[i] = i;
    order.sort((a, b) => starts[a] - starts[b] || ends[b] - ends[a] || a - b);
    let start = starts[order[0]];
    let end = ends[order[0]];
    let kind = kinds[order[0]];
    for (let i = 1; i < this.count; i++) {
      const next = order[i];
      if (starts[next] < end) {
        if (ends[next] > end) end = ends[next];
        continue;
      }
      fn(start, end, kind);
      start = starts[next];
      end = ends[next];
      kind = kinds[next];
    }
    fn(start, end, kind);
  }
}
