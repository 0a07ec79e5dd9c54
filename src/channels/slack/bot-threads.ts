/**
 * Which channel threads are the bot's conversations (it was mentioned there, or it has replied there), and which
 * DM threads are a case's (started on the bot's receipt or another message naming the case).
 */
import type { webApi } from '@slack/bolt';
import { findCaseIdInText } from '../../cases/case-id.js';
import { createTtlCache } from './ttl-cache.js';

/** Tracks the channel threads the bot takes part in. */
export interface BotThreads {
  /** Records that the bot answers in this thread. */
  remember(channel: string, threadTs: string): void;
  /** True when the bot takes part in the thread; unknown threads (e.g. after a restart) are looked up once. */
  isBotThread(channel: string, threadTs: string, botUserId: string | undefined): Promise<boolean>;
  /** The case a DM thread is about: the case id in the bot's message it replies to, if any (looked up once). */
  caseOfThread(channel: string, threadTs: string, botUserId: string | undefined): Promise<string | undefined>;
}

/** Creates the tracker; a failed lookup counts as "not the bot's thread" and is reported to `onError`. */
export function createBotThreads(client: webApi.WebClient, onError: (what: string, err: unknown) => void): BotThreads {
  // What Slack told us about a thread; the bot's threads are kept a day, then looked up again.
  const known = createTtlCache<true>(86_400_000, 10_000);
  // Negative answers expire: someone may mention the bot in that thread later (which also calls remember()).
  const notOurs = createTtlCache<true>(10 * 60_000, 10_000);
  const key = (channel: string, ts: string) => `${channel}:${ts}`;
  // A message's text never changes the case it names: '' marks a thread that names none.
  const caseOf = createTtlCache<string>(86_400_000, 10_000);
  return {
    async caseOfThread(channel, threadTs, botUserId) {
      const k = key(channel, threadTs);
      const cached = caseOf.get(k);
      if (cached !== undefined) return cached || undefined;
      try {
        const r = await client.conversations.replies({ channel, ts: threadTs, limit: 1 });
        const parent = r.messages?.[0] as { user?: string; bot_id?: string; text?: string } | undefined;
        const byBot = !!parent && ((!!botUserId && parent.user === botUserId) || !!parent.bot_id);
        const id = (byBot && parent?.text && findCaseIdInText(parent.text)) || '';
        caseOf.set(k, id);
        return id || undefined;
      } catch (err) {
        onError('conversations.replies', err);
        return undefined;
      }
    },
    remember(channel, threadTs) {
      known.set(key(channel, threadTs), true);
    },
    async isBotThread(channel, threadTs, botUserId) {
      const k = key(channel, threadTs);
      if (known.get(k)) return true;
      if (notOurs.get(k) || !botUserId) return false;
      try {
        const r = await client.conversations.replies({ channel, ts: threadTs, limit: 1 });
        const parent = r.messages?.[0] as { user?: string; text?: string; reply_users?: string[] } | undefined;
        const ours = !!parent && (parent.user === botUserId || !!parent.reply_users?.includes(botUserId) || !!parent.text?.includes(`<@${botUserId}>`));
        if (ours) known.set(k, true);
        else notOurs.set(k, true);
        return ours;
      } catch (err) {
        onError('conversations.replies', err);
        return false;
      }
    },
  };
}
