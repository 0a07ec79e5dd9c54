/** JSON text for storage: the same normalisation in every store, so data reads back alike from lowdb and PostgreSQL. */

// JSON.stringify writes NUL as \u0000 and a lone surrogate as \udXXX; paired surrogates stay raw characters,
// so these escapes only appear when a string holds characters PostgreSQL's jsonb refuses.
const UNSTORABLE = /\\u0000|\\ud[89a-f]/i;

const NUL_OR_LONE_SURROGATE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function storable(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.replace(NUL_OR_LONE_SURROGATE, '\uFFFD') : value;
}

/**
 * Serialises a value to JSON that every store accepts: NUL characters and lone surrogates (e.g. half an
 * emoji left by a text cut) become U+FFFD, because PostgreSQL jsonb rejects them and a turn must not fail on them.
 */
export function toStorableJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('cannot store undefined');
  return UNSTORABLE.test(text) ? JSON.stringify(value, storable) : text;
}

/** A deep copy of value as it will read back from storage (Dates become strings, undefined fields vanish). */
export function toStoredCopy<T>(value: T): T {
  return JSON.parse(toStorableJson(value)) as T;
}

/** A deep copy of a value read back from a store (already storable): a JSON round trip, without toStoredCopy's scan. */
export function copyOfStored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
