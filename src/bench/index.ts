/** `npm run bench`: every benchmark of the project, printed as Markdown tables for docs/benchmarks.md. */
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { openBenchEmbeddings, type BenchEmbeddings } from './bench-embeddings.js';
import { benchDashboard } from './dashboard-bench.js';
import { benchEncoder } from './encoder-bench.js';
import { benchLargeMessages, benchRelayFlood } from './flood-bench.js';
import { benchIntentsCrossValidation } from './intents-cv.js';
import { benchMasking } from './masking-bench.js';
import { benchMisses } from './misses-bench.js';
import { benchNluDatasets } from './nlu-datasets.js';
import { benchReview } from './review-bench.js';
import { benchScale } from './scale-bench.js';
import { benchStats } from './stats-bench.js';
import { benchStartup } from './startup-bench.js';
import { benchRecordChecks, benchStoreCommit } from './store-bench.js';
import { benchTurnLogOverhead, benchTurns } from './turn-bench.js';

/** Runs the benchmarks named in args (default: all) and prints their figures; `--encoder=none` leaves the sentence encoder out. */
export async function runBench(args: string[], out: (line: string) => void): Promise<number> {
  const only = new Set(args.filter((a) => !a.startsWith('--')));
  const want = (name: string) => only.size === 0 || only.has(name);
  const embeddings = !args.includes('--encoder=none') && ['nlu', 'intents', 'encoder'].some(want) ? openBenchEmbeddings() : undefined;
  try {
    return await runBenchmarks(args, out, want, embeddings);
  } finally {
    await embeddings?.close();
  }
}

async function runBenchmarks(args: string[], out: (line: string) => void, want: (name: string) => boolean, embeddings: BenchEmbeddings | undefined): Promise<number> {
  const datasetsArg = args.find((a) => a.startsWith('--datasets='));
  const datasets = resolve(datasetsArg ? datasetsArg.slice('--datasets='.length) : '../shared/datasets');
  out(`# deskbot benchmarks — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`);
  if (want('nlu')) {
    out('\n## Intent matching on public datasets (train → val)');
    if (existsSync(datasets)) await benchNluDatasets(datasets, out, embeddings);
    else out(`(no datasets at ${datasets}; pass --datasets=DIR)`);
  }
  if (want('intents')) {
    out('\n## Shipped intents/, cross-validated');
    await benchIntentsCrossValidation(resolve('intents'), out, { embed: embeddings?.embedFor('intents'), languages: embeddings?.encoder.languages });
  }
  if (want('encoder') && embeddings) {
    out('\n## Sentence encoder: what it costs');
    await benchEncoder(out, embeddings);
  }
  if (want('misses')) {
    out('\n## The Korean and product misses (corpus in src/bench/misses-corpus.jsonl)');
    await benchMisses(out);
  }
  if (want('startup')) {
    out('\n## Start-up with the default knowledge base');
    const s = await benchStartup();
    out(`| first answer after process start | peak RSS |\n|---:|---:|\n| ${s.firstAnswerMs} ms | ${s.peakRssMb} MB |`);
  }
  if (want('turns')) {
    out('\n## Whole turns through the core (lowdb store)');
    out('| store | closed cases | turns | turns/s | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|---:|');
    for (const closedCases of [0, 50_000]) {
      const r = await benchTurns({ conversations: 150, closedCases, label: `lowdb-${closedCases}` });
      out(`| lowdb | ${r.closedCases} | ${r.turns} | ${r.turnsPerSecond} | ${r.p50Ms} | ${r.p99Ms} |`);
    }
  }
  if (want('turnlog')) {
    out('\n## What the turn log adds to a turn (lowdb store)');
    await benchTurnLogOverhead(out);
  }
  if (want('flood')) {
    out('\n## One user flooding (lowdb store)');
    const linesArg = args.find((a) => a.startsWith('--flood-lines='));
    const relay = await benchRelayFlood(linesArg ? Number(linesArg.slice('--flood-lines='.length)) : 10_000);
    out('| relayed lines into a case | total | p50 ms | p99 ms | RSS before → after | heap before → after | deskbot.json |\n|---:|---:|---:|---:|---:|---:|---:|');
    out(`| ${relay.lines} | ${relay.seconds} s | ${relay.p50Ms} | ${relay.p99Ms} | ${relay.rssBeforeMb} → ${relay.rssAfterMb} MB | ${relay.heapBeforeMb} → ${relay.heapAfterMb} MB | ${relay.dataFileKb} KB |`);
    const large = await benchLargeMessages(50);
    out('\n| other users\' turn p50, idle | p50 while one user sends 1 MB messages | p99 then | deskbot.json |\n|---:|---:|---:|---:|');
    out(`| ${large.idleP50Ms} ms | ${large.floodedP50Ms} ms | ${large.floodedP99Ms} ms | ${large.dataFileKb} KB |`);
  }
  if (want('masking')) {
    out('\n## Masking secrets (corpus in src/bench/masking-corpus.jsonl)');
    benchMasking(out);
  }
  if (want('store')) {
    out('\n## Store commits');
    await benchStoreCommit(out);
    benchRecordChecks(out);
  }
  if (want('stats')) {
    out('\n## deskbot stats over a year: turn log and cases');
    const turnsArg = args.find((a) => a.startsWith('--stats-turns='));
    await benchStats(out, { databaseUrl: process.env.DATABASE_URL, turns: turnsArg ? Number(turnsArg.slice('--stats-turns='.length)) : undefined });
  }
  if (want('review')) {
    out('\n## Review inbox: clustering unanswered messages');
    await benchReview(out);
  }
  if (want('dashboard')) {
    out('\n## Dashboard pages over HTTP');
    const turnsArg = args.find((a) => a.startsWith('--stats-turns='));
    await benchDashboard(out, { databaseUrl: process.env.DATABASE_URL, turns: turnsArg ? Number(turnsArg.slice('--stats-turns='.length)) : undefined });
  }
  if (want('scale')) {
    out('\n## Several processes on one PostgreSQL');
    await benchScale(out);
  }
  return 0;
}
