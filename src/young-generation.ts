/**
 * The bot's own V8 setting: while it runs, the young generation stays small. Applied by the CLI before a command's
 * modules are loaded, since loading them is what grows it.
 */
import { setFlagsFromString } from 'node:v8';
import { servesDashboardBesideBot } from './dashboard/dashboard-settings.js';

/**
 * Whether the command keeps a small young generation: `chat`, and `start` unless it also serves the dashboard, whose
 * pages allocate far more (its review page took 172-214 ms with it against 42-44 ms without). Other commands, the
 * dashboard's among them, keep V8's default, which runs them faster.
 */
export function youngGenerationStaysSmall(command: string | undefined, env: NodeJS.ProcessEnv): boolean {
  return command === 'chat' || (command === 'start' && !servesDashboardBesideBot(env));
}

/**
 * Stops V8 from growing the young generation's two semi-spaces any further when the command runs the bot (see
 * youngGenerationStaysSmall); the CLI's own modules have grown them from 1 MB to 4 MB each by then. Loading deskbot and
 * its knowledge base keeps most of what it allocates, which would make V8 grow them to 16 MB each; a bot that then
 * mostly waits collects too rarely to shrink them again, and the sentence encoder's first start comes on top. V8 reads
 * the growth factor at each collection, so setting it at run time takes effect.
 */
export function keepYoungGenerationSmall(command: string | undefined, env: NodeJS.ProcessEnv): void {
  if (youngGenerationStaysSmall(command, env)) setFlagsFromString('--semi-space-growth-factor=1');
}
