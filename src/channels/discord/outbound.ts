/**
 * Everything the bot posts on Discord, through discord.js's REST client (its queue handles rate limits):
 * user replies with choices, case cards (forum posts or a message with a thread), relays and notices.
 */
import {
  ChannelFlags,
  ChannelType,
  Routes,
  channelLink,
  messageLink,
  type APIMessage,
  type APIThreadChannel,
  type Client,
  type ForumChannel,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import type { Logger } from 'pino';
import type { CaseStatus, FileRef, SupportCase } from '../../cases/types.js';
import type { AgentDestination, PostedCard, UserAddress, UserMessage } from '../contract.js';
import { formatCardRef, parseCardRef } from '../card-ref.js';
import { caseCard, caseThreadName } from './card.js';
import { choiceRows } from './choices.js';
import { escapeUserText, neutralizeMentions, revealLinkTargets } from './escape.js';
import { splitContent } from './limits.js';

/** Sent with every message: nothing the bot posts may ping anyone, whatever the text says. */
export const NO_PINGS = { parse: [] as never[] };

/** Forum tags a case's status maps to (matched case-insensitively by name; tags that do not exist are skipped). */
const STATUS_TAGS: readonly CaseStatus[] = ['open', 'claimed', 'resolved', 'closed'];

/** Threads stay visible for a week of inactivity (the longest Discord allows) so agents find them. */
const ARCHIVE_MINUTES = 10080;

/** What the adapter sends on Discord. */
export interface DiscordOutbound {
  /** Posts a reply in a user's DM or thread: split within 2,000 characters, the choices on the last part. */
  toUser(address: UserAddress, message: UserMessage): Promise<void>;
  /** Creates (update=false) or edits a case card; returns the reference and link of a new card. */
  card(destination: AgentDestination, c: SupportCase, update: boolean): Promise<PostedCard | undefined>;
  /** Posts a relayed user message or a notice in the thread of the case card `card` (the core names it). */
  toCaseThread(caseId: string, card: string | undefined, content: string): Promise<void>;
}

/** Creates the sender on a (logged-in or logging-in) discord.js client. */
export function createDiscordOutbound(client: Client, logger: Logger): DiscordOutbound {
  async function post(channelId: string, body: RESTPostAPIChannelMessageJSONBody): Promise<APIMessage> {
    return (await client.rest.post(Routes.channelMessages(channelId), { body: { ...body, allowed_mentions: NO_PINGS } })) as APIMessage;
  }

  async function postChunks(channelId: string, text: string, components: RESTPostAPIChannelMessageJSONBody['components'] = []): Promise<void> {
    const chunks = splitContent(neutralizeMentions(text));
    // Discord refuses a message with neither content nor embeds; choices still need a message to hang on.
    if (chunks.length === 0 && components.length > 0) chunks.push('\u200b');
    for (let i = 0; i < chunks.length; i++) {
      await post(channelId, { content: chunks[i], components: i === chunks.length - 1 ? components : [] });
    }
  }

  async function destinationChannel(target: string): Promise<{ forum: ForumChannel | undefined; guildId: string } | undefined> {
    const channel = await client.channels.fetch(target);
    if (channel?.type === ChannelType.GuildForum) return { forum: channel, guildId: channel.guildId };
    if (channel && channel.isTextBased() && !channel.isThread() && !channel.isDMBased()) return { forum: undefined, guildId: channel.guildId };
    logger.error({ target, type: channel?.type }, 'the agents destination is not a text or forum channel; check ROUTES');
    return undefined;
  }

  function statusTags(forum: ForumChannel, status: CaseStatus, current: readonly string[]): string[] {
    const byStatus = new Map(forum.availableTags.map((t) => [t.name.trim().toLowerCase(), t.id]));
    const statusIds = new Set(STATUS_TAGS.map((s) => byStatus.get(s)).filter((id): id is string => id !== undefined));
    const wanted = byStatus.get(status);
    const kept = current.filter((id) => !statusIds.has(id));
    return wanted ? [...kept, wanted] : kept;
  }

  async function createCard(target: string, forum: ForumChannel | undefined, c: SupportCase): Promise<string> {
    const body = caseCard(c);
    if (forum) {
      let tags = statusTags(forum, c.status, []);
      // A forum that requires a tag refuses untagged posts: without status tags, take its first tag.
      if (tags.length === 0 && forum.flags.has(ChannelFlags.RequireTag) && forum.availableTags.length > 0) tags = [forum.availableTags[0].id];
      const thread = (await client.rest.post(Routes.threads(target), {
        body: {
          name: caseThreadName(c),
          auto_archive_duration: ARCHIVE_MINUTES,
          ...(tags.length ? { applied_tags: tags } : {}),
          message: { ...body, allowed_mentions: NO_PINGS },
        },
      })) as APIThreadChannel;
      // A forum post's starter message has the thread's id: the ref finds both the thread and the card.
      return thread.id;
    }
    const message = await post(target, body);
    try {
      await client.rest.post(Routes.threads(target, message.id), { body: { name: caseThreadName(c), auto_archive_duration: ARCHIVE_MINUTES } });
    } catch (err) {
      logger.error({ err, caseId: c.id }, 'could not start the case thread on the card; relays will fail until it exists');
    }
    // A thread started on a message has that message's id.
    return message.id;
  }

  async function updateCard(target: string, forum: ForumChannel | undefined, c: SupportCase, threadId: string): Promise<void> {
    const cardChannel = forum ? threadId : target;
    await client.rest.patch(Routes.channelMessage(cardChannel, threadId), { body: { ...caseCard(c), allowed_mentions: NO_PINGS } });
    if (!forum) return;
    const cached = client.channels.cache.get(threadId);
    const current = cached?.isThread() ? cached.appliedTags : [];
    const next = statusTags(forum, c.status, current);
    if (next.length !== current.length || next.some((id, i) => id !== current[i])) {
      await client.rest.patch(Routes.channel(threadId), { body: { applied_tags: next } });
    }
  }

  return {
    async toUser(address, message) {
      await postChunks(address.conversationId, message.text, choiceRows(message.choices ?? []));
    },
    async card(destination, c, update) {
      const channel = await destinationChannel(destination.target);
      if (!channel) return undefined;
      if (!update) {
        const thread = await createCard(destination.target, channel.forum, c);
        // A forum post opens by its thread's link; a card in a text channel by its message's, with the thread beside it.
        const link = channel.forum ? channelLink(thread, channel.guildId) : messageLink(destination.target, thread, channel.guildId);
        return { ref: formatCardRef({ platform: 'discord', channel: destination.target, thread }), link };
      }
      // The adapter keeps no case state: the case's own card reference says where its card is.
      const threadId = parseCardRef(c.cardRefs.discord, 'discord')?.thread;
      if (!threadId) {
        logger.warn({ caseId: c.id }, 'no Discord card to update for this case');
        return undefined;
      }
      await updateCard(destination.target, channel.forum, c, threadId);
      return undefined;
    },
    async toCaseThread(caseId, card, content) {
      const threadId = parseCardRef(card, 'discord')?.thread;
      if (!threadId) {
        logger.warn({ caseId }, 'no Discord thread for this case; message not posted');
        return;
      }
      await postChunks(threadId, content);
    },
  };
}

/** A relayed user message as posted in the case thread: the sender in bold, their text inert. */
export function relayContent(from: string, text: string, files: readonly FileRef[] = []): string {
  const lines = [`**${escapeUserText(from)}**: ${revealLinkTargets(text)}`];
  for (const f of files) lines.push(`📎 ${f.url ? `[${escapeUserText(f.name)}](<${f.url}>)` : escapeUserText(f.name)}`);
  return lines.join('\n');
}
