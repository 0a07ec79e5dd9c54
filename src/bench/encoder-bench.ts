/**
 * What the sentence encoder costs: its load, a sentence's embedding alone and in batches, a message's matching
 * (lexical against fused, English and Korean), and a whole bot's start-up, warm-up, turns and memory with and
 * without it (NLU_ENCODER=none), in child processes of the built CLI.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createEncoderFusion } from '../knowledge/encoder-fusion.js';
import { loadKnowledgeBase } from '../knowledge/watch.js';
import { embeddingCacheFile } from '../nlu/embedding-cache.js';
import type { MessageMatcher } from '../nlu/types.js';
import { createUseLiteEncoder, EMBED_BATCH } from '../nlu/use-lite/encoder.js';
import type { BenchEmbeddings } from './bench-embeddings.js';
import { percentile } from './stats.js';

const BIN = fileURLToPath(new URL('../../bin/deskbot.js', import.meta.url));

/** English support questions in users' words, none of them an example in intents/. */
const ENGLISH = [
  'I cannot remember the password for my account',
  'my phone stopped showing alerts from your app',
  'someone logged into my account from another country',
  'the payment went through twice on my card',
  'how do I reach a person on the phone',
  'my mailbox says it is full and I cannot receive anything',
  'emails I send keep bouncing back',
  'the map shows the wrong route to my office',
  'I want to report a post that looks like a scam',
  'what is the status of the ticket I opened yesterday',
  'the app crashes as soon as I open it on my tablet',
  'I was charged but the order never arrived',
  'how long does it take you to answer an inquiry',
  'my account was suspended and I think it is a mistake',
  'search gives me results that have nothing to do with my query',
];
const KOREAN = ['비밀번호가 기억나지 않아요', '앱 알림이 안 와요', '결제가 두 번 됐어요', '상담원 연결해 주세요', '메일함이 꽉 찼대요'];

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

async function timeMatches(matcher: MessageMatcher, texts: readonly string[], rounds: number): Promise<{ p50: number; p99: number }> {
  for (const t of texts) await matcher.match(t);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      const t0 = performance.now();
      await matcher.match(t);
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50), 3), p99: round(percentile(times, 99), 3) };
}

/** The encoder alone, and the matcher's time per message with and without it, in this process. */
async function inProcess(out: (line: string) => void, embeddings: BenchEmbeddings): Promise<void> {
  const { encoder } = embeddings;
  // The benchmark's own encoder may have loaded beside other work: the load is timed on a fresh one.
  const fresh = createUseLiteEncoder();
  const loadMs = await fresh.loaded;
  await fresh.close();
  const sentences = Array.from({ length: 20 }, (_, i) => ENGLISH.map((s) => `${s}${i === 0 ? '' : ` (${i})`}`)).flat();
  let t0 = performance.now();
  for (const s of sentences) await encoder.embed([s]);
  const single = (performance.now() - t0) / sentences.length;
  t0 = performance.now();
  await encoder.embed(sentences);
  const batched = (performance.now() - t0) / sentences.length;
  out(`| encoder | load (thread start to first sentence) | ms/sentence, one at a time | ms/sentence, batches of ${EMBED_BATCH} |\n|---|---:|---:|---:|`);
  out(`| ${encoder.name} (TensorFlow.js wasm backend, worker thread) | ${loadMs} ms | ${round(single)} | ${round(batched)} |`);

  const kb = await loadKnowledgeBase(resolve('intents'));
  const fusion = createEncoderFusion({
    encoder: { ...encoder, close: async () => undefined },
    cacheFile: embeddingCacheFile(resolve('node_modules/.cache/deskbot/embeddings/intents-kb'), encoder),
    logger: pino({ level: 'silent' }),
  });
  const fused = fusion.matcherFor(kb);
  await fusion.settled();
  const rows = [
    ['English', 'lexical', await timeMatches(kb.matcher, ENGLISH, 20)],
    ['English', 'fused', await timeMatches(fused, ENGLISH, 20)],
    ['Korean', 'lexical', await timeMatches(kb.matcher, KOREAN, 60)],
    ['Korean', 'fused (goes to the lexical matcher)', await timeMatches(fused, KOREAN, 60)],
  ] as const;
  out('');
  out('| message | matcher | p50 ms | p99 ms |\n|---|---|---:|---:|');
  for (const [lang, matcher, t] of rows) out(`| ${lang} | ${matcher} | ${t.p50} | ${t.p99} |`);
}

