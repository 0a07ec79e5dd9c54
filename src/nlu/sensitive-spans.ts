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
  // The order spans are read back in, and scratch room for sorting it: grown as needed, never shrunk.
  private order = new Int32Array(256);
  private scratch = new Int32Array(256);
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
    const { starts, ends, kinds } = this;
    const order = this.sortedOrder();
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

  /**
   * The span indexes by start, the longer one first when two start together, the first added first when they are
   * the same. A bottom-up merge sort (stable, so ties keep the order they were added in) with the comparison inlined:
   * Array.prototype.sort calls a comparator ~1,300 times for the ~170 spans of a message full of secrets, and
   * those calls were a tenth of masking it.
   */
  private sortedOrder(): Int32Array {
    const n = this.count;
    if (this.order.length < n) {
      this.order = new Int32Array(n * 2);
      this.scratch = new Int32Array(n * 2);
    }
    let from = this.order;
    let to = this.scratch;
    for (let i = 0; i < n; i++) from[i] = i;
    const { starts, ends } = this;
    for (let width = 1; width < n; width *= 2) {
      for (let left = 0; left < n; left += 2 * width) {
        const middle = Math.min(left + width, n);
        const right = Math.min(left + 2 * width, n);
        let a = left;
        let b = middle;
        let k = left;
        while (a < middle && b < right) {
          const x = from[a];
          const y = from[b];
          // y goes first only if it starts earlier, or starts together and ends later.
          if (starts[y] < starts[x] || (starts[y] === starts[x] && ends[y] > ends[x])) {
            to[k++] = y;
            b++;
          } else {
            to[k++] = x;
            a++;
          }
        }
        while (a < middle) to[k++] = from[a++];
        while (b < right) to[k++] = from[b++];
      }
      const swap = from;
      from = to;
      to = swap;
    }
    return from;
  }
}
