/** The Discord channel adapter (discord.js v14): connects the bot, routes traffic in, and never throws platform errors into the core. */
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Logger } from 'pino';
import type { ChannelAdapter, Delivery, PostedCard } from '../contract.js';
import { createLogger, scrubSecrets } from '../../log.js';
import type { DiscordConfig } from './config.js';
import { createDiscordInbound } from './inbound.js';
import { createDiscordOutbound, NO_PINGS, relayContent, type DiscordOutbound } from './outbound.js';

/** Optional collaborators (tests pass a logger). */
export interface DiscordAdapterOptions {
  logger?: Logger;
}

/**
 * Creates the Discord adapter. Needs the privileged Message Content intent (Developer Portal → Bot →
 * Privileged Gateway Intents) to read DMs and mentions. deliver() logs Discord errors and resolves:
 * a failed post must not undo a turn the core has already saved.
 */
export function createDiscordAdapter(config: DiscordConfig, options: DiscordAdapterOptions = {}): ChannelAdapter {
  const logger = options.logger ?? createLogger('discord');
  let client: Client | undefined;
  let outbound: DiscordOutbound | undefined;

  const run = (what: string, task: () => Promise<void>) => {
    task().catch((err: unknown) => logger.error({ err }, `discord ${what} failed`));
  };

  async function send(d: Delivery, out: DiscordOutbound): Promise<PostedCard | undefined> {
    if (d.to === 'user') {
      await out.toUser(d.address, d.message);
      return undefined;
    }
    // Discord has no per-user home view: `/deskbot status` lists a user's cases.
    if (d.to === 'cases-view' || d.to === 'queue-view') return undefined;
    const m = d.message;
    if (m.kind === 'card') return out.card(d.destination, m.case, m.update);
    await out.toCaseThread(m.caseId, m.card, m.kind === 'relay' ? relayContent(m.from, m.text, m.files) : m.text);
    return undefined;
  }

  return {
    name: 'discord',
    async start(handlers) {
      if (client) throw new Error('the Discord adapter is already started');
      const c = new Client({
        intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent],
        // DM channels are not in the cache until a message arrives in them.
        partials: [Partials.Channel],
        allowedMentions: { ...NO_PINGS, repliedUser: false },
        failIfNotExists: false,
        rest: config.apiUrl ? { api: config.apiUrl } : {},
      });
      // Without an error listener, an error inside any listener would kill the process.
      c.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
      guardEventDecoding(c, logger);
      c.on(Events.Warn, (message) => logger.warn({ message: scrubSecrets(message) }, 'discord warning'));
      c.on(Events.ShardDisconnect, (event) => logger.warn({ code: event.code }, 'discord gateway disconnected; reconnecting'));
      c.on(Events.ShardResume, (_id, replayed) => logger.info({ replayed }, 'discord gateway resumed'));
      const inbound = createDiscordInbound({ client: c, handlers, agentRoleId: config.agentRoleId, logger });
      c.on(Events.MessageCreate, (m) => run('message', () => inbound.onMessage(m)));
      c.on(Events.InteractionCreate, (i) => run('interaction', () => inbound.onInteraction(i)));
      // Replies can be due as soon as the first event arrives, so the sender exists before login.
      outbound = createDiscordOutbound(c, logger);
      client = c;
      const ready = new Promise<void>((resolve) => c.once(Events.ClientReady, () => resolve()));
      try {
        await c.login(config.token);
        await ready;
      } catch (err) {
        client = undefined;
        outbound = undefined;
        await c.destroy();
        throw new Error(`Discord login failed: ${scrubSecrets((err as Error).message)}`, { cause: err });
      }
      logger.info({ user: c.user?.tag }, 'discord connected');
    },
    async deliver(d) {
      const out = outbound;
      if (!out) {
        logger.warn('discord delivery while the adapter is stopped: dropped');
        return undefined;
      }
      try {
        return await send(d, out);
      } catch (err) {
        logger.error({ err, to: d.to }, 'discord delivery failed');
        return undefined;
      }
    },
    async stop() {
      const c = client;
      client = undefined;
      outbound = undefined;
      await c?.destroy();
    },
  };
}

/**
 * discord.js turns each gateway event into objects inside its socket handler, where a throw (an event that
 * breaks the spec, such as a button press without its message) ends the process. Each event is decoded
 * under a guard instead: a malformed one is logged with its type and skipped, and the next ones are served.
 */
function guardEventDecoding(c: Client, logger: Logger): void {
  // handlePacket is discord.js's one entry for dispatched events (WebSocketManager); it is not in its typings.
  const manager = c.ws as unknown as { handlePacket(packet?: { t?: string }, shard?: unknown): boolean };
  const decode = manager.handlePacket.bind(manager);
  manager.handlePacket = (packet, shard) => {
    try {
      return decode(packet, shard);
    } catch (err) {
      logger.error({ err, event: packet?.t }, 'discord event could not be decoded; skipped');
      return true;
    }
  };
}
