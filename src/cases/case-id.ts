/**
 * Case ids users can read aloud and type back: "K7P-4QX". Six characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L, and no U), drawn from a cryptographic source so ids reveal nothing
 * about each other or about how many cases exist.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';

/** The 30 characters a case id is made of. */
export const CASE_ID_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

const GROUP = 3;
const LENGTH = GROUP * 2;
// The largest multiple of the alphabet size below 256: bytes above it are dropped to avoid modulo bias.
const ACCEPT_BELOW = 256 - (256 % CASE_ID_ALPHABET.length);
const MAX_DRAWS = 64;
const CHAR = `[${CASE_ID_ALPHABET}]`;
const CHAR_ANY_CASE = `[${CASE_ID_ALPHABET}${CASE_ID_ALPHABET.toLowerCase().replace(/\d/g, '')}]`;
const EXACT = new RegExp(`^${CHAR}{${GROUP}}-?${CHAR}{${GROUP}}$`);
// In running text, the dash is required and the id stands alone between non-alphanumerics.
const IN_TEXT = new RegExp(`(?<![A-Za-z0-9-])(${CHAR_ANY_CASE}{${GROUP}})-(${CHAR_ANY_CASE}{${GROUP}})(?![A-Za-z0-9-])`, 'g');

/** A new random case id like "K7P-4QX"; `randomBytes` is injectable for tests. */
export function generateCaseId(randomBytes: (n: number) => Uint8Array = nodeRandomBytes): string {
  const chars: string[] = [];
  for (let draw = 0; chars.length < LENGTH; draw++) {
    // A source that only yields rejected bytes (or none) must not hang the bot: fall back to node:crypto.
    const bytes = draw < MAX_DRAWS ? randomBytes(LENGTH * 2) : nodeRandomBytes(LENGTH * 2);
    for (const b of bytes) {
      if (b >= ACCEPT_BELOW) continue;
      chars.push(CASE_ID_ALPHABET[b % CASE_ID_ALPHABET.length]);
      if (chars.length === LENGTH) break;
    }
  }
  return `${chars.slice(0, GROUP).join('')}-${chars.slice(GROUP).join('')}`;
}

/**
 * The canonical form of a typed case id ("k7p4qx", " K7P-4QX ") or null. Look-alikes are not guessed:
 * an "O" or "0" makes the id invalid rather than silently becoming another case.
 */
export function normalizeCaseId(text: string): string | null {
  if (typeof text !== 'string') return null;
  const compact = text.trim().toUpperCase().replace(/\s+/g, '');
  if (!EXACT.test(compact)) return null;
  const bare = compact.replace('-', '');
  return `${bare.slice(0, GROUP)}-${bare.slice(GROUP)}`;
}

/**
 * The first case id mentioned in a message ("K7P-4QX 상태 알려줘"), normalised, or null. Lower-case
 * mentions count only when they contain a digit, so words like "pre-set" are not taken for ids.
 */
export function findCaseIdInText(text: string): string | null {
  if (typeof text !== 'string') return null;
  IN_TEXT.lastIndex = 0;
  for (let m = IN_TEXT.exec(text); m; m = IN_TEXT.exec(text)) {
    const raw = `${m[1]}${m[2]}`;
    const upper = raw === raw.toUpperCase();
    if (upper || /\d/.test(raw)) return normalizeCaseId(raw);
  }
  return null;
}