/** One child bot's figures. */
interface BotRun {
  firstAnswerMs: number;
  readyMs: number | null;
  turnP50: number;
  turnP99: number;
  rssMb: number;
  peakRssMb: number;
}

let runs = 0;

/** Starts `deskbot chat --jsonl` on dataDir, asks one question at once, waits for the encoder (if any), then times English turns. */
async function botRun(dataDir: string, encoder: 'use-lite' | 'none'): Promise<BotRun> {
  const runId = ++runs;
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'chat', '--jsonl', '--data', dataDir], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: '', NLU_ENCODER: encoder, LOG_LEVEL: 'info' },
  });
  // A turn may send several messages: a malformed line after each message marks where its turn's output ends
  // (lines are handled in order, and a malformed one gets one {"error"} line).
  const lines = createInterface({ input: child.stdout });
  const nextTurn = () =>
    new Promise<void>((res) => {
      const onLine = (line: string) => {
        if (!line.startsWith('{"error"')) return;
        lines.off('line', onLine);
        res();
      };
      lines.on('line', onLine);
    });
  const ask = (user: string, text: string) => child.stdin.write(`${JSON.stringify({ user, text })}\n{}\n`);
  const ready = new Promise<number | null>((res) => {
    if (encoder === 'none') res(null);
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (line.includes('sentence encoder ready')) res(performance.now() - started);
      if (line.includes('sentence encoder is unavailable')) res(null);
    });
  });
  try {
    const first = nextTurn();
    ask('u0', 'I forgot my password');
    await first;
    const firstAnswerMs = performance.now() - started;
    const readyMs = await ready;
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const answered = nextTurn();
      const t0 = performance.now();
      // A new user each time (and run): every message is a first question, matched and answered.
      ask(`u${runId}-${i}`, ENGLISH[i % ENGLISH.length]);
      await answered;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
    return {
      firstAnswerMs: Math.round(firstAnswerMs),
      readyMs: readyMs === null ? null : Math.round(readyMs),
      turnP50: round(percentile(times, 50)),
      turnP99: round(percentile(times, 99)),
      rssMb: Math.round(kb('VmRSS')),
      peakRssMb: Math.round(kb('VmHWM')),
    };
  } finally {
    const exited = new Promise((res) => child.once('exit', res));
    child.stdin.end();
    await exited;
  }
}

/** Runs the encoder's benchmarks. */
export async function benchEncoder(out: (line: string) => void, embeddings: BenchEmbeddings): Promise<void> {
  await inProcess(out, embeddings);
  out('');
  out('| bot (`deskbot chat --jsonl`, lowdb) | first turn answered | encoder ready | English turn p50 ms | p99 ms | RSS after the turns | peak RSS |\n|---|---:|---:|---:|---:|---:|---:|');
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbot-encoder-bench-'));
  const emptyDir = mkdtempSync(join(tmpdir(), 'deskbot-encoder-bench-'));
  try {
    const runs: [string, BotRun][] = [
      ['NLU_ENCODER=none', await botRun(emptyDir, 'none')],
      ['use-lite, first start (embeds intents/)', await botRun(dataDir, 'use-lite')],
      ['use-lite, restart (embeddings cached)', await botRun(dataDir, 'use-lite')],
    ];
    for (const [name, r] of runs) {
      out(`| ${name} | ${r.firstAnswerMs} ms | ${r.readyMs === null ? '—' : `${r.readyMs} ms`} | ${r.turnP50} | ${r.turnP99} | ${r.rssMb} MB | ${r.peakRssMb} MB |`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  }
}
