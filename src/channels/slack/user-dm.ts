/** A user's DM with the bot: opening it, and what a post made in a channel carries so the core can reach the user privately. */
import type { webApi } from '@slack/bolt';
import type { InboundMessage } from '../contract.js';

/** The id of the user's DM with the bot (opened if needed). */
export async function openDirectChannel(client: webApi.WebClient, userId: string): Promise<string> {
  const dm = await client.conversations.open({ users: userId });
  if (!dm.channel?.id) throw new Error('conversations.open returned no channel');
  return dm.channel.id;
}

/** A post in a channel (a thread others read): the core moves personal questions to the user's DM. */
export function publicPlaceOf(client: () => webApi.WebClient, userId: string): Pick<InboundMessage, 'publicPlace'> {
  return { publicPlace: { openDirect: () => openDirectChannel(client(), userId) } };
}
