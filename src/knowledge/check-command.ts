/**
 * `deskbot intents check [--dir DIR] [--cv [--data DIR]]`: validates the knowledge base and prints every problem as
 * file:line: message; with --cv it also cross-validates it and saves the report for the dashboard's Knowledge page.
 */
import { mkdir } from 'node:fs/promises';
import { crossValidateIntents, saveCvReport, type CvReport } from './cv-report.js';
import { loadIntentsDir } from './load.js';
import { formatProblem } from './problem.js';
import { INTENT_KINDS, LANGS, type Intent, type OutOfScopeExamples } from './types.js';

const USAGE = 'Usage: deskbot intents check [--dir DIR] [--cv [--data DIR]]   (default: $INTENTS_DIR, else ./intents; $DESKBOT_DATA_DIR, else ./data)';

/** Runs the check; exit code 0 without errors (warnings allowed), 1 with errors, 2 on bad arguments. */
export async function runIntentsCheckCommand(args: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let dir = process.env.INTENTS_DIR || 'intents';
  let dataDir = process.env.DESKBOT_DATA_DIR || './data';
  let cv = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--dir' && args[i + 1] !== undefined) dir = args[++i];
    else if (args[i] === '--data' && args[i + 1] !== undefined) dataDir = args[++i];
    else if (args[i] === '--cv') cv = true;
    else {
      err(`Unknown or incomplete option: ${args[i]}\n${USAGE}`);
      return 2;
    }
  }

  const { intents, outOfScope, problems } = await loadIntentsDir(dir);
  for (const problem of problems) out(formatProblem(problem));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (intents.length > 0) out(summarize(intents, outOfScope));
  out(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${dir}`);
  if (errors > 0) {
    if (cv) err('Not cross-validated: fix the errors first.');
    return 1;
  }
  if (cv && intents.length > 0) {
    const report = await crossValidateIntents(dir, new Date());
    await mkdir(dataDir, { recursive: true });
    for (const line of describeCv(report)) out(line);
    out(`Saved to ${await saveCvReport(dataDir, report)} (the dashboard's Knowledge page shows it)`);
  }
  return 0;
}

const pct = (right: number, of: number) => `${of === 0 ? '—' : `${((right / of) * 100).toFixed(1)}%`} (${right}/${of})`;

/** The report in a few lines: overall, the five least accurate intents, the five most confused pairs. */
function describeCv(r: CvReport): string[] {
  const right = Math.round(r.accuracy * r.examples);
  const worst = [...r.intents].sort((a, b) => a.right / (a.examples || 1) - b.right / (b.examples || 1)).slice(0, 5);
  return [
    `Cross-validation (${r.folds} folds, lexical matcher): ${pct(right, r.examples)} of held-out examples placed under their intent; suggested NLU_THRESHOLD ${r.threshold.toFixed(3)}`,
    `Least accurate: ${worst.map((i) => `${i.id} ${pct(i.right, i.examples)}`).join(', ')}`,
    ...(r.confusions.length ? [`Most confused: ${r.confusions.slice(0, 5).map((c) => `${c.a} ↔ ${c.b} (${c.aAsB + c.bAsA})`).join(', ')}`] : []),
  ];
}

/** "31 intents (faq 14, ...); examples: ko 620, en 598 (fewest per intent: ko 15, en 15); out of scope: ko 300, en 300". */
function summarize(intents: readonly Intent[], outOfScope: OutOfScopeExamples): string {
  const kinds = INTENT_KINDS.map((kind) => [kind, intents.filter((i) => i.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n}`);
  const total = LANGS.map((lang) => `${lang} ${intents.reduce((n, i) => n + i.examples[lang].length, 0)}`);
  const fewest = LANGS.map((lang) => `${lang} ${Math.min(...intents.map((i) => i.examples[lang].length))}`);
  const summary = `${intents.length} intent${intents.length === 1 ? '' : 's'} (${kinds.join(', ')}); examples: ${total.join(', ')} (fewest per intent: ${fewest.join(', ')})`;
  const outside = LANGS.map((lang) => `${lang} ${outOfScope[lang].length}`);
  return outOfScope.ko.length + outOfScope.en.length > 0 ? `${summary}; out of scope: ${outside.join(', ')}` : summary;
}
