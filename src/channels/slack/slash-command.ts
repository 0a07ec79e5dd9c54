/** `/deskbot [help | status | new]` (and the Korean words for them): which of the core's command choices it is. */
import { COMMAND_CHOICES } from '../contract.js';

const SUBCOMMANDS: Record<string, string> = {
  help: COMMAND_CHOICES.help,
  '도움말': COMMAND_CHOICES.help,
  status: COMMAND_CHOICES.status,
  '상태': COMMAND_CHOICES.status,
  new: COMMAND_CHOICES.newInquiry,
  '새문의': COMMAND_CHOICES.newInquiry,
};

/** The choice the command's first word names; help for anything else. */
export function slashCommandChoice(text: string | undefined): string {
  const word = (text ?? '').trim().split(/\s+/)[0].toLowerCase();
  return SUBCOMMANDS[word] ?? COMMAND_CHOICES.help;
}
