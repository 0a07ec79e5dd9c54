/**
 * Sends what turns committed, in order, through each platform's adapter: a new case card's reference is saved
 * with its case, and relays and notices without one get it on their way out.
 */
import type { Logger } from 'pino';
import type { ChannelName } from '../cases/types.js';
import type { ChannelAdapter, Delivery, PendingDelivery, PostedCard, TurnMeta, UserAddress } from '../channels/contract.js';
import { restoreState } from '../dialog/state.js';
import type { Store } from '../store/port.js';
import { turnMeta } from './turn-meta.js';

/** How long a delivery key is kept, and how far back recovery looks for unsent messages. */
const DELIVERY_MEMORY_SECONDS = 86_400;

/** What the sender needs. */
export interface SenderDeps {
  store: Store;
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>;
  clock: () => Date;
  logger: Logger;
}

/** The core's outgoing side. */
export interface Sender {
  /**
   * Sends a turn's committed outbox and claims `delivered:{id}` for each delivery sent; `turn` is shown first to an
   * adapter that describes turns. Runs under the lock of the conversation that committed it, like every write to
   * its cases, so the cases in its cards are their saved versions.
   */
  send(outbox: PendingDelivery[], turn?: { address: UserAddress; meta: TurnMeta }): Promise<void>;
  /** Sends what recent turns committed but a crash kept from going out (once the adapters are started). */
  deliverPending(): Promise<void>;
  /** Hands one delivery that nothing committed (a reply to a failed turn, a view) straight to its adapter. */
  deliverNow(delivery: Delivery): Promise<PostedCard | undefined>;
}

/** Creates the sender. */
export function createSender({ store, adapters, clock, logger }: SenderDeps): Sender {
  /**
   * Sends deliveries in order. `recovering` (after a restart) claims each one before sending instead of after, so
   * two processes recovering at once never both send one.
   */
  async function sendAll(outbox: PendingDelivery[], recovering: boolean): Promise<void> {
    // Cards posted by this send, by case and platform: the relays and notices after them go into their threads.
    const posted = new Map<string, string>();
    for (const { id, delivery } of outbox) {
      const claim = () => store.conversations.once(`delivered:${id}`, DELIVERY_MEMORY_SECONDS);
      if (recovering && !(await claim())) continue;
      const card = await deliverNow(await withCard(delivery, posted, recovering));
      if (card && delivery.to === 'agents' && delivery.message.kind === 'card' && !delivery.message.update) {
        const caseId = delivery.message.case.id;
        posted.set(`${caseId}:${delivery.destination.channel}`, card.ref);
        await saveCard(caseId, delivery.destination.channel, card);
      }
      if (!recovering) await claim().catch((err: unknown) => logger.error({ err }, 'could not record a sent delivery'));
    }
  }

  /**
   * Saves a posted card's reference and link with its case. The case is read from the store, not taken from the
   * card: the card shows it as agents see it (identifiers masked), which must never be written back. Nothing else
   * writes the case while the turn holds the conversation's lock, so the read is the version the turn committed.
   */
  async function saveCard(caseId: string, channel: ChannelName, card: PostedCard): Promise<void> {
    try {
      const saved = await store.cases.get(caseId);
      if (!saved) return;
      const cardLinks = card.link ? { ...saved.cardLinks, [channel]: card.link } : saved.cardLinks;
      await store.commit({ cases: [{ ...saved, cardRefs: { ...saved.cardRefs, [channel]: card.ref }, ...(cardLinks ? { cardLinks } : {}) }] });
    } catch (err) {
      logger.error({ err, caseId }, 'could not save the reference of a posted case card');
    }
  }

  /**
   * A relay or notice committed before its case had a card reference gets the one this send just posted. After a
   * restart the card may have been posted by the process that crashed: only then is the case read for it.
   */
  async function withCard(delivery: Delivery, posted: ReadonlyMap<string, string>, recovering: boolean): Promise<Delivery> {
    if (delivery.to !== 'agents' || delivery.message.kind === 'card' || delivery.message.card) return delivery;
    const { caseId } = delivery.message;
    let card = posted.get(`${caseId}:${delivery.destination.channel}`);
    if (!card && recovering) {
      const saved = await store.cases.get(caseId).catch((err: unknown) => logger.error({ err }, 'could not read the card of a case'));
      card = saved?.cardRefs[delivery.destination.channel];
    }
    return card ? { ...delivery, message: { ...delivery.message, card } } : delivery;
  }

  async function deliverNow(delivery: Delivery): Promise<PostedCard | undefined> {
    const channel = delivery.to === 'agents' ? delivery.destination.channel : delivery.to === 'user' ? delivery.address.channel : delivery.channel;
    const adapter = adapters.get(channel);
    if (!adapter) {
      logger.warn({ channel, to: delivery.to }, 'no adapter for this delivery');
      return undefined;
    }
    try {
      return (await adapter.deliver(delivery)) ?? undefined;
    } catch (err) {
      logger.error({ err, channel, to: delivery.to }, 'delivery failed');
      return undefined;
    }
  }

  return {
    async send(outbox, turn) {
      if (turn) adapters.get(turn.address.channel)?.describeTurn?.(turn.address, turn.meta);
      await sendAll(outbox, false);
    },
    async deliverPending() {
      const since = new Date(clock().getTime() - DELIVERY_MEMORY_SECONDS * 1000).toISOString();
      for (const record of await store.conversations.updatedSince(since)) {
        if (!restoreState(record.state)?.outbox?.length) continue;
        await store.conversations.lock(record.id, async () => {
          const state = restoreState((await store.conversations.get(record.id))?.state);
          if (!state?.outbox?.length) return;
          // The conversation as its last turn left it, for the adapter that shows turns.
          const address: UserAddress = { channel: state.channel, conversationId: state.conversationId, userId: state.userId };
          adapters.get(state.channel)?.describeTurn?.(address, turnMeta(state, state.caseId));
          await sendAll(state.outbox, true);
        });
      }
    },
    deliverNow,
  };
}
