/** The console's interactive mode: a chat prompt in the terminal (numbers pick offered choices). */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { AgentVerb } from '../../cases/types.js';
import type { InboundHandlers } from '../contract.js';
import { operatorIsAgent } from './protocol.js';
import type { ConsoleOutput } from './console-adapter.js';

const AGENT_COMMAND = /^\/agent\s+(\S+)\s+(claim|resolve|verify|reopen|close|reply|suggest)\s*(.*)$/i;

/** Prints one bot message for a person at a terminal. */
export function printForHuman(out: ConsoleOutput, print: (line: string) => void): void {
  const who = out.to === 'agents' ? `[agents${out.case ? ` · ${out.case}` : ''}]` : 'deskbot';
  print(`${who}> ${out.text}`);
  // Numbers pick a user's choices; an agent's actions are commands to type.
  if (out.to === 'agents') out.choices.forEach((c) => print(`   ${c.label}`));
  else out.choices.forEach((c, i) => print(`   ${i + 1}. ${c.label}`));
}

/** Runs the prompt until the user types /quit or input ends (piped input is read line by line too). */
export async function runInteractive(handlers: InboundHandlers, userId: string, print: (line: string) => void): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  print('deskbot console — type your question (Korean or English). Numbers pick a choice.');
  print('Agents: /agent CASE-ID claim|verify|resolve|reopen|close, /agent CASE-ID reply TEXT, /agent CASE-ID suggest TEXT (a good answer for the review inbox). Quit: /quit');
  rl.setPrompt('you> ');
  rl.prompt();
  try {
    for await (const line of rl) {
      if (line.trim() === '/quit') break;
      const agent = AGENT_COMMAND.exec(line.trim());
      if (agent) {
        const verb = agent[2].toLowerCase() as AgentVerb;
        await handlers.onAgentAction({ id: randomUUID(), channel: 'console', agent: { id: 'console-agent', isAgent: operatorIsAgent }, caseId: agent[1].toUpperCase(), verb, text: agent[3] || undefined });
      } else {
        await handlers.onMessage({ id: randomUUID(), channel: 'console', conversationId: userId, user: { id: userId, isBot: false }, text: line });
      }
      rl.prompt();
    }
  } finally {
    rl.close();
    print('');
  }
}
