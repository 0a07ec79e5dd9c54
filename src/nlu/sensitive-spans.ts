/** Where a detector found sensitive data in a text, and what kind it is. */

/** A kind of sensitive data the masker recognises. */
export type SensitiveKind = 'password' | 'card' | 'card_code' | 'card_expiry' | 'rrn' | 'foreigner_id' | 'phone' | 'token';

/** A range [start, end) of a text holding one piece of sensitive data. */
export interface SensitiveSpan {
  start: number;
  end: number;
  kind: SensitiveKind;
}

/** The spans sorted, with overlapping ones merged (the earlier one's kind is kept). */
export function mergeSpans(spans: SensitiveSpan[]): SensitiveSpan[] {
  if (spans.length < 2) return spans;
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SensitiveSpan[] = [{ ...sorted[0] }];
  for (const s of sorted.slice(1)) {
    const last = out[out.length - 1];
    if (s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/**
 * Calls fn for each match of a global regex in text. Unlike String.prototype.matchAll it does not clone the
 * regex on every call, which costs more than the match itself on the short windows scanned after each card.
 */
export function forEachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    fn(m);
  }
}
