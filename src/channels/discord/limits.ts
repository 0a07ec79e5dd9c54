/** Discord's size limits, and helpers that keep messages, embeds and components within them. */
import type { APIEmbed, APIEmbedField } from 'discord.js';

/** Documented limits of the Discord API (characters are counted as UTF-16 units, which never undercounts). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  buttonLabel: 80,
  customId: 100,
  buttonsPerRow: 5,
  selectOptions: 25,
  selectLabel: 100,
  threadName: 100,
} as const;

/** Cuts text to at most `max` characters, ending in … when cut, never inside a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  return `${safeSlice(text, max - 1)}…`;
}

/** Splits message content into chunks of at most `max` characters, preferring line breaks, then spaces. */
export function splitContent(text: string, max: number = LIMITS.content): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 4) cut = safeSlice(rest, max).length;
    const chunk = rest.slice(0, cut).trimEnd();
    if (chunk.length > 0) chunks.push(chunk);
    rest = rest.slice(cut).replace(/^[ \n]+/, '');
  }
  if (rest.trim().length > 0) chunks.push(rest);
  return chunks;
}

/** Keeps an embed within every per-part limit and the 6,000-character total, shortening the description first. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) out.description = truncate(out.description, LIMITS.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, LIMITS.footer) };
  const fields: APIEmbedField[] = (out.fields ?? [])
    .slice(0, LIMITS.embedFields)
    .map((f) => ({ ...f, name: truncate(f.name || '-', LIMITS.fieldName), value: truncate(f.value || '-', LIMITS.fieldValue) }));
  out.fields = fields;
  let over = embedLength(out) - LIMITS.embedTotal;
  if (over > 0 && out.description) {
    out.description = truncate(out.description, Math.max(1, out.description.length - over));
    over = embedLength(out) - LIMITS.embedTotal;
  }
  while (over > 0 && fields.length > 0) {
    fields.pop();
    over = embedLength(out) - LIMITS.embedTotal;
  }
  return out;
}

/** The characters Discord counts towards an embed's 6,000 total. */
export function embedLength(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

function safeSlice(text: string, end: number): string {
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}
