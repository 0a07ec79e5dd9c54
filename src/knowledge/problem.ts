/** Problems found in the knowledge base, and how they are printed. */

/** One thing wrong (error) or worth improving (warning) in an intents/ file. */
export interface KbProblem {
  /** The file as reached from the directory given to the loader, e.g. "intents/mail.spam.yaml" (or the directory itself). */
  file: string;
  /** 1-based line, or null when the problem concerns the whole file. */
  line: number | null;
  severity: 'error' | 'warning';
  /** What is wrong and how to fix it. */
  message: string;
}

/** "intents/mail.spam.yaml:12: unknown field ..." (warnings say so after the location). */
export function formatProblem(p: KbProblem): string {
  const where = p.line === null ? p.file : `${p.file}:${p.line}`;
  return `${where}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

/** Orders problems by file, then line, keeping the order found within one line. */
export function sortProblems(problems: readonly KbProblem[]): KbProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => compare(a.p.file, b.p.file) || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
