/**
 * Benchmark of the intent matcher on the public datasets (CLINC150, Banking77, ParaKQC): train → val; with the
 * sentence encoder, the lexical matcher, the classifier on embeddings and their fusion side by side.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonl } from '../nlu/dataset.js';
import { evaluateFusion, type FusionEvalReport } from '../nlu/evaluate-fusion.js';
import { evaluate } from '../nlu/evaluate.js';
import { routeOf } from '../nlu/fusion.js';
import type { LabelledExample } from '../nlu/types.js';
import type { BenchEmbeddings } from './bench-embeddings.js';

/** The figures of one dataset. */
export interface NluBenchRow {
  dataset: string;
  intents: number;
  /** In-scope accuracy at the threshold (0-1). */
  accuracy: number;
  /** In-scope accuracy when the best guess is always taken (0-1). */
  topOneAccuracy: number;
  oosRecall: number | null;
  threshold: number;
  trainSeconds: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

/**
 * Trains on each dataset's train.jsonl and measures on its val.jsonl. Since val is the test here, the
 * rejection threshold is chosen on a held-out part of train (see holdOutFromTrain), never on val.
 */
export async function benchNluDatasets(datasetsDir: string, out: (line: string) => void, embeddings?: BenchEmbeddings): Promise<NluBenchRow[]> {
  const rows: NluBenchRow[] = [];
  const folders = readdirSync(datasetsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(datasetsDir, d.name, 'train.jsonl')) && existsSync(join(datasetsDir, d.name, 'val.jsonl')))
    .map((d) => d.name)
    .sort();
  out('| dataset | intents | in-scope acc | top-1 acc (no threshold) | oos recall | threshold | train s | p50 ms | p99 ms | peak RSS MB |');
  out('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const curves: string[] = [];
  const fused: string[] = [];
  for (const name of folders) {
    const train = await readJsonl(join(datasetsDir, name, 'train.jsonl'));
    const test = await readJsonl(join(datasetsDir, name, 'val.jsonl'));
    // Start each dataset from a collected heap when the bench runs with --expose-gc.
    (globalThis as { gc?: () => void }).gc?.();
    const r = evaluate(train, test);
    const row: NluBenchRow = {
      dataset: name,
      intents: r.intents,
      accuracy: r.inScopeAccuracy,
      topOneAccuracy: r.topOneAccuracy,
      oosRecall: r.oosRecall,
      threshold: r.threshold,
      trainSeconds: r.trainSeconds,
      p50Ms: r.p50Ms,
      p99Ms: r.p99Ms,
      peakRssMb: r.peakRssMb,
    };
    rows.push(row);
    out(`| ${name} | ${r.intents} | ${pct(r.inScopeAccuracy)} | ${pct(r.topOneAccuracy)} | ${pct(r.oosRecall)} | ${r.threshold.toFixed(3)} | ${r.trainSeconds.toFixed(1)} | ${r.p50Ms} | ${r.p99Ms} | ${r.peakRssMb} |`);
    if (embeddings) fused.push(...(await fusionRows(name, train, test, embeddings)));
    if (r.oosRecall !== null) {
      const points = r.curve.filter((p) => p.threshold > 0 && p.threshold < 1 && Math.round(p.threshold * 20) % 2 === 0);
      curves.push(`| ${name} | ${points.map((p) => `${pct(p.inScopeAccuracy)} / ${pct(p.oosRecall)}`).join(' | ')} |`);
      if (curves.length === 1) {
        curves.unshift(`|---|${points.map(() => '---:').join('|')}|`);
        curves.unshift(`| trade-off: in-scope acc / oos recall at threshold | ${points.map((p) => p.threshold.toFixed(1)).join(' | ')} |`);
      }
    }
  }
  out('');
  out('Threshold chosen on a held-out part of train (15% of each intent, plus 10% of the intents held out whole as stand-ins for unseen requests); peak RSS is the process peak so far.');
  if (curves.length > 0) {
    out('');
    for (const line of curves) out(line);
  }
  if (fused.length > 0) {
    out('');
    out(`Lexical matcher, sentence encoder (${embeddings?.encoder.name}) with logistic regression and nearest neighbours, and their fusion, trained and chosen alike (one run):`);
    out('');
    out('| dataset | matcher | in-scope acc | top-1 acc (no threshold) | oos recall | threshold | fusion chosen |');
    out('|---|---|---:|---:|---:|---:|---|');
    for (const line of fused) out(line);
  }
  return rows;
}

/** The three matchers on one dataset, as table rows; none when the encoder covers no word of its training data. */
async function fusionRows(name: string, train: LabelledExample[], test: LabelledExample[], embeddings: BenchEmbeddings): Promise<string[]> {
  const languages = embeddings.encoder.languages;
  if (!train.some((e) => routeOf(e.text, languages, 'fused') === 'fused')) return [`| ${name} | (lexical only: the encoder covers none of its words) | | | | | |`];
  (globalThis as { gc?: () => void }).gc?.();
  const r: FusionEvalReport = await evaluateFusion(train, test, embeddings.embedFor(name), { languages });
  const row = (matcher: string, f: FusionEvalReport['lexical'], chosen = '') =>
    `| ${name} | ${matcher} | ${pct(f.inScopeAccuracy)} | ${pct(f.topOneAccuracy)} | ${pct(f.oosRecall)} | ${f.threshold.toFixed(3)} | ${chosen} |`;
  return [
    row('lexical', r.lexical),
    row('encoder + regression & neighbours', r.encoder, `training ${r.classifierSeconds.toFixed(1)} s`),
    row('fused', r.fused, `lexical weight ${r.params.weight}, regression weight ${r.params.regressionWeight}, fused threshold ${r.params.threshold.toFixed(3)}, ${pct(r.fusedShare)} of messages fused`),
  ];
}
