/** Discord settings read from the environment, validated with errors that name the missing variable. */
import { z } from 'zod';
import { ConfigError } from '../../config.js';

const snowflake = (name: string, what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `missing: set ${name} to ${what}` : 'must be text') })
    .trim()
    .regex(/^\d{15,21}$/, `must be a Discord id (15-21 digits): ${what}`);

/** The shape of a Discord bot token: base64 user id, timestamp and HMAC, separated by dots (never checked beyond that). */
const BOT_TOKEN = /^[A-Za-z0-9_-]{17,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{20,}$/;

const credentialsShape = {
  DISCORD_TOKEN: z
    .string({ error: (issue) => (issue.input === undefined ? 'missing: set DISCORD_TOKEN to the bot token (Developer Portal → Bot → Reset Token)' : 'must be text') })
    .trim()
    .min(1, 'is empty: set it to the bot token')
    .refine((t) => !/^Bot\s/i.test(t), 'remove the "Bot " prefix: set DISCORD_TOKEN to the token alone')
    .refine(
      (t) => /^Bot\s/i.test(t) || BOT_TOKEN.test(t),
      'does not look like a bot token (three parts separated by dots, from Developer Portal → Bot → Reset Token); the client secret or the application id will not work',
    ),
  DISCORD_APPLICATION_ID: snowflake('DISCORD_APPLICATION_ID', 'the application id (Developer Portal → General Information)'),
  DISCORD_API_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/\/+$/, '') : undefined))
    .pipe(z.url('must be a URL such as http://127.0.0.1:8080/api').optional()),
};

const credentialsSchema = z.object(credentialsShape);
const adapterSchema = z.object({
  ...credentialsShape,
  DISCORD_AGENT_ROLE_ID: snowflake('DISCORD_AGENT_ROLE_ID', 'the id of the role allowed to act on cases (Server Settings → Roles → Copy Role ID)'),
});

/** What the Discord adapter needs to connect and to decide who is an agent. */
export interface DiscordConfig {
  token: string;
  applicationId: string;
  /** Members with this role may claim, verify, resolve and answer cases. */
  agentRoleId: string;
  /** REST base URL without the version (`.../api`); set only to talk to a local fake. */
  apiUrl?: string;
}

/** The subset of DiscordConfig the slash-command registration needs. */
export type DiscordCredentials = Pick<DiscordConfig, 'token' | 'applicationId' | 'apiUrl'>;

/** Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_AGENT_ROLE_ID and optional DISCORD_API_URL; throws ConfigError naming each problem. */
export function discordConfigFromEnv(env: NodeJS.ProcessEnv): DiscordConfig {
  const e = parseOrThrow(adapterSchema, env);
  return { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, agentRoleId: e.DISCORD_AGENT_ROLE_ID, apiUrl: e.DISCORD_API_URL };
}

/** Reads only what registering the slash command needs (no agent role). */
export function discordCredentialsFromEnv(env: NodeJS.ProcessEnv): DiscordCredentials {
  const e = parseOrThrow(credentialsSchema, env);
  return { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, apiUrl: e.DISCORD_API_URL };
}

function parseOrThrow<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  // Only variable names and our own messages are printed: never the values (one of them is the token).
  throw ConfigError.of(
    parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    'Invalid Discord configuration',
  );
}
