/** Configuration: the environment (and .env) parsed and validated once, with errors that name the variable. */
import { z } from 'zod';
import type { ChannelName } from './cases/types.js';
import type { AgentDestination } from './core/message.js';

const CHANNELS = ['console', 'slack', 'discord'] as const;

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const hourRange = z
  .string()
  .default('9-18')
  .pipe(z.string().regex(/^\d{1,2}-\d{1,2}$/, 'use START-END hours, e.g. 9-18')
  )
  .transform((v) => v.split('-').map(Number) as [number, number])
  .refine(([s, e]) => s >= 0 && e <= 24 && s < e, 'hours must be 0-24 with START < END');

const envSchema = z.object({
  DESKBOT_DATA_DIR: z.string().default('./data'),
  INTENTS_DIR: z.string().default('./intents'),
  DATABASE_URL: optionalText,
  TIME_ZONE: z
    .string()
    .default('Asia/Seoul')
    .refine((tz) => isTimeZone(tz), 'unknown IANA time zone, e.g. Asia/Seoul'),
  BUSINESS_DAYS: z.string().default('mon-fri'),
  BUSINESS_HOURS: hourRange,
  HOLIDAYS: optionalText,
  PEAK_HOURS: z.string().default('13-14,18-24'),
  RESPONSE_HOURS: z.coerce.number().positive().default(24),
  AUTO_CLOSE_DAYS: z.coerce.number().positive().default(3),
  SLA_REMINDER_HOURS: z.coerce.number().nonnegative().default(4),
  NLU_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  ROUTES: z.string().default('default=console'),
  CHANNELS: z.string().default('console'),
  SERVICE_NAME: optionalText,
  HELP_URL: optionalText,
  INQUIRY_URL: optionalText,
  SUPPORT_EMAIL: optionalText,
  SUPPORT_PHONE: optionalText,
  PHONE_HOURS: optionalText,
});

/** Validated settings of one deskbot process. */
export interface AppConfig {
  dataDir: string;
  intentsDir: string;
  databaseUrl?: string;
  timeZone: string;
  businessDays: string;
  businessHours: [number, number];
  holidays?: string;
  peakHours: Array<{ from: string; to: string }>;
  responseHours: number;
  autoCloseDays: number;
  slaReminderHours: number;
  nluThreshold?: number;
  /** Agents' destination per route name; always has `default`. */
  routes: Record<string, AgentDestination>;
  /** Platform adapters `deskbot start` runs. */
  channels: ChannelName[];
  /** Operator variables filled into answers. */
  variables: Record<string, string>;
}

/** Raised when the environment is invalid; the message lists every problem by variable name. */
export class ConfigError extends Error {}

/** Parses and validates the environment (after .env is loaded) into an AppConfig. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const variables: Record<string, string> = {};
  const named: Array<[string, string | undefined]> = [
    ['service_name', e.SERVICE_NAME],
    ['help_url', e.HELP_URL],
    ['inquiry_url', e.INQUIRY_URL],
    ['support_email', e.SUPPORT_EMAIL],
    ['support_phone', e.SUPPORT_PHONE],
    ['phone_hours', e.PHONE_HOURS],
    ['response_hours', String(e.RESPONSE_HOURS)],
  ];
  for (const [name, value] of named) if (value !== undefined) variables[name] = value;
  return {
    dataDir: e.DESKBOT_DATA_DIR,
    intentsDir: e.INTENTS_DIR,
    databaseUrl: e.DATABASE_URL,
    timeZone: e.TIME_ZONE,
    businessDays: e.BUSINESS_DAYS,
    businessHours: e.BUSINESS_HOURS,
    holidays: e.HOLIDAYS,
    peakHours: parsePeakHours(e.PEAK_HOURS),
    responseHours: e.RESPONSE_HOURS,
    autoCloseDays: e.AUTO_CLOSE_DAYS,
    slaReminderHours: e.SLA_REMINDER_HOURS,
    nluThreshold: e.NLU_THRESHOLD,
    routes: parseRoutes(e.ROUTES),
    channels: parseChannels(e.CHANNELS),
    variables,
  };
}

/** Parses `ROUTES` ("default=console,account=slack:C0123,payment=discord:987") into destinations. */
export function parseRoutes(spec: string): Record<string, AgentDestination> {
  const routes: Record<string, AgentDestination> = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z0-9_-]+)=(console|slack|discord)(?::(\S+))?$/i.exec(part);
    if (!m) throw new ConfigError(`Invalid configuration:\n  ROUTES: "${part}" should look like route=slack:CHANNEL_ID, route=discord:CHANNEL_ID or route=console`);
    const [, route, channel, target] = m;
    if (channel !== 'console' && !target) throw new ConfigError(`Invalid configuration:\n  ROUTES: "${part}" needs a channel id after ${channel}:`);
    routes[route] = { route, channel: channel as ChannelName, target: target ?? '' };
  }
  if (!routes.default) throw new ConfigError('Invalid configuration:\n  ROUTES: a "default=..." route is required');
  return routes;
}

function parseChannels(spec: string): ChannelName[] {
  const names = spec.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!(CHANNELS as readonly string[]).includes(n)) throw new ConfigError(`Invalid configuration:\n  CHANNELS: unknown channel "${n}" (use console, slack, discord)`);
  }
  return names as ChannelName[];
}

function parsePeakHours(spec: string): Array<{ from: string; to: string }> {
  return spec.split(',').map((s) => s.trim()).filter(Boolean).map((part) => {
    const m = /^(\d{1,2})-(\d{1,2})$/.exec(part);
    if (!m || Number(m[1]) >= Number(m[2]) || Number(m[2]) > 24) throw new ConfigError(`Invalid configuration:\n  PEAK_HOURS: "${part}" should be START-END hours, e.g. 13-14`);
    return { from: `${m[1].padStart(2, '0')}:00`, to: `${m[2].padStart(2, '0')}:00` };
  });
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
