/**
 * A string built in a reusable buffer of UTF-16LE code units and made into a string once. Building the masked
 * text by concatenation left a rope node and a slice per label behind, and folding with replace() a string
 * per folded character: for a message full of secrets, more garbage than the rest of masking together.
 * Long strings go in and long ranges are copied with Buffer's native write and copyWithin; short ones (a label,
 * the text between two secrets) unit by unit, which costs less than the call into Buffer.
 */

const KEPT_BYTES = 1 << 16;
let bytes = Buffer.allocUnsafe(KEPT_BYTES);
let length = 0;
// Up to this many units a loop is faster than a call into Buffer's native write or copy.
const SHORT = 16;

/** Starts a new string. The buffer is shared: take one string before starting the next. */
export function startString(): void {
  length = 0;
  // A megabyte message does not keep its megabyte buffer for the rest of the process.
  if (bytes.length > KEPT_BYTES) bytes = Buffer.allocUnsafe(KEPT_BYTES);
}

/** Appends a string. */
export function appendString(s: string): void {
  reserve(s.length);
  if (s.length > SHORT) {
    length += bytes.write(s, length * 2, 'utf16le') / 2;
    return;
  }
  const buffer = bytes;
  let at = length * 2;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    buffer[at++] = unit & 0xff;
    buffer[at++] = unit >>> 8;
  }
  length += s.length;
}

/** Appends a copy of the units [from, to) already in the buffer. */
export function appendCopy(from: number, to: number): void {
  reserve(to - from);
  if (to - from > SHORT) {
    bytes.copyWithin(length * 2, from * 2, to * 2);
  } else {
    const buffer = bytes;
    for (let i = from * 2, at = length * 2; i < to * 2; i++) buffer[at++] = buffer[i];
  }
  length += to - from;
}

/** Replaces the unit at position `at`. */
export function setUnit(at: number, unit: number): void {
  bytes[at * 2] = unit & 0xff;
  bytes[at * 2 + 1] = unit >>> 8;
}

/** The units from position `from` to the end, as a string. */
export function takeString(from: number): string {
  return bytes.toString('utf16le', from * 2, length * 2);
}

function reserve(units: number): void {
  if ((length + units) * 2 <= bytes.length) return;
  const grown = Buffer.allocUnsafe(Math.max(bytes.length * 2, (length + units) * 2));
  bytes.copy(grown, 0, 0, length * 2);
  bytes = grown;
}
