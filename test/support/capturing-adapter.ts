/** A channel adapter for core tests that keeps what the core delivers, instead of sending it anywhere. */
import type { ChannelAdapter, Delivery, InboundHandlers } from '../../src/channels/contract.js';

/** A console-named adapter that keeps every delivery and names each new card `console:agents:{case}`. */
export function capturingAdapter(): ChannelAdapter & { delivered: Delivery[]; h(): InboundHandlers } {
  let handlers: InboundHandlers | undefined;
  const delivered: Delivery[] = [];
  return {
    name: 'console',
    delivered,
    async start(h) {
      handlers = h;
    },
    async deliver(d) {
      delivered.push(d);
      if (d.to === 'agents' && d.message.kind === 'card' && !d.message.update) return { ref: `console:agents:${d.message.case.id}` };
      return undefined;
    },
    async stop() {},
    h: () => handlers as InboundHandlers,
  };
}
