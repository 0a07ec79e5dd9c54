/** `deskbot nlu eval --train FILE --test FILE [--val FILE] [--json]`: measures the matcher on JSON Lines data. */
import { DatasetError, readJsonl } from './dataset.js';
import { evaluate, type EvalReport } from './evaluate.js';

const USAGE = 'usage: deskbot nlu eval --train FILE --test FILE [--val FILE] [--json]';

interface EvalArgs {
  train: string;
  test: string;
  val?: string;
  json: boolean;
}

function parseArgs(args: string[]): EvalArgs | string {
  const files: Partial<Record<'train' | 'test' | 'val', string>> = {};
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') {
      json = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/^--/, '');
    if (!arg.startsWith('--') || (name !== 'train' && name !== 'test' && name !== 'val')) return `unknown argument: ${arg}`;
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '' || value.startsWith('--')) return `--${name} needs a file`;
    files[name] = value;
  }
  if (!files.train) return 'missing --train FILE';
  if (!files.test) return 'missing --test FILE';
  return { train: files.train, test: files.test, val: files.val, json };
}

function percent(x: number | null): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`;
}

/** The report as the lines of a readable table. */
export function formatReport(report: EvalReport): string[] {
  const lines = [
    `train examples      ${report.trainExamples} (${report.intents} intents)`,
    `test examples       ${report.testExamples}`,
    `in-scope accuracy   ${percent(report.inScopeAccuracy)}   (best guess always taken: ${percent(report.topOneAccuracy)})`,
    `oos recall          ${percent(report.oosRecall)}`,
    `threshold           ${report.threshold.toFixed(3)} (chosen on ${report.thresholdSource === 'val' ? '--val' : 'a held-out part of --train'})`,
    `training            ${report.trainSeconds.toFixed(2)} s`,
    `latency per message p50 ${report.p50Ms} ms, p99 ${report.p99Ms} ms`,
    `peak RSS            ${report.peakRssMb} MB`,
    '',
    'threshold  in-scope acc  oos recall',
  ];
  for (const p of report.curve) lines.push(`${p.threshold.toFixed(2).padStart(9)}  ${percent(p.inScopeAccuracy).padStart(12)}  ${percent(p.oosRecall).padStart(10)}`);
  return lines;
}

/** Runs the command; the report goes to out, problems to err; returns the exit code (2 for bad arguments or data). */
export async function runNluEvalCommand(args: string[], out: (line: string) => void, err: (line: string) => void = out): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    err(`deskbot nlu eval: ${parsed}`);
    err(USAGE);
    return 2;
  }
  try {
    const train = await readJsonl(parsed.train);
    const test = await readJsonl(parsed.test);
    const val = parsed.val === undefined ? undefined : await readJsonl(parsed.val);
    const report = evaluate(train, test, { val });
    if (parsed.json) out(JSON.stringify(report));
    else for (const line of formatReport(report)) out(line);
    return 0;
  } catch (error) {
    if (error instanceof DatasetError) {
      err(`deskbot nlu eval: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
