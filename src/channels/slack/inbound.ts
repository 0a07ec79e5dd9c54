/** Reading Slack events: which posts deskbot answers, and how they map to conversations and messages. */
import type { SlackPostEvent } from './payload-shapes.js';
import type { FileRef } from '../../cases/types.js';
import { readableSlackText } from './escape.js';

/** Subtypes that are still a person's post; every other subtype (edits, deletions, joins, bot posts) is skipped. */
const USER_SUBTYPES = new Set(['file_share', 'thread_broadcast']);

/** True when the event is a person's new post (not an edit, deletion, join notice or a bot's post). */
export function isUserPost(event: SlackPostEvent, botUserId: string | undefined): boolean {
  if (event.subtype !== undefined && !USER_SUBTYPES.has(event.subtype)) return false;
  if (event.bot_id || !event.user) return false;
  return event.user !== botUserId;
}

/** True for direct-message channels (`D…`), where every post is for the bot. */
export function isDirectChannel(channel: string, channelType?: string): boolean {
  return channelType === 'im' || channel.startsWith('D');
}

/** The id of a post, the same whether it arrives as `message` or as `app_mention`. */
export function postId(channel: string, ts: string): string {
  return `${channel}:${ts}`;
}

/** The thread a post replies in, if it is a reply (a thread's parent has thread_ts === ts). */
export function threadOf(event: Pick<SlackPostEvent, 'ts' | 'thread_ts'>): string | undefined {
  return event.thread_ts && event.thread_ts !== event.ts ? event.thread_ts : undefined;
}

/**
 * The conversation a post belongs to. DMs are one conversation per DM channel (a reply in a DM thread
 * joins the DM's conversation and is answered in the DM); in channels a thread is the conversation.
 */
export function conversationOf(channel: string, direct: boolean, threadTs: string | undefined, ts: string): string {
  return direct ? channel : `${channel}:${threadTs ?? ts}`;
}

/** Where to post to reach a conversation: the channel, and the thread in channels. */
export function parseConversationId(id: string): { channel: string; threadTs?: string } {
  const i = id.indexOf(':');
  return i < 0 ? { channel: id } : { channel: id.slice(0, i), threadTs: id.slice(i + 1) };
}

/** True when the text mentions the bot user. */
export function mentionsBot(text: string | undefined, botUserId: string | undefined): boolean {
  return !!botUserId && !!text && new RegExp(`<@${escapeRegExp(botUserId)}(\\|[^>]*)?>`).test(text);
}

/** The post's text as the user meant it: the bot's mention removed, entities and mentions made readable. */
export function postText(text: string | undefined, botUserId: string | undefined): string {
  let t = text ?? '';
  if (botUserId) t = t.replace(new RegExp(`<@${escapeRegExp(botUserId)}(\\|[^>]*)?>`, 'g'), ' ');
  return readableSlackText(t).replace(/[ \t]{2,}/g, ' ').trim();
}

/** The files shared with a post, as the core keeps them (the permalink is what agents can open). */
export function filesOf(event: Pick<SlackPostEvent, 'files'>): FileRef[] | undefined {
  if (!event.files?.length) return undefined;
  return event.files.map((f) => ({ id: f.id, name: f.name ?? f.title ?? f.id ?? 'file', url: f.permalink }));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
