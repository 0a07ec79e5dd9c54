/**
 * Discord traffic into the core: DMs, @mentions (answered in a new thread), messages in the bot's threads,
 * choice presses, /deskbot commands, and agents' replies and buttons in case threads.
 */
import {
  DiscordAPIError,
  MessageFlags,
  RESTJSONErrorCodes,
  Routes,
  type APIThreadChannel,
  type APIInteractionGuildMember,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Collection,
  type GuildMember,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  type Message,
  type Attachment,
  type StringSelectMenuInteraction,
  type ThreadChannel,
  type User,
} from 'discord.js';
import type { Logger } from 'pino';
import type { FileRef } from '../../cases/types.js';
import type { AgentVerb } from '../../cases/types.js';
import { formatCardRef } from '../card-ref.js';
import { findCaseIdInText } from '../../cases/case-id.js';
import { COMMAND_CHOICES, type AgentAction, type InboundHandlers, type InboundMessage } from '../contract.js';
import { parseCaseButton } from './card.js';
import { choiceValue } from './choices.js';
import { COMMAND_NAME, commandChoice, SUGGEST_COMMAND_NAME } from './commands.js';
import { discordTexts } from './discord-texts.js';
import { escapeUserText } from './escape.js';
import { LIMITS, truncate } from './limits.js';
import { NO_PINGS } from './outbound.js';
import { createPressGuard } from '../ui-guard.js';

/** What the inbound side needs. */
export interface DiscordInboundDeps {
  client: Client;
  handlers: InboundHandlers;
  agentRoleId: string;
  logger: Logger;
}

/** Listeners for the client's messageCreate and interactionCreate events. */
export interface DiscordInbound {
  onMessage(m: Message): Promise<void>;
  onInteraction(i: Interaction): Promise<void>;
}

