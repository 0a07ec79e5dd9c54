/**
 * Plain-text tables, bars and sparklines for the terminal. Hand-written: every cell deskbot prints here is ASCII
 * (intent ids, route names, dates, numbers), so padding is exact without a width library.
 */

const BLOCKS = ' ▏▎▍▌▋▊▉█';
const SPARKS = '▁▂▃▄▅▆▇█';

/** A bar of `value` out of `max`, `width` characters at full length, in eighths of a character. */
export function bar(value: number, max: number, width: number): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + (eighths % 8 ? BLOCKS[eighths % 8] : '');
}

/** One character per value, from ▁ (the least) to █ (the most); a gap (null) is a space. */
export function sparkline(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return ' '.repeat(values.length);
  const min = Math.min(...known);
  const span = Math.max(...known) - min;
  return values.map((v) => (v === null ? ' ' : SPARKS[span === 0 ? 0 : Math.round(((v - min) / span) * (SPARKS.length - 1))])).join('');
}

/** Rows as columns padded to their widest cell; columns listed in `right` are right-aligned, and a rule follows the header. */
export function textTable(header: string[], rows: string[][], right: ReadonlySet<number> = new Set()): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}
