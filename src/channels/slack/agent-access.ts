/** Who may act on cases: members of the agents' channel, or of the configured agents' user group. */
import type { webApi } from '@slack/bolt';
import { createTtlCache } from './ttl-cache.js';

/** Answers whether a Slack user may act as an agent in a channel. */
export interface AgentAccess {
  isAgent(userId: string, channel: string): Promise<boolean>;
}

/** Membership lists are cached briefly: a removed agent loses access within a minute. */
const CACHE_MS = 60_000;

/** Creates the access check; lookups that fail deny access (fail closed) and are reported to `onError`. */
export function createAgentAccess(client: webApi.WebClient, usergroup: string | undefined, onError: (what: string, err: unknown) => void): AgentAccess {
  const cache = createTtlCache<Set<string>>(CACHE_MS, 200);

  async function channelMembers(channel: string): Promise<Set<string>> {
    const key = `c:${channel}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const members = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await client.conversations.members({ channel, limit: 1000, cursor });
      for (const m of page.members ?? []) members.add(m);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    cache.set(key, members);
    return members;
  }

  async function groupMembers(group: string): Promise<Set<string>> {
    const key = `g:${group}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const page = await client.usergroups.users.list({ usergroup: group });
    const members = new Set(page.users ?? []);
    cache.set(key, members);
    return members;
  }

  return {
    async isAgent(userId, channel) {
      try {
        if ((await channelMembers(channel)).has(userId)) return true;
      } catch (err) {
        onError('conversations.members', err);
      }
      if (!usergroup) return false;
      try {
        return (await groupMembers(usergroup)).has(userId);
      } catch (err) {
        onError('usergroups.users.list', err);
        return false;
      }
    },
  };
}
