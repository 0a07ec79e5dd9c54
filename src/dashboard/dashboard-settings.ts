/** The dashboard's settings from the environment and `deskbot dashboard`'s flags: where it listens and how operators sign in. */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

/** Where the dashboard listens when DASHBOARD_PORT and --port are not given. */
export const DEFAULT_DASHBOARD_PORT = 3100;

/** Shortest DASHBOARD_TOKEN accepted: a guessable token is refused rather than served. */
export const MIN_TOKEN_LENGTH = 16;

/** How the dashboard runs. */
export interface DashboardSettings {
  host: string;
  port: number;
  /** The operator token to sign in with. */
  token: string;
  /** Whether the token was made up at start (DASHBOARD_TOKEN unset, loopback only): it is printed for the operator. */
  generatedToken: boolean;
  /** The users file (DASHBOARD_USERS_FILE), whose users sign in with a name and a password besides the token. */
  usersFile?: string;
  /** Session cookies are always Secure (DASHBOARD_SECURE_COOKIE=true); otherwise only behind HTTPS (X-Forwarded-Proto). */
  secureCookies: boolean;
}

/** Whether `deskbot start` serves the dashboard beside the bot: DASHBOARD_PORT is set. */
export function servesDashboardBesideBot(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.DASHBOARD_PORT?.trim());
}

/** Whether a listen address only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

/** The settings, or a one-line reason the dashboard must not start. */
export function dashboardSettings(env: NodeJS.ProcessEnv, portFlag?: string): DashboardSettings | string {
  const host = env.DASHBOARD_HOST?.trim() || '127.0.0.1';
  const portText = portFlag ?? env.DASHBOARD_PORT?.trim() ?? '';
  const port = portText === '' ? DEFAULT_DASHBOARD_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return `${portFlag === undefined ? 'DASHBOARD_PORT' : '--port'}: "${portText}" is not a port number (0-65535)`;
  const given = env.DASHBOARD_TOKEN?.trim() ?? '';
  if (given === '' && !isLoopback(host)) {
    return `DASHBOARD_HOST is ${host}, which is not a loopback address: set DASHBOARD_TOKEN (at least ${MIN_TOKEN_LENGTH} characters) before serving the dashboard beyond this machine`;
  }
  if (given !== '' && given.length < MIN_TOKEN_LENGTH) return `DASHBOARD_TOKEN is too short: use at least ${MIN_TOKEN_LENGTH} characters (e.g. openssl rand -hex 24)`;
  const secure = env.DASHBOARD_SECURE_COOKIE?.trim().toLowerCase();
  if (secure !== undefined && secure !== '' && secure !== 'true' && secure !== 'false') return `DASHBOARD_SECURE_COOKIE: "${secure}" is not true or false`;
  return {
    host,
    port,
    token: given || randomBytes(18).toString('base64url'),
    generatedToken: given === '',
    secureCookies: secure === 'true',
    usersFile: env.DASHBOARD_USERS_FILE?.trim() || undefined,
  };
}
