/** The `/deskbot` slash command: its definition, and how an invocation maps to the core's command choices. */
import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import { COMMAND_CHOICES } from '../contract.js';

/** Name of the slash command. */
export const COMMAND_NAME = 'deskbot';

/** Longest question `/deskbot ask` accepts (the core answers long text anyway; this keeps the form small). */
const QUESTION_MAX = 1000;

/** The command's JSON as registered with Discord (subcommands help, status, ask [question]). */
export function deskbotCommand(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Customer support: help, your inquiries, a new question')
    .setDescriptionLocalizations({ ko: '고객 지원: 도움말, 내 문의, 새 문의' })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addSubcommand((s) => s.setName('help').setDescription('What the bot can do').setDescriptionLocalizations({ ko: '봇이 할 수 있는 일' }))
    .addSubcommand((s) => s.setName('status').setDescription('The status of your inquiries').setDescriptionLocalizations({ ko: '내 문의 진행 상황' }))
    .addSubcommand((s) =>
      s
        .setName('ask')
        .setDescription('Start a new inquiry')
        .setDescriptionLocalizations({ ko: '새 문의 시작' })
        .addStringOption((o) =>
          o.setName('question').setDescription('Your question').setDescriptionLocalizations({ ko: '궁금한 점' }).setMaxLength(QUESTION_MAX).setRequired(false),
        ),
    )
    .toJSON();
}

/** Name of the message command agents use on a reply in a case thread. */
export const SUGGEST_COMMAND_NAME = 'Suggest as answer';

/** The message context-menu command "Suggest as answer": an agent offers a reply as a good answer for the review inbox. */
export function suggestCommand(): RESTPostAPIContextMenuApplicationCommandsJSONBody {
  return new ContextMenuCommandBuilder()
    .setName(SUGGEST_COMMAND_NAME)
    .setNameLocalizations({ ko: '답변으로 추천' })
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild)
    .toJSON();
}

/** The core's command choice for a subcommand name; undefined for anything unknown. */
export function commandChoice(subcommand: string | null): string | undefined {
  switch (subcommand) {
    case 'help':
      return COMMAND_CHOICES.help;
    case 'status':
      return COMMAND_CHOICES.status;
    case 'ask':
      return COMMAND_CHOICES.newInquiry;
    default:
      return undefined;
  }
}
