/** Escaping of untrusted text for Slack mrkdwn, so user text can neither ping anyone nor break a message. */

/** Zero-width joiner: splits `@here` so that Slack never reads it as a broadcast, while it still looks the same. */
const WORD_JOINER = '\u2060';

/**
 * Escapes text for Slack `text` fields and mrkdwn blocks: `&`, `<`, `>` become entities, so `<!channel>`,
 * `<!here>`, `<!subteam^…>` and `<@U…>` stay literal; plain `@here`/`@channel`/`@everyone` get a word joiner
 * because clients with `link_names` turned on would otherwise still notify.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(here|channel|everyone)\b/gi, `@${WORD_JOINER}$1`);
}

/** Reverses the entity escaping Slack applies to `text` of events (`&amp;`, `&lt;`, `&gt;`). */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Turns the encoded entities of an incoming message into readable text: user and channel mentions
 * become `@name`/`#name` (or the id), links become their label or URL, broadcasts become `@here` etc.
 */
export function readableSlackText(text: string): string {
  const plain = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target, label] = splitOnce(inner, '|');
    if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!subteam^')) return label ?? '@group';
    if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
    return linkText(target, label);
  });
  return unescapeSlackText(plain);
}

/**
 * A link as relayed text: its label alone only when the label is the address; otherwise the label with the
 * real target after it, so no relayed text can hide where a link goes ("click (https://evil.example/login)").
 */
function linkText(target: string, label: string | undefined): string {
  if (label === undefined) return target;
  const bare = (s: string) => s.replace(/^(?:mailto:|tel:|https?:\/\/)/i, '').replace(/\/$/, '');
  return bare(label) === bare(target) ? label : `${label} (${target})`;
}

/** A `<url|label>` link when the URL is plain http(s); otherwise just the escaped label (no javascript: or odd schemes). */
export function mrkdwnLink(url: string | undefined, label: string): string {
  const safeLabel = escapeMrkdwn(label).replace(/\|/g, '¦');
  if (!url || !/^https?:\/\/[^\s<>|]+$/i.test(url)) return safeLabel;
  return `<${url.replace(/&/g, '&amp;')}|${safeLabel}>`;
}

/** Plain text for Block Kit `plain_text` objects, which have hard length limits (75 for buttons, 150 for headers). */
export function plainText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  if (chars.length <= max) return flat || '-';
  return `${chars.slice(0, max - 1).join('')}…`;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
