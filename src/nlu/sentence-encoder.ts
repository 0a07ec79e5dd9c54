/** The sentence encoder port: texts in, one fixed-size vector per text out, for the languages it was trained on. */
import type { Lang } from '../knowledge/types.js';

/** A pretrained sentence encoder (the shipped one runs in a worker thread; tests may use a small fixture). */
export interface SentenceEncoder {
  /** Names the model and its version: embeddings cached under another name are never reused. */
  readonly name: string;
  /** The languages whose text the encoder understands; text in other scripts carries no meaning for it. */
  readonly languages: readonly Lang[];
  /** The length of every vector. */
  readonly dimensions: number;
  /** Resolves once the model is loaded (it may load in the background); rejects if it cannot be. */
  ready(): Promise<void>;
  /** One vector per text, in order; waits while the model loads, and rejects if it cannot be loaded. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Frees the model; later calls to embed reject. */
  close(): Promise<void>;
}
