/**
 * Start-up failures an operator can fix (a token rejected, a platform or database unreachable, a database that
 * does not exist) turned into one line that names the variable to change. Anything else is left as it is.
 */
import type { ChannelAdapter } from './channels/contract.js';

/** A start-up failure explained in one line (the original error is its cause, for the debug log). */
export class StartupError extends Error {
  override readonly name = 'StartupError';
  constructor(line: string, options?: { cause?: unknown }) {
    super(line, options);
  }
}

interface ErrorFacts {
  /** Codes found along the error and its causes (`ECONNREFUSED`, `3D000`, `TokenInvalid`, `slack_webapi_platform_error`). */
  codes: string[];
  /** Slack's `error` field (`invalid_auth`), when Slack answered. */
  slackError?: string;
  /** An HTTP status along the chain (401). */
  status?: number;
  messages: string[];
}

/** Codes, Slack's error and the HTTP status found along an error's `cause` / `original` chain. */
function factsOf(err: unknown): ErrorFacts {
  const facts: ErrorFacts = { codes: [], messages: [] };
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const x = e as { code?: unknown; status?: unknown; data?: { error?: unknown }; message?: unknown; cause?: unknown; original?: unknown; errors?: unknown };
    if (typeof x.code === 'string' || typeof x.code === 'number') facts.codes.push(String(x.code));
    if (typeof x.status === 'number') facts.status ??= x.status;
    if (typeof x.data?.error === 'string') facts.slackError ??= x.data.error;
    if (typeof x.message === 'string') facts.messages.push(x.message);
    queue.push(x.cause, x.original, ...(Array.isArray(x.errors) ? x.errors : []));
  }
  return facts;
}

const NETWORK_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'];
const SLACK_AUTH_ERRORS = ['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type'];

function networkCode(f: ErrorFacts): string | undefined {
  return f.codes.find((c) => NETWORK_CODES.includes(c)) ?? (f.messages.some((m) => /fetch failed/i.test(m)) ? 'no connection' : undefined);
}

/** What to tell the operator when the Slack adapter cannot start; undefined when it is not something they can fix. */
export function explainSlackFailure(err: unknown, settings: { apiUrl?: string; mode: 'socket' | 'http'; port: number }): string | undefined {
  const f = factsOf(err);
  if (f.slackError && SLACK_AUTH_ERRORS.includes(f.slackError)) {
    // The adapter says which step failed: auth.test checks the bot token, apps.connections.open the app-level token.
    const appToken = f.messages.some((m) => m.includes('SLACK_APP_TOKEN'));
    return appToken
      ? `SLACK_APP_TOKEN: Slack rejected the app-level token (${f.slackError}); copy the xapp-… token with connections:write from Basic Information → App-Level Tokens`
      : `SLACK_BOT_TOKEN: Slack rejected the bot token (${f.slackError}); copy the xoxb-… token again from OAuth & Permissions (reinstall the app if it was revoked)`;
  }
  if (f.codes.includes('EADDRINUSE')) return `SLACK_PORT: port ${settings.port} is already in use; stop what listens there or choose another SLACK_PORT`;
  const net = networkCode(f);
  if (net) {
    return settings.apiUrl
      ? `SLACK_API_URL: Slack cannot be reached at ${settings.apiUrl} (${net}); check the address, or unset SLACK_API_URL to use slack.com`
      : `Slack cannot be reached at https://slack.com/api/ (${net}); check this machine's network, DNS and proxy (SLACK_API_URL is unset)`;
  }
  return undefined;
}

/** What to tell the operator when the Discord adapter cannot log in; undefined when it is not something they can fix. */
export function explainDiscordFailure(err: unknown, settings: { apiUrl?: string }): string | undefined {
  const f = factsOf(err);
  if (f.codes.includes('TokenInvalid') || f.status === 401 || f.codes.includes('4004')) {
    return 'DISCORD_TOKEN: Discord rejected the bot token (401 Unauthorized); reset it in Developer Portal → Bot → Reset Token and set DISCORD_TOKEN to the new one';
  }
  if (f.codes.includes('DisallowedIntents') || f.codes.includes('4014')) {
    return 'Discord refused the Message Content intent; turn it on in Developer Portal → Bot → Privileged Gateway Intents (DISCORD_TOKEN belongs to that bot)';
  }
  const net = networkCode(f);
  if (net) {
    return settings.apiUrl
      ? `DISCORD_API_URL: Discord cannot be reached at ${settings.apiUrl} (${net}); check the address, or unset DISCORD_API_URL to use discord.com`
      : `Discord cannot be reached at https://discord.com/api (${net}); check this machine's network, DNS and proxy (DISCORD_API_URL is unset)`;
  }
  return undefined;
}

/** Host, port and database of a PostgreSQL URL, without user or password. */
function whereIs(databaseUrl: string): { at: string; database: string; user: string } {
  try {
    const u = new URL(databaseUrl);
    return { at: `${u.hostname || 'localhost'}:${u.port || '5432'}`, database: decodeURIComponent(u.pathname.slice(1)) || '(default)', user: decodeURIComponent(u.username) || '(default)' };
  } catch {
    return { at: '(unparsable address)', database: '?', user: '?' };
  }
}

/** What to tell the operator when the PostgreSQL store cannot open; undefined when it is not something they can fix. */
export function explainDatabaseFailure(err: unknown, databaseUrl: string): string | undefined {
  const f = factsOf(err);
  const { at, database, user } = whereIs(databaseUrl);
  if (f.codes.includes('3D000')) {
    return `DATABASE_URL: database "${database}" does not exist on ${at}; create it (createdb ${database}) or name an existing one (stock PostgreSQL has "postgres")`;
  }
  if (f.codes.includes('28P01') || f.codes.includes('28000')) {
    const reason = f.codes.includes('28P01') ? 'wrong password' : 'the role does not exist or may not log in from here';
    return `DATABASE_URL: PostgreSQL on ${at} refused the login of user "${user}" (${reason}); check the user name and password in DATABASE_URL`;
  }
  if (f.codes.includes('42501')) return `DATABASE_URL: user "${user}" may not create deskbot's tables in "${database}" on ${at}; grant it CREATE or use the database owner`;
  const net = networkCode(f);
  if (net) return `DATABASE_URL: PostgreSQL cannot be reached at ${at} (${net}); is it running, and are the host and port right?`;
  return undefined;
}

/** The adapter, whose start() failures the operator can fix are thrown as a one-line StartupError. */
export function explainingStartFailures(adapter: ChannelAdapter, explain: (err: unknown) => string | undefined): ChannelAdapter {
  return {
    name: adapter.name,
    async start(handlers) {
      try {
        await adapter.start(handlers);
      } catch (err) {
        const line = explain(err);
        throw line ? new StartupError(line, { cause: err }) : err;
      }
    },
    deliver: (delivery) => adapter.deliver(delivery),
    stop: () => adapter.stop(),
  };
}
