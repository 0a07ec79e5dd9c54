/** Benchmark of the masking module: corpus recall and false positives, and the cost of masking one 4,000-character message. */
import { maskSensitive } from '../nlu/sensitive-data.js';
import { loadMaskingCorpus, scoreMasking, type CorpusMessage } from './masking-corpus.js';
import { percentile } from './stats.js';

const MESSAGE_CHARS = 4000;
const RUNS = 5000;

/** Timings of masking one message shape: wall-clock time, and CPU time (what the call itself costs, without time the process waited for a core). */
export interface MaskingTiming {
  message: string;
  p50Ms: number;
  p99Ms: number;
  cpuP50Ms: number;
  cpuP99Ms: number;
}

/** A 4,000-character message made of corpus messages of the given kinds, one per line, in corpus order. */
function messageOf(corpus: readonly CorpusMessage[], kinds: ReadonlyArray<CorpusMessage['kind']>): string {
  const lines = corpus.filter((m) => kinds.includes(m.kind)).map((m) => m.text);
  let text = '';
  for (let i = 0; text.length < MESSAGE_CHARS; i++) text += `${lines[i % lines.length]}\n`;
  return text.slice(0, MESSAGE_CHARS);
}

/** A pasted log: timestamps, ids, versions and numbers on every line, the densest input the patterns see. */
function logPaste(): string {
  let text = '';
  for (let i = 0; text.length < MESSAGE_CHARS; i++) {
    text += `2026-11-${String((i % 28) + 1).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00.123Z ERROR req=${(i * 7919).toString(16)}-4a1f order=ORD-2026-${10000 + i} code=0x8007000${i % 10} v5.12.${i % 20} user=${1000 + i}\n`;
  }
  return text.slice(0, MESSAGE_CHARS);
}

/** p50 and p99 of masking `text`, wall-clock and CPU time, over RUNS calls after a warm-up. */
function time(message: string, text: string): MaskingTiming {
  (globalThis as { gc?: () => void }).gc?.();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    maskSensitive(text);
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { message, p50Ms: percentile(wall, 50), p99Ms: percentile(wall, 99), cpuP50Ms: percentile(cpu, 50), cpuP99Ms: percentile(cpu, 99) };
}

/** Scores the corpus and times masking on three kinds of 4,000-character message; prints Markdown tables. */
export function benchMasking(out: (line: string) => void): { timings: MaskingTiming[] } {
  const corpus = loadMaskingCorpus();
  const score = scoreMasking(corpus);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  out('| secret-bearing messages | recall | harmless messages | false positives |\n|---:|---:|---:|---:|');
  out(`| ${score.secretMessages} | ${pct(score.recall)} | ${score.harmlessMessages} | ${pct(score.falsePositiveRate)} (${score.falsePositives.length}) |`);
  const messages: Array<[string, string]> = [
    ['harmless support text', messageOf(corpus, ['harmless'])],
    ['support text full of secrets', messageOf(corpus, ['secret'])],
    ['pasted log (digits on every line)', logPaste()],
  ];
  // Every pattern compiled and optimised before any is timed, as in a bot that has run for a while.
  for (let i = 0; i < 2000; i++) for (const [, text] of messages) maskSensitive(text);
  const timings = messages.map(([message, text]) => time(message, text));
  out(`\n| ${MESSAGE_CHARS.toLocaleString('en-US')}-character message | p50 ms | p99 ms | CPU p50 ms | CPU p99 ms |\n|---|---:|---:|---:|---:|`);
  for (const t of timings) out(`| ${t.message} | ${t.p50Ms} | ${t.p99Ms} | ${t.cpuP50Ms} | ${t.cpuP99Ms} |`);
  return { timings };
}
