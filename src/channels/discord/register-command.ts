/** `deskbot discord register [--guild ID]`: registers the /deskbot slash command globally or in one server. */
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { ConfigError } from '../../config.js';
import { scrubSecrets } from '../../log.js';
import { deskbotCommand, suggestCommand } from './commands.js';
import { discordCredentialsFromEnv, type DiscordCredentials } from './config.js';

/** Runs the command with its arguments (after `discord register`); prints what it did (problems through err) and returns the exit code. */
export async function runDiscordRegisterCommand(
  args: string[],
  out: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
  err: (line: string) => void = out,
): Promise<number> {
  let guild: string | undefined;
  let creds: DiscordCredentials;
  try {
    guild = parseArgs(args);
    creds = discordCredentialsFromEnv(env);
  } catch (e) {
    // Reported here rather than thrown, so the exit code does not depend on how the CLI awaits us.
    if (!(e instanceof ConfigError)) throw e;
    err(e.message);
    return 1;
  }
  const rest = new REST(creds.apiUrl ? { api: creds.apiUrl } : {}).setToken(creds.token);
  const route = guild ? Routes.applicationGuildCommands(creds.applicationId, guild) : Routes.applicationCommands(creds.applicationId);
  try {
    const saved = (await rest.put(route, { body: [deskbotCommand(), suggestCommand()] })) as Array<{ id: string; name: string; type?: number }>;
    // Type 3 is a message command: it is in a message's Apps menu, not typed with a slash.
    const names = saved.map((c) => (c.type === 3 ? `"${c.name}" (message menu)` : `/${c.name}`)).join(', ');
    out(guild ? `Registered ${names} in server ${guild}; it is usable there now.` : `Registered ${names} globally; Discord shows it in every server and DM within a few minutes.`);
    return 0;
  } catch (e) {
    const why = e instanceof DiscordAPIError ? `${e.status} ${e.message}` : (e as Error).message;
    err(`Could not register the command: ${scrubSecrets(why)}`);
    return 1;
  }
}

function parseArgs(args: string[]): string | undefined {
  let guild: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== '--guild') throw new ConfigError(`Unknown option: ${args[i]} (usage: deskbot discord register [--guild ID])`);
    guild = args[++i];
    if (!guild || !/^\d{15,21}$/.test(guild)) throw new ConfigError('--guild needs a server id (15-21 digits; Server Settings → Widget, or right-click the server → Copy Server ID)');
  }
  return guild;
}
