/** The store key of a conversation. */
import type { ChannelName } from '../cases/types.js';

/** The store key of a conversation: `{channel}:{conversation}`. */
export function conversationKey(channel: ChannelName, conversationId: string): string {
  return `${channel}:${conversationId}`;
}
