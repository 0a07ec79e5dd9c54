/** The console's interactive mode: a chat prompt in the terminal (numbers pick offered choices). */
import { randomUUID } from 'node:crypto';
import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { AgentVerb } from '../../cases/types.js';
import { COMMAND_CHOICES, type InboundHandlers } from '../contract.js';
import { operatorIsAgent } from './protocol.js';
import type { ConsoleOutput } from './console-adapter.js';
import { createPasteJoiner } from './paste-joiner.js';

const AGENT_COMMAND = /^\/agent\s+(\S+)\s+(claim|resolve|verify|reopen|close|reply|suggest)(?:\s+([\s\S]*))?$/i;
/** `/case ID text`: the user writes to one of their cases, whatever the conversation is doing. */
const CASE_COMMAND = /^\/case\s+(\S+)\s+([\s\S]+)$/i;
/** The user's own commands, as Slack's and Discord's `/deskbot new|status`. */
const USER_COMMANDS: Record<string, string> = { '/new': COMMAND_CHOICES.newInquiry, '/status': COMMAND_CHOICES.status };

/** What the console's commands are, shown at the start, for /help and after a command it cannot read. */
const USAGE = [
  'Agents: /agent list · /agent CASE-ID claim|verify|resolve|reopen|close · /agent CASE-ID reply TEXT · /agent CASE-ID suggest TEXT (a good answer for the review inbox)',
  'You: /new (a new inquiry, even while a case is open) · /status · /case CASE-ID TEXT (write to one of your cases)',
  'Numbers pick a choice. Quit: /quit',
];

/** Markdown bold (`**x**`) for a terminal: bold where the terminal shows styles, plain text elsewhere. */
export function terminalText(text: string, styled: boolean): string {
  return text.replace(/\*\*([^*\n]+)\*\*/g, styled ? '\u001b[1m$1\u001b[22m' : '$1');
}

/** Prints one bot message for a person at a terminal (`styled`: the terminal shows bold). */
export function printForHuman(out: ConsoleOutput, print: (line: string) => void, styled = false): void {
  const who = out.to === 'agents' ? `[agents${out.case ? ` · ${out.case}` : ''}]` : 'deskbot';
  print(`${who}> ${terminalText(out.text, styled)}`);
  // Numbers pick a user's choices; an agent's actions are commands to type.
  if (out.to === 'agents') out.choices.forEach((c) => print(`   ${c.label}`));
  else out.choices.forEach((c, i) => print(`   ${i + 1}. ${c.label}`));
}

/** What a typed line says to the bot: a user command's choice, text written to a case, or the text. */
export function userMessage(line: string): { text: string; choice?: string; caseId?: string } {
  const command = USER_COMMANDS[line.trim().toLowerCase()];
  if (command) return { text: line.trim(), choice: command };
  const toCase = CASE_COMMAND.exec(line.trim());
  return toCase ? { text: toCase[2], caseId: toCase[1] } : { text: line };
}

/** `/help` and `/agent …` are the console's own commands: never sent to the bot as the user's words. */
function isConsoleCommand(line: string): boolean {
  return /^\/(help|agent)(\s|$)/i.test(line.trim());
}

/** Runs one console command; what it cannot read gets a one-line usage, never a relay. */
async function consoleCommand(line: string, handlers: InboundHandlers, print: (line: string) => void): Promise<void> {
  if (/^\/help$/i.test(line)) return USAGE.forEach((l) => print(l));
  if (/^\/agent\s+list$/i.test(line)) return handlers.onQueueViewOpened('console');
  const agent = AGENT_COMMAND.exec(line);
  const verb = agent?.[2].toLowerCase() as AgentVerb | undefined;
  const text = agent?.[3]?.trim() || undefined;
  if (!agent || !verb) return print(`usage: ${USAGE[0].slice('Agents: '.length)}`);
  if ((verb === 'reply' || verb === 'suggest') && !text) return print(`usage: /agent ${agent[1].toUpperCase()} ${verb} TEXT (the ${verb === 'reply' ? 'reply' : 'answer'} is missing)`);
  const outcome = await handlers.onAgentAction({ id: randomUUID(), channel: 'console', agent: { id: 'console-agent', isAgent: operatorIsAgent }, caseId: agent[1].toUpperCase(), verb, text });
  if (outcome.kind === 'refused') print(`[agents] ${outcome.text}`);
}

/**
 * Where the bot's lines go while a person types: in a terminal, a line that arrives mid-typing (an agent's reply, a
 * reminder) is printed above the prompt, and the prompt is drawn again with what was typed so far.
 */
export interface PromptPrinter {
  print(line: string): void;
  /** The prompt now on screen (undefined when there is none). */
  attach(rl: Interface | undefined): void;
}

/** Creates the printer for stdout. */
export function createPromptPrinter(): PromptPrinter {
  let prompt: Interface | undefined;
  return {
    print(line) {
      if (prompt && process.stdout.isTTY) {
        clearLine(process.stdout, 0);
        cursorTo(process.stdout, 0);
      }
      process.stdout.write(`${line}\n`);
      if (prompt && process.stdout.isTTY) prompt.prompt(true);
    },
    attach(rl) {
      prompt = rl;
    },
  };
}

/** Runs the prompt until the user types /quit or input ends (piped input is read line by line; a terminal's paste is one message). */
export async function runInteractive(handlers: InboundHandlers, userId: string, printer: PromptPrinter): Promise<void> {
  const print = (line: string) => printer.print(line);
  const terminal = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal });
  print('deskbot console — type your question (Korean or English).');
  for (const line of USAGE) print(line);
  // A prompt is for a person at a terminal; piped input gets the replies alone.
  const prompt = terminal ? () => rl.prompt() : () => undefined;
  rl.setPrompt('you> ');
  prompt();
  printer.attach(rl);
  let quit = false;
  const take = async (text: string) => {
    if (text.trim() === '/quit') {
      quit = true;
      rl.close();
    }
    else if (isConsoleCommand(text)) await consoleCommand(text.trim(), handlers, print);
    else await handlers.onMessage({ id: randomUUID(), channel: 'console', conversationId: userId, user: { id: userId, isBot: false }, ...userMessage(text) });
    if (!quit) prompt();
  };
  // Messages are handled one at a time, in the order they were typed.
  let handled = Promise.resolve();
  const joiner = createPasteJoiner((text) => {
    handled = handled.then(() => (quit ? undefined : take(text)));
  });
  try {
    for await (const line of rl) {
      if (terminal) joiner.line(line);
      else await take(line);
      if (quit) break;
    }
    joiner.flush();
    await handled;
  } finally {
    printer.attach(undefined);
    rl.close();
    print('');
  }
}
