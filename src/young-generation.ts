/**
 * The bot's own V8 setting: the young generation of a long-running command stays at its initial size. Imported by
 * bin/deskbot.js before the rest of deskbot, so that nothing has been allocated yet.
 */
import { setFlagsFromString } from 'node:v8';

/** The commands that run the bot until it is stopped. */
const LONG_RUNNING = new Set(['chat', 'start']);

/**
 * Stops V8 from growing the young generation's two semi-spaces past their initial 1 MB when `command` runs the bot.
 * Loading deskbot's code and its knowledge base keeps most of what it allocates, which makes V8 grow them to 16 MB
 * each; a bot that then mostly waits collects too rarely to shrink them again, and the sentence encoder's first
 * start comes on top. V8 reads the growth factor at each collection, so setting it at run time takes effect. Short
 * commands (stats, benchmarks) keep V8's default, which is about 5% faster for work that allocates a lot.
 * Returns whether it applied the setting.
 */
export function keepYoungGenerationSmall(command: string | undefined): boolean {
  if (command === undefined || !LONG_RUNNING.has(command)) return false;
  setFlagsFromString('--semi-space-growth-factor=1');
  return true;
}