/** Creates the inbound router. */
export function createDiscordInbound({ client, handlers, agentRoleId, logger }: DiscordInboundDeps): DiscordInbound {
  // Dispatches replayed after a resume carry the same message or interaction id, which the core drops (it saves
  // the ids it has handled with each turn); the store's lock orders a conversation's turns. Only double clicks stop here.
  const presses = createPressGuard();
  const botId = () => client.user?.id ?? '';

  async function onMessage(m: Message): Promise<void> {
    if (m.author.bot || m.author.id === botId() || m.system || m.webhookId) return;
    await route(m);
  }

  async function route(m: Message): Promise<void> {
    if (!m.inGuild()) return pushUser(m, m.channelId, m.content, await caseOfReply(m));
    const channel = m.channel;
    if (channel.isThread()) {
      // In a case card's thread this is an agent talking to the user. The core knows the cards: it answers
      // `not-a-case` for any other thread.
      const outcome = await handlers.onAgentAction({
        id: m.id,
        channel: 'discord',
        agent: actor(m.author, m.member, () => m.guild.members.fetch(m.author.id)),
        card: formatCardRef({ platform: 'discord', channel: channel.parentId ?? '', thread: channel.id }),
        verb: 'reply',
        text: m.content,
        ...filesOf(m.attachments),
      });
      if (outcome.kind === 'refused') return refuseInThread(m, outcome.text);
      if (outcome.kind === 'handled') return;
      if (await ownedByBot(channel)) return pushUser(m, channel.id, withoutBotMention(m.content));
      return;
    }
    if (!mentionsBot(m)) return;
    const threadId = await openThread(m);
    if (threadId) await pushUser(m, threadId, withoutBotMention(m.content));
  }

  async function onInteraction(i: Interaction): Promise<void> {
    if (i.isMessageContextMenuCommand() && i.commandName === SUGGEST_COMMAND_NAME) return suggest(i);
    if (i.isChatInputCommand()) {
      const choice = i.commandName === COMMAND_NAME ? commandChoice(i.options.getSubcommand(false)) : undefined;
      if (choice) await slashCommand(i, choice);
      else await unknown(i);
      return;
    }
    if (!i.isButton() && !i.isStringSelectMenu()) return;
    const caseButton = i.isButton() ? parseCaseButton(i.customId) : undefined;
    if (caseButton) return caseAction(i as ButtonInteraction, caseButton.verb, caseButton.caseId);
    const value = choiceValue(i.customId, i.isStringSelectMenu() ? i.values : []);
    if (value !== undefined) await press(i, value);
    else await unknown(i);
  }

  /** A button or command this version does not know (an old release's, or a stale registration): say so instead of "interaction failed". */
  async function unknown(i: ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction): Promise<void> {
    await i.reply({ content: discordTexts(i.locale).unknownAction, flags: MessageFlags.Ephemeral });
  }

  /** The case a DM reply is written to: the case id in the bot's message it replies to (Discord DMs have no threads). */
  async function caseOfReply(m: Message): Promise<string | undefined> {
    if (!m.reference?.messageId) return undefined;
    const replied = await m.fetchReference().catch(() => null);
    return (replied?.author.id === botId() && findCaseIdInText(replied.content)) || undefined;
  }

  async function pushUser(m: Message, conversationId: string, text: string, caseId?: string): Promise<void> {
    await handlers.onMessage({
      ...(caseId ? { caseId } : {}),
      id: m.id,
      channel: 'discord',
      conversationId,
      user: { id: m.author.id, name: displayName(m.author, m.member), isBot: false },
      text,
      ...filesOf(m.attachments),
      ...(m.inGuild() ? publicPlaceOf(m.author) : {}),
    });
  }

  /** A message in a server's thread (which the channel reads): the core moves personal questions to the user's DMs. */
  function publicPlaceOf(user: User): Pick<InboundMessage, 'publicPlace'> {
    return { publicPlace: { openDirect: async () => (await user.createDM()).id } };
  }

  /** Starts a thread on the mentioning message; its id (equal to the message id) is the conversation. */
  async function openThread(m: Message): Promise<string | undefined> {
    const topic = withoutBotMention(m.content).replace(/\s+/g, ' ').trim();
    const name = truncate(topic ? `${displayName(m.author, m.member)}: ${topic}` : displayName(m.author, m.member), LIMITS.threadName);
    try {
      const thread = (await client.rest.post(Routes.threads(m.channelId, m.id), { body: { name, auto_archive_duration: 1440 } })) as APIThreadChannel;
      return thread.id;
    } catch (err) {
      // After a restart the same mention can arrive again: its thread exists and has the message's id.
      if (err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage) return m.id;
      logger.error({ err, channelId: m.channelId }, 'could not start a thread for a mention');
      return undefined;
    }
  }

  /**
   * A thread the bot started for someone's mention: it starts with their message. A case card's thread starts with
   * the bot's card (a forum post's, or the card message it was started on).
   */
  async function isUsersThread(thread: ThreadChannel): Promise<boolean> {
    if (!(await ownedByBot(thread))) return false;
    const starter = await thread.fetchStarterMessage().catch(() => null);
    return starter !== null && starter.author.id !== botId();
  }

  async function ownedByBot(thread: ThreadChannel): Promise<boolean> {
    if (thread.ownerId) return thread.ownerId === botId();
    // A thread known only from a message (not cached from the gateway) has no owner yet: ask for it.
    const fresh = await client.channels.fetch(thread.id, { force: true }).catch(() => null);
    return fresh?.isThread() === true && fresh.ownerId === botId();
  }

  /** The person acting, as the core asks about them: an agent when they have the agent role. */
  function actor(user: User, member: GuildMember | APIInteractionGuildMember | null, fetchMember?: () => Promise<GuildMember>): AgentAction['agent'] {
    return {
      id: user.id,
      name: displayName(user, member),
      isAgent: async () => hasRole(member ?? (await fetchMember?.().catch(() => null)) ?? null, agentRoleId),
    };
  }

  /** A message cannot be answered ephemerally on Discord: the refusal is a reply in the thread, pinging no one. */
  async function refuseInThread(m: Message, text: string): Promise<void> {
    try {
      await m.reply({ content: text, allowedMentions: { ...NO_PINGS, repliedUser: false } });
    } catch (err) {
      logger.warn({ err }, 'could not tell a non-agent that only agents act on cases');
    }
  }

  /** "Suggest as answer" on a reply in a case thread: the core saves it for the review inbox, or says why not. */
  async function suggest(i: MessageContextMenuCommandInteraction): Promise<void> {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const channel = client.channels.cache.get(i.channelId);
    const outcome = await handlers.onAgentAction({
      id: i.id,
      channel: 'discord',
      agent: actor(i.user, i.member),
      card: formatCardRef({ platform: 'discord', channel: (channel?.isThread() && channel.parentId) || '', thread: i.channelId }),
      verb: 'suggest',
      text: i.targetMessage.content,
    });
    await i.editReply(outcome.kind === 'refused' ? outcome.text : discordTexts(i.locale).suggestionSaved);
  }

  async function caseAction(i: ButtonInteraction, verb: AgentVerb, caseId: string): Promise<void> {
    // The card itself is edited by the core's card update; this only acknowledges within Discord's 3 seconds.
    await i.deferUpdate();
    if (!presses.firstPress(`${i.message.id}:${i.customId}:${i.user.id}`)) return;
    const outcome = await handlers.onAgentAction({ id: i.id, channel: 'discord', agent: actor(i.user, i.member), caseId, verb });
    if (outcome.kind === 'refused') await i.followUp({ content: outcome.text, flags: MessageFlags.Ephemeral });
  }

  async function press(i: ButtonInteraction | StringSelectMenuInteraction, value: string): Promise<void> {
    // A second press that arrives before the first one's update removed the components (a double click) is dropped.
    const pressedKey = i.message.id;
    if (!presses.firstPress(pressedKey)) {
      await i.deferUpdate();
      return;
    }
    const label = choiceLabel(i, value);
    const marker = `\n\n**›** ${escapeUserText(label)}`;
    try {
      // Showing the pick and removing the components in the same acknowledgement means it cannot be pressed twice.
      await i.update({ content: truncate(i.message.content || '\u200b', LIMITS.content - marker.length) + marker, components: [] });
    } catch (err) {
      presses.release(pressedKey);
      logger.warn({ err }, 'could not acknowledge a choice; the press is dropped so the user can press again');
      return;
    }
    const user = { id: i.user.id, name: displayName(i.user, i.member), isBot: false };
    await handlers.onMessage({ id: i.id, channel: 'discord', conversationId: i.channelId, user, text: label, choice: value, ...(i.inGuild() ? publicPlaceOf(i.user) : {}) });
  }

  async function slashCommand(i: ChatInputCommandInteraction, choice: string): Promise<void> {
    const t = discordTexts(i.locale);
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const conversationId = await commandConversation(i, choice);
    if (!conversationId) {
      await i.editReply(t.dmClosed);
      return;
    }
    await i.editReply(conversationId === i.channelId ? t.answerHere : t.answerInDm);
    const base: Omit<InboundMessage, 'id' | 'text'> = {
      channel: 'discord',
      conversationId,
      user: { id: i.user.id, name: displayName(i.user, i.member), isBot: false },
      ...(i.inGuild() && conversationId === i.channelId ? publicPlaceOf(i.user) : {}),
    };
    const question = i.options.getString('question')?.trim();
    await handlers.onMessage({ ...base, id: i.id, text: '', choice });
    if (question) await handlers.onMessage({ ...base, id: `${i.id}:question`, text: question });
  }

  /**
   * Where a command is answered: the DM or the bot's thread it was used in, else the user's DMs (never a public
   * channel). A status list always goes to the DMs: a server thread is readable by the whole channel.
   */
  async function commandConversation(i: ChatInputCommandInteraction, choice: string): Promise<string | undefined> {
    if (!i.inGuild()) return i.channelId;
    const channel = client.channels.cache.get(i.channelId);
    if (choice !== COMMAND_CHOICES.status && channel?.isThread() && (await isUsersThread(channel))) return channel.id;
    try {
      return (await i.user.createDM()).id;
    } catch (err) {
      logger.warn({ err }, 'could not open a DM for a slash command');
      return undefined;
    }
  }

  /** Mentioned directly, or through the bot's own managed role (Discord's autocomplete often picks the role). */
  function mentionsBot(m: Message<true>): boolean {
    return m.mentions.users.has(botId()) || m.mentions.roles.some((r) => r.tags?.botId === botId());
  }

  function withoutBotMention(text: string): string {
    const botRoles = client.guilds.cache.flatMap((g) => g.roles.cache.filter((r) => r.tags?.botId === botId())).map((r) => r.id);
    const ids = [`!?${botId()}`, ...botRoles.map((id) => `&${id}`)].join('|');
    return text.replace(new RegExp(`<@(?:${ids})>`, 'g'), '').trim();
  }

  return { onMessage, onInteraction };
}

/** The label of the pressed button or picked option (what the user saw), else the value. */
function choiceLabel(i: ButtonInteraction | StringSelectMenuInteraction, value: string): string {
  if (i.isButton()) return ('label' in i.component && i.component.label) || value;
  return i.component.options.find((o) => o.value === value)?.label ?? value;
}

function hasRole(member: GuildMember | APIInteractionGuildMember | null, roleId: string): boolean {
  if (!member) return false;
  return Array.isArray(member.roles) ? member.roles.includes(roleId) : (member as GuildMember).roles.cache.has(roleId);
}

function displayName(user: User, member: GuildMember | APIInteractionGuildMember | null | undefined): string {
  if (member && 'displayName' in member) return member.displayName;
  return (member && 'nick' in member && member.nick) || user.globalName || user.username;
}

function filesOf(attachments: Collection<string, Attachment>): { files?: FileRef[] } {
  if (attachments.size === 0) return {};
  return { files: attachments.map((a) => ({ id: a.id, name: a.name, url: a.url })) };
}
