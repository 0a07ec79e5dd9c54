/** Builders for the Discord API objects the fake sends: users, members, channels, messages, interactions. */

/** A Discord user as the API shows it. */
export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  bot?: boolean;
  discriminator: string;
  avatar: null;
}

/** Any API object the fake stores and returns (channels, messages) as plain JSON. */
export type Json = Record<string, unknown>;

let next = 1_300_000_000_000_000_000n;

/** A fresh snowflake-looking id (19 digits), increasing like Discord's. */
export function snowflake(): string {
  next += 1n;
  return next.toString();
}

/** A user object. */
export function user(id: string, username: string, bot = false): FakeUser {
  return { id, username, global_name: bot ? null : username, discriminator: '0', avatar: null, ...(bot ? { bot: true } : {}) };
}

/** A guild member (without `user`, as MESSAGE_CREATE carries it). */
export function member(roles: string[], nick: string | null = null): Json {
  return { roles, nick, joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, avatar: null, premium_since: null, pending: false };
}

/** A role. */
export function role(id: string, name: string, position: number): Json {
  return { id, name, permissions: '0', position, color: 0, hoist: false, managed: false, mentionable: false, flags: 0, icon: null, unicode_emoji: null };
}

/** A guild text channel. */
export function textChannel(id: string, guildId: string, name: string): Json {
  return { id, type: 0, guild_id: guildId, name, position: 0, permission_overwrites: [], topic: null, nsfw: false, last_message_id: null, rate_limit_per_user: 0, parent_id: null, flags: 0 };
}

/** A forum channel with tags. */
export function forumChannel(id: string, guildId: string, name: string, tags: string[]): Json {
  return {
    id,
    type: 15,
    guild_id: guildId,
    name,
    position: 1,
    permission_overwrites: [],
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    parent_id: null,
    flags: 0,
    available_tags: tags.map((t) => ({ id: snowflake(), name: t, moderated: false, emoji_id: null, emoji_name: null })),
    default_reaction_emoji: null,
    default_sort_order: null,
    default_forum_layout: 0,
  };
}

/** A public thread owned by `ownerId`. */
export function thread(id: string, guildId: string, parentId: string, ownerId: string, name: string, appliedTags: string[] = []): Json {
  const now = new Date().toISOString();
  return {
    id,
    type: 11,
    guild_id: guildId,
    parent_id: parentId,
    owner_id: ownerId,
    name,
    last_message_id: null,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    rate_limit_per_user: 0,
    flags: 0,
    applied_tags: appliedTags,
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: now, locked: false, create_timestamp: now },
  };
}

/** A message object. */
export function message(fields: { id: string; channelId: string; guildId?: string; author: FakeUser; content: string } & Json): Json {
  const { id, channelId, guildId, author, content, ...rest } = fields;
  return {
    id,
    channel_id: channelId,
    ...(guildId ? { guild_id: guildId } : {}),
    author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0,
    flags: 0,
    ...rest,
  };
}

/** An attachment. */
export function attachment(name: string): Json {
  const id = snowflake();
  return { id, filename: name, size: 1024, url: `https://cdn.example/attachments/${id}/${name}`, proxy_url: `https://media.example/attachments/${id}/${name}`, content_type: 'image/png' };
}
