/**
 * `deskbot user forget --channel CH --user ID`: erases one person from the store, for deletion requests under
 * Korean privacy law (개인정보보호법) and the GDPR. Their conversations are deleted; their cases and the turn log
 * keep no text, file or id of theirs, but stay, so that counts and statistics are unchanged.
 */
import { CHANNEL_NAMES, isChannelName } from '../cases/types.js';
import { loadConfig } from '../config.js';
import { parseStoreFlags } from '../store/command-flags.js';
import { openExistingStore } from '../store/open-store.js';

const USAGE = 'usage: deskbot user forget --channel slack|discord|console --user ID [--data DIR] [--database-url URL] [--schema NAME]';
const OPTIONS = ['channel', 'user', 'data', 'database-url', 'schema'];

/** Runs the command: one line saying what was erased on out, problems on err; returns the exit code (0 done, 1 failed, 2 usage). */
export async function runUserForgetCommand(args: string[], out: (line: string) => void, env: NodeJS.ProcessEnv = process.env, err: (line: string) => void = out): Promise<number> {
  const flags = parseStoreFlags(args, OPTIONS);
  if (typeof flags === 'string') {
    err(`deskbot user forget: ${flags}\n${USAGE}`);
    return 2;
  }
  const channel = flags.channel;
  if (!isChannelName(channel)) {
    err(`deskbot user forget: --channel must be one of ${CHANNEL_NAMES.join(', ')}${channel ? `, not "${channel}"` : ''}\n${USAGE}`);
    return 2;
  }
  const userId = flags.user?.trim();
  if (!userId) {
    err(`deskbot user forget: --user needs the person's user id on ${channel}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(env);
  const store = await openExistingStore({ dataDir: flags.data ?? config.dataDir, databaseUrl: flags['database-url'] ?? config.databaseUrl, schema: flags.schema });
  if (typeof store === 'string') {
    err(`deskbot user forget: ${store}`);
    return 1;
  }
  try {
    const erased = await store.forgetUser(channel, userId);
    const turns = await store.turns.forgetUser(channel, userId);
    if (erased.conversations + erased.cases + turns === 0) {
      out(`nothing stored for ${channel} user ${userId}`);
      return 0;
    }
    out(
      `forgot ${channel} user ${userId}: ${plural(erased.conversations, 'conversation')} deleted; ${plural(erased.cases, 'case')} (${plural(erased.events, 'event')}) and ${plural(turns, 'turn-log entry', 'turn-log entries')} kept without their text or id`,
    );
  } finally {
    await store.close();
  }
  return 0;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
