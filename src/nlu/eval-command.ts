/**
 * `deskbot nlu eval --train FILE --test FILE [--val FILE] [--encoder use-lite|none] [--json]`: measures the matcher
 * on JSON Lines data, and beside it the sentence encoder's classifier and the fusion of the two.
 */
import { DatasetError, readJsonl } from './dataset.js';
import { evaluateFusion, type FusionEvalReport } from './evaluate-fusion.js';
import { evaluate, type EvalReport } from './evaluate.js';
import type { SentenceEncoder } from './sentence-encoder.js';
import { createUseLiteEncoder } from './use-lite/encoder.js';

const USAGE = 'usage: deskbot nlu eval --train FILE --test FILE [--val FILE] [--encoder use-lite|none] [--json]';

interface EvalArgs {
  train: string;
  test: string;
  val?: string;
  encoder: 'use-lite' | 'none';
  json: boolean;
}

/** The lexical report, with the fusion's figures (or why there are none). */
export type FullEvalReport = EvalReport & { fusion: FusionEvalReport | { unavailable: string } | null };

function parseArgs(args: string[]): EvalArgs | string {
  const files: Partial<Record<'train' | 'test' | 'val' | 'encoder', string>> = {};
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') {
      json = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/^--/, '');
    if (!arg.startsWith('--') || (name !== 'train' && name !== 'test' && name !== 'val' && name !== 'encoder')) return `unknown argument: ${arg}`;
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '' || value.startsWith('--')) return name === 'encoder' ? '--encoder needs use-lite or none' : `--${name} needs a file`;
    files[name] = value;
  }
  if (!files.train) return 'missing --train FILE';
  if (!files.test) return 'missing --test FILE';
  const encoder = files.encoder ?? 'use-lite';
  if (encoder !== 'use-lite' && encoder !== 'none') return `--encoder must be use-lite or none, not '${encoder}'`;
  return { train: files.train, test: files.test, val: files.val, encoder, json };
}

function percent(x: number | null): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`;
}

/** The report as the lines of a readable table. */
export function formatReport(report: FullEvalReport): string[] {
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
  const { fusion } = report;
  if (fusion === null) return lines;
  lines.push('');
  if ('unavailable' in fusion) return [...lines, `fused matcher: not measured (${fusion.unavailable})`];
  lines.push('matcher                        in-scope acc  top-1 acc  oos recall');
  const row = (name: string, f: FusionEvalReport['lexical']) =>
    lines.push(`${name.padEnd(29)}  ${percent(f.inScopeAccuracy).padStart(12)}  ${percent(f.topOneAccuracy).padStart(9)}  ${percent(f.oosRecall).padStart(10)}`);
  row('lexical', fusion.lexical);
  row('encoder + regression & neighbours', fusion.encoder);
  row('fused', fusion.fused);
  lines.push(`fusion: lexical weight ${fusion.params.weight}, regression weight ${fusion.params.regressionWeight}, fused threshold ${fusion.params.threshold.toFixed(3)}, ${percent(fusion.fusedShare)} of test messages fused`);
  return lines;
}

/** The fusion's figures with a freshly started encoder, or why it could not run. */
async function fusionReport(
  train: Awaited<ReturnType<typeof readJsonl>>,
  test: Awaited<ReturnType<typeof readJsonl>>,
  val: Awaited<ReturnType<typeof readJsonl>> | undefined,
  encoder: SentenceEncoder,
): Promise<FullEvalReport['fusion']> {
  // Each text is embedded once per run, though train, val and test are each read twice.
  const vectors = new Map<string, Float32Array>();
  const embed = async (texts: readonly string[]) => {
    const missing = [...new Set(texts.filter((t) => !vectors.has(t)))];
    if (missing.length > 0) (await encoder.embed(missing)).forEach((v, i) => vectors.set(missing[i], v));
    return texts.map((t) => vectors.get(t) as Float32Array);
  };
  try {
    return await evaluateFusion(train, test, embed, { val, languages: encoder.languages });
  } catch (e) {
    return { unavailable: (e as Error).message };
  } finally {
    await encoder.close();
  }
}

/** Runs the command; the report goes to out, problems to err; returns the exit code (2 for bad arguments or data). */
export async function runNluEvalCommand(
  args: string[],
  out: (line: string) => void,
  err: (line: string) => void = out,
  startEncoder: () => SentenceEncoder = createUseLiteEncoder,
): Promise<number> {
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
    const lexical = evaluate(train, test, { val });
    const report: FullEvalReport = { ...lexical, fusion: parsed.encoder === 'none' ? null : await fusionReport(train, test, val, startEncoder()) };
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
