/** Slack settings read from the environment, validated with errors that name the variable to fix. */
import { z } from 'zod';
import { ConfigError } from '../../config.js';

/** How the Slack adapter connects: Socket Mode (no public URL) or HTTP (Events API endpoint). */
export type SlackMode = 'socket' | 'http';

/** Retry policy of Web API calls (429 honours Retry-After; 5xx and connection errors back off). */
export interface SlackRetryPolicy {
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

/** Everything the Slack adapter needs. */
export interface SlackConfig {
  /** Bot token (`xoxb-…`). */
  botToken: string;
  mode: SlackMode;
  /** App-level token (`xapp-…`) with `connections:write`, for Socket Mode. */
  appToken?: string;
  /** Signing secret, for HTTP mode (requests are verified with it). */
  signingSecret?: string;
  /** HTTP mode's listening port (0 picks a free one). */
  port: number;
  /** HTTP mode's listening address (all interfaces when unset). */
  host?: string;
  /** Web API base URL (`https://slack.com/api/` by default; a local fake in tests). */
  apiUrl?: string;
  /** User group (`S…`) whose members may act on cases besides the agents' channel members. */
  agentUsergroup?: string;
  retry?: SlackRetryPolicy;
  /** How long one Web API request may take before it is given up (default 20 s). */
  timeoutMs?: number;
  /**
   * HTTP mode: answer Slack only once the turn is handled (Bolt's processBeforeResponse), for hosts that
   * freeze a process after its response and for tests that wait on the response. Off by default: Slack
   * is acknowledged at once, so a slow turn (a 429 being waited out) never makes Slack retry or show an error.
   */
  processBeforeResponse?: boolean;
}

/** The default retry policy: four tries in a few seconds, so a turn is never held up for minutes. */
export const DEFAULT_RETRY: SlackRetryPolicy = { retries: 3, minTimeoutMs: 300, maxTimeoutMs: 4000 };

const text = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const schema = z
  .object({
    SLACK_BOT_TOKEN: text,
    SLACK_MODE: text.pipe(z.enum(['socket', 'http']).optional()),
    SLACK_APP_TOKEN: text,
    SLACK_SIGNING_SECRET: text,
    SLACK_PORT: text
      .refine((v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) <= 65535), 'must be a port number (0-65535)')
      .transform((v) => (v === undefined ? undefined : Number(v))),
    SLACK_HOST: text,
    SLACK_API_URL: text.pipe(z.url({ protocol: /^https?$/ }).optional()),
    SLACK_AGENT_USERGROUP: text,
  });

/** Problems that depend on the mode (checked even when other variables are invalid, so all are listed at once). */
function modeProblems(env: NodeJS.ProcessEnv): string[] {
  const value = (name: string) => env[name]?.trim() || undefined;
  const problems: string[] = [];
  const bot = value('SLACK_BOT_TOKEN');
  const mode = value('SLACK_MODE') ?? 'socket';
  const app = value('SLACK_APP_TOKEN');
  if (bot?.startsWith('xapp-') && app?.startsWith('xoxb-')) {
    problems.push('SLACK_BOT_TOKEN, SLACK_APP_TOKEN: swapped? SLACK_BOT_TOKEN holds an app-level token (xapp-…) and SLACK_APP_TOKEN a bot token (xoxb-…): exchange them');
    return problems;
  }
  if (!bot) problems.push('SLACK_BOT_TOKEN: required: the bot token (xoxb-…) from OAuth & Permissions');
  else if (bot.startsWith('xapp-')) problems.push('SLACK_BOT_TOKEN: holds an app-level token (xapp-…), swapped with SLACK_APP_TOKEN? Use the bot token (xoxb-…) from OAuth & Permissions');
  else if (!bot.startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN: must be a bot token starting with xoxb-');
  if (mode === 'socket' && !app) problems.push('SLACK_APP_TOKEN: required in socket mode: an app-level token (xapp-…) with connections:write');
  else if (app?.startsWith('xoxb-')) problems.push('SLACK_APP_TOKEN: holds a bot token (xoxb-…), swapped with SLACK_BOT_TOKEN? Use an app-level token (xapp-…) from Basic Information');
  else if (mode === 'socket' && app && !app.startsWith('xapp-')) problems.push('SLACK_APP_TOKEN: must be an app-level token starting with xapp-');
  if (mode === 'http' && !value('SLACK_SIGNING_SECRET')) problems.push('SLACK_SIGNING_SECRET: required in http mode: the signing secret from Basic Information');
  return problems;
}

/** Reads the Slack settings from the environment; throws a ConfigError listing every missing or invalid variable. */
export function slackConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SlackConfig {
  const parsed = schema.safeParse(env);
  const problems = [
    ...modeProblems(env),
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.path[0] === 'SLACK_MODE' ? 'use socket or http' : i.message}`)),
  ];
  if (problems.length || !parsed.success) throw ConfigError.of(problems, 'Invalid Slack configuration');
  const e = parsed.data;
  return {
    botToken: e.SLACK_BOT_TOKEN as string,
    mode: e.SLACK_MODE ?? 'socket',
    appToken: e.SLACK_APP_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    port: e.SLACK_PORT ?? 3000,
    host: e.SLACK_HOST,
    apiUrl: e.SLACK_API_URL,
    agentUsergroup: e.SLACK_AGENT_USERGROUP,
  };
}
