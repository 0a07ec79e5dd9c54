/**
 * Moving a conversation from a public thread to the user's direct conversation with the bot, when the dialog
 * starts a form that asks personal details there (src/dialog/privacy.ts). The DM takes the form over unless it is
 * busy with another inquiry; when no DM can be opened or it is busy, the public thread is told instead.
 */
import type { Logger } from 'pino';
import type { InboundMessage, PendingDelivery, UserAddress } from '../channels/contract.js';
import { initialState, restoreState, type DialogState } from '../dialog/state.js';
import type { Reply, StepResult } from '../dialog/step.js';
import { texts } from '../dialog/texts.js';
import type { TurnLogEntry } from '../insight/turn-log-entry.js';
import type { ConversationRecord, Store } from '../store/port.js';
import { conversationKey } from './conversation-key.js';
import type { Sender } from './sender.js';
import { turnMeta } from './turn-meta.js';

/** Phases in which a conversation has an inquiry of its own in progress: a move would take it over. */
const BUSY: ReadonlySet<DialogState['phase']> = new Set(['collecting', 'confirming', 'handed_off', 'feedback']);

/** Where the conversation goes on in private: the DM's address, or why it cannot. */
type DirectPlace = { address: UserAddress } | { unavailable: true };

/** What the move needs from the core. */
export interface PrivateMoveDeps {
  store: Store;
  sender: Sender;
  clock: () => Date;
  logger: Logger;
  /** The replies as deliveries to an address. */
  toUser(address: UserAddress, replies: Reply[]): PendingDelivery[];
}

/** A turn that must go private, carried out: (message, the public conversation's store key, its seen ids, the step's result, its turn-log entry). */
export type PrivateMove = (message: InboundMessage, key: string, seen: string[], result: StepResult, turn: TurnLogEntry) => Promise<void>;

/**
 * Creates the move: the user's DM takes the form over under its own lock, committed together with the public
 * thread's turn; or the thread says why it cannot go on in public. Runs under the public conversation's lock.
 */
export function createPrivateMove({ store, sender, clock, logger, toUser }: PrivateMoveDeps): PrivateMove {
  return async (message, key, seen, result, turn) => {
    const moved = result.private as NonNullable<StepResult['private']>;
    const here: UserAddress = { channel: message.channel, conversationId: message.conversationId, userId: message.user.id };
    const place = await openDirectPlace(message, logger);
    const commit = async (publicReplies: Reply[], dm?: { key: string; address: UserAddress; state: DialogState }) => {
      const updatedAt = clock().toISOString();
      const outbox = toUser(here, publicReplies);
      const dmOutbox = dm ? toUser(dm.address, moved.replies) : [];
      const conversations: ConversationRecord[] = [{ id: key, state: { ...result.state, seen, outbox }, updatedAt }];
      if (dm) conversations.push({ id: dm.key, state: { ...dm.state, outbox: dmOutbox }, updatedAt });
      await store.commit({ conversations, turns: [turn] });
      await sender.send(outbox, { address: here, meta: turnMeta(result.state, null, result.decided) });
      if (dm) await sender.send(dmOutbox, { address: dm.address, meta: turnMeta(dm.state, null, result.decided) });
    };
    if ('unavailable' in place) return commit(repliesWithoutMove(result, 'unavailable'));
    const dmKey = conversationKey(place.address.channel, place.address.conversationId);
    await store.conversations.lock(dmKey, async () => {
      const dm = movedState(moved, place.address, restoreState((await store.conversations.get(dmKey))?.state), result.state.lang);
      if (!dm) return commit(repliesWithoutMove(result, 'busy'));
      await commit(result.replies, { key: dmKey, address: place.address, state: dm });
    });
  };
}

/** Opens the user's DM for a turn that must go private (a failure is logged and leaves the turn public). */
async function openDirectPlace(message: InboundMessage, logger: Logger): Promise<DirectPlace> {
  try {
    const conversationId = await (message.publicPlace as NonNullable<InboundMessage['publicPlace']>).openDirect();
    return { address: { channel: message.channel, conversationId, userId: message.user.id } };
  } catch (err) {
    logger.warn({ err, channel: message.channel }, 'could not open a direct conversation to go on in private');
    return { unavailable: true };
  }
}

/** The public thread's replies when the move cannot happen: its last reply (where it would have pointed to the DM) says why. */
function repliesWithoutMove(result: StepResult, why: 'unavailable' | 'busy'): Reply[] {
  const tx = texts(result.state.lang);
  const text = !result.private?.state ? tx.statusNeedsDirect : why === 'busy' ? tx.directBusy : tx.directUnavailable;
  return [...result.replies.slice(0, -1), { text }];
}

/**
 * The DM's state after the move, or undefined when the DM is busy with an inquiry of its own. Replies alone (a
 * status answer) leave the DM's conversation as it is.
 */
function movedState(moved: NonNullable<StepResult['private']>, to: UserAddress, dm: DialogState | undefined, lang: DialogState['lang']): DialogState | undefined {
  if (!moved.state) return { ...(dm ?? initialState(to.channel, to.conversationId, to.userId, lang)), outbox: undefined };
  if (dm && BUSY.has(dm.phase)) return undefined;
  return { ...moved.state, channel: to.channel, conversationId: to.conversationId, userId: to.userId, seen: dm?.seen, outbox: undefined };
}
