/**
 * A case card's reference: one string that says where the card is, `{platform}:{channel}:{thread}`, as vercel/chat
 * encodes its thread ids. Slack: the agents' channel and the card message's ts (its replies are the case thread).
 * Discord: the agents' channel or forum and the case thread's id. Console: `console:agents:{case id}`.
 */
import type { ChannelName } from '../cases/types.js';

/** A card reference, decoded. */
export interface CardRef {
  platform: ChannelName;
  /** The channel (or forum) the card was posted in; '' for a reference saved before it named one. */
  channel: string;
  /** What agents reply under: Slack's card message ts, Discord's thread id, the console's case id. */
  thread: string;
}

/** Encodes a card reference, e.g. `slack:C0123:1700000000.000100`. */
export function formatCardRef(ref: CardRef): string {
  return `${ref.platform}:${ref.channel}:${ref.thread}`;
}

/**
 * Decodes a card reference of `platform`, or undefined when it is not one. References saved before they named
 * their channel (Discord's `discord:{thread}`, the console's `console:{case id}`) decode with channel ''.
 */
export function parseCardRef(ref: string | undefined, platform: ChannelName): CardRef | undefined {
  const parts = ref?.split(':') ?? [];
  if (parts[0] !== platform || parts.some((p, i) => p === '' && i !== 1)) return undefined;
  if (parts.length === 3) return { platform, channel: parts[1], thread: parts[2] };
  if (parts.length === 2 && platform !== 'slack') return { platform, channel: '', thread: parts[1] };
  return undefined;
}

/**
 * The forms a reference may have been saved in, newest first: a card saved before references named their channel
 * is found by its thread alone (`discord:{thread}`), so cases opened before the upgrade keep their threads.
 */
export function savedFormsOf(ref: CardRef): string[] {
  const forms = [formatCardRef(ref)];
  if (ref.platform !== 'slack' && ref.channel !== '') forms.push(`${ref.platform}:${ref.thread}`);
  return forms;
}
