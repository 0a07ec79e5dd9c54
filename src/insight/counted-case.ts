/**
 * A case as CaseTallier counts it: times in milliseconds and its counted steps in three parallel arrays. Stores
 * read CaseHistory (countedCase converts it); the statistics' cache keeps many cases as columns of typed arrays
 * (caseColumns, casesOfColumns), which read back without a JSON object per step.
 */
import type { ChannelName } from '../cases/types.js';
import type { Lang } from '../knowledge/types.js';
import type { CaseHistory, CaseStepKind } from './case-history.js';

/** The code of each step kind in `kinds`. */
export const STEP_CODE: Readonly<Record<CaseStepKind, number>> = { reply: 0, resolved: 1, reopened: 2, closed: 3, rated: 4 };

/** One case's counted history. */
export interface CountedCase {
  id: string;
  openedAt: number;
  dueAt: number;
  intent: string;
  route: string;
  channel: ChannelName;
  lang: Lang;
  /** Its steps, oldest first: kind (STEP_CODE), time, and rating (0 when none). */
  kinds: ArrayLike<number>;
  ats: ArrayLike<number>;
  ratings: ArrayLike<number>;
}

/** A history as counted. */
export function countedCase(h: CaseHistory): CountedCase {
  return {
    id: h.id,
    openedAt: Date.parse(h.openedAt),
    dueAt: Date.parse(h.dueAt),
    intent: h.intent,
    route: h.route,
    channel: h.channel,
    lang: h.lang,
    kinds: h.steps.map((s) => STEP_CODE[s.kind]),
    ats: h.steps.map((s) => Date.parse(s.at)),
    ratings: h.steps.map((s) => s.rating ?? 0),
  };
}

/** Cases as JSON-ready columns (typed arrays in base64, the group attributes as numbers into a table of their values). */
export interface CaseColumns {
  ids: string[];
  values: string[];
  /** Per case: intent, route, channel, lang, as indexes into values (Uint32Array). */
  attributes: string;
  /** Float64Array each. */
  openedAt: string;
  dueAt: string;
  /** Where each case's steps start in the step columns, and where the last one's end (Uint32Array, one more than cases). */
  stepStart: string;
  /** Uint8Array, Float64Array, Uint8Array. */
  kinds: string;
  ats: string;
  ratings: string;
}

const base64 = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

/** Cases as columns. */
export function caseColumns(cases: readonly CountedCase[]): CaseColumns {
  const values: string[] = [];
  const valueIndex = new Map<string, number>();
  const indexOf = (v: string) => {
    let i = valueIndex.get(v);
    if (i === undefined) valueIndex.set(v, (i = values.push(v) - 1));
    return i;
  };
  const steps = cases.reduce((n, c) => n + c.kinds.length, 0);
  const attributes = new Uint32Array(cases.length * 4);
  const openedAt = new Float64Array(cases.length);
  const dueAt = new Float64Array(cases.length);
  const stepStart = new Uint32Array(cases.length + 1);
  const kinds = new Uint8Array(steps);
  const ats = new Float64Array(steps);
  const ratings = new Uint8Array(steps);
  let step = 0;
  cases.forEach((c, i) => {
    attributes.set([indexOf(c.intent), indexOf(c.route), indexOf(c.channel), indexOf(c.lang)], i * 4);
    openedAt[i] = c.openedAt;
    dueAt[i] = c.dueAt;
    stepStart[i] = step;
    for (let k = 0; k < c.kinds.length; k++, step++) {
      kinds[step] = c.kinds[k];
      ats[step] = c.ats[k];
      ratings[step] = c.ratings[k];
    }
  });
  stepStart[cases.length] = step;
  return {
    ids: cases.map((c) => c.id),
    values,
    attributes: base64(attributes),
    openedAt: base64(openedAt),
    dueAt: base64(dueAt),
    stepStart: base64(stepStart),
    kinds: base64(kinds),
    ats: base64(ats),
    ratings: base64(ratings),
  };
}

/** The cases kept by caseColumns (their steps are views into the columns). */
export function casesOfColumns(columns: CaseColumns): CountedCase[] {
  const attributes = decode(columns.attributes, Uint32Array);
  const openedAt = decode(columns.openedAt, Float64Array);
  const dueAt = decode(columns.dueAt, Float64Array);
  const stepStart = decode(columns.stepStart, Uint32Array);
  const kinds = decode(columns.kinds, Uint8Array);
  const ats = decode(columns.ats, Float64Array);
  const ratings = decode(columns.ratings, Uint8Array);
  const v = columns.values;
  return columns.ids.map((id, i) => {
    const [from, to] = [stepStart[i], stepStart[i + 1]];
    return {
      id,
      openedAt: openedAt[i],
      dueAt: dueAt[i],
      intent: v[attributes[i * 4]],
      route: v[attributes[i * 4 + 1]],
      channel: v[attributes[i * 4 + 2]] as ChannelName,
      lang: v[attributes[i * 4 + 3]] as Lang,
      kinds: kinds.subarray(from, to),
      ats: ats.subarray(from, to),
      ratings: ratings.subarray(from, to),
    };
  });
}

/** A typed array of the bytes in base64 (copied, so that it is aligned whatever the Buffer's offset). */
function decode<T extends Uint8Array | Uint32Array | Float64Array>(text: string, Type: { new (buffer: ArrayBuffer): T }): T {
  const bytes = Buffer.from(text, 'base64');
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new Type(copy);
}
