/** Makes user-supplied text inert before the bot posts it: no pings, no broken card formatting. */

const ZWSP = '\u200b';

/**
 * Breaks @everyone/@here and user, role and channel mentions so they render as plain text.
 * `allowedMentions: { parse: [] }` already stops the ping; this also stops the highlight and
 * keeps a relayed "<@&123>" from looking like a real role mention to agents.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(@[!&]?|#)(\d+)>/g, `<${ZWSP}$1$2>`);
}

/**
 * Escapes Discord markdown: emphasis, code, spoilers, masked links, and quotes, headings and lists at
 * a line start. Linear time (discord.js's escapeMarkdown takes seconds on long text).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^([ \t]*)([>#-])(?=[>#-]*\s)/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)\.(?=\s)/gm, '$1\\.');
}

/** User text for an embed field or a name in bold: markdown escaped and mentions neutralised. */
export function escapeUserText(text: string): string {
  return neutralizeMentions(escapeMarkdown(text));
}

// [label](url), [label](<url>) and [label](url "title"): Discord renders these as a link that shows only the label.
const MASKED_LINK = /\[([^[\]\n]{0,256})\]\(\s*<?([^()\s<>]{1,2048})>?(?:\s+"[^"\n]{0,256}")?\s*\)/g;

/**
 * Rewrites Markdown links in relayed user text as their label followed by the real target
 * (`click (<https://evil.example/login>)`), so agents never get a link whose text hides where it goes.
 */
export function revealLinkTargets(text: string): string {
  return (
    text
      .replace(MASKED_LINK, (_whole, label: string, target: string) => `${label} (<${target}>)`)
      // Whatever link syntax is left (a target with parentheses in it) is shown as written, not as a link.
      .replace(/\[(?=[^[\]\n]{0,256}\]\()/g, '\\[')
  );
}
