/**
 * A small sentence encoder for tests. It is a perfect one: a text the test labels gets the one-hot vector of its
 * label, so a classifier on its vectors learns exactly what the test says; other texts all get one neutral
 * vector. It counts the texts it embeds, and embed() can be held back until the test opens it (a model loading).
 */
import type { Lang } from '../../src/knowledge/types.js';
import type { SentenceEncoder } from '../../src/nlu/sentence-encoder.js';

/** The fixture, with what tests look at. */
export interface FixtureEncoder extends SentenceEncoder {
  /** Every text embedded so far, in order. */
  readonly embedded: string[];
  /** Lets held-back embed() calls (and later ones) go on. */
  open(): void;
  readonly closed: boolean;
}

/** Options of the fixture; labels map texts to the class whose one-hot vector they get. */
export interface FixtureEncoderOptions {
  labels: ReadonlyMap<string, string>;
  /** Hold embed() back until open() (default: open). */
  held?: boolean;
  languages?: readonly Lang[];
  dimensions?: number;
  name?: string;
}

/** Creates the fixture encoder. */
export function createFixtureEncoder(options: FixtureEncoderOptions): FixtureEncoder {
  const dimensions = options.dimensions ?? 64;
  const slots = new Map<string, number>();
  for (const label of [...new Set(options.labels.values())].sort()) slots.set(label, slots.size % (dimensions - 1));
  let open: () => void = () => undefined;
  const opened = options.held ? new Promise<void>((resolve) => (open = resolve)) : Promise.resolve();
  const embedded: string[] = [];
  let closed = false;
  return {
    name: options.name ?? 'fixture/1',
    languages: options.languages ?? ['en'],
    dimensions,
    embedded,
    open: () => open(),
    ready: () => opened,
    get closed() {
      return closed;
    },
    async embed(texts) {
      await opened;
      if (closed) throw new Error('the fixture encoder was closed');
      embedded.push(...texts);
      return texts.map((text) => {
        const vector = new Float32Array(dimensions);
        const label = options.labels.get(text);
        // The last dimension is the neutral one, shared by every text the test did not label.
        vector[label === undefined ? dimensions - 1 : (slots.get(label) ?? dimensions - 1)] = 1;
        return vector;
      });
    },
    async close() {
      closed = true;
    },
  };
}
