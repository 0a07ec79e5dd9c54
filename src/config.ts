/** Configuration: the environment (and .env) parsed and validated once, with errors that name the variable. */
import { z } from 'zod';
import { CalendarConfigError, DEFAULT_CALENDAR_OPTIONS, parseHolidayList, parseWorkdays } from './cases/business-calendar.js';
import { CHANNEL_NAMES, isChannelName, type ChannelName } from './cases/types.js';
import type { AgentDestination } from './channels/contract.js';


const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** Log levels LOG_LEVEL accepts (pino's). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const HOURS_HINT = 'write START-END as hours or hours:minutes, e.g. 9-18 or 09:00-18:30';

const hourRange = z
  .string()
  .default('9-18')
  .transform((v, ctx) => {
    const range = parseHourRange(v);
    if (!range) ctx.addIssue({ code: 'custom', message: `"${v}" is not a range of opening hours; ${HOURS_HINT}` });
    return range ?? { startHour: 0, startMinute: 0, endHour: 0, endMinute: 0 };
  });

const threshold = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    const n = Number(v.trim());
    if (!Number.isFinite(n) || n < 0 || n > 1) ctx.addIssue({ code: 'custom', message: `NLU_THRESHOLD must be a number between 0 and 1, got '${v}'` });
    return n;
  });

/** The sentence encoders NLU_ENCODER can name: the shipped English one, or none (the lexical matcher alone). */
export const NLU_ENCODERS = ['use-lite', 'none'] as const;

/** Days the turn log and closed cases' transcripts are kept when RETENTION_DAYS is unset. */
export const DEFAULT_RETENTION_DAYS = 365;

const retentionDays = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return DEFAULT_RETENTION_DAYS;
    const n = Number(v.trim());
    if (!Number.isInteger(n) || n < 1) ctx.addIssue({ code: 'custom', message: `RETENTION_DAYS must be a whole number of days, at least 1, got '${v}'` });
    return n;
  });

const envSchema = z.object({
  DESKBOT_DATA_DIR: z.string().default('./data'),
  INTENTS_DIR: z.string().default('./intents'),
  DATABASE_URL: optionalText.refine(
    (v) => v === undefined || /^postgres(?:ql)?:\/\/\S+$/i.test(v),
    'must start with postgres:// or postgresql://, e.g. postgres://deskbot:PASSWORD@localhost:5432/deskbot',
  ),
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
  RETENTION_DAYS: retentionDays,
  AGENTS_LANG: z.enum(['en', 'ko'], { error: (issue) => `"${String(issue.input)}" is not a language of the agents' side; use en or ko` }).default('en'),
  SLA_REMINDER_HOURS: z.coerce.number().nonnegative().default(4),
  NLU_THRESHOLD: threshold,
  NLU_ENCODER: optionalText.refine((v) => v === undefined || (NLU_ENCODERS as readonly string[]).includes(v), {
    error: (issue) => `"${String(issue.input)}" is not a sentence encoder; use one of ${NLU_ENCODERS.join(', ')}`,
  }),
  LOG_LEVEL: optionalText.refine((v) => v === undefined || (LOG_LEVELS as readonly string[]).includes(v), {
    error: (issue) => `"${String(issue.input)}" is not a log level; use one of ${LOG_LEVELS.join(', ')}`,
  }),
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
  /** Working days, 1=Mon..7=Sun (BUSINESS_DAYS). */
  workdays: number[];
  /** Opening and closing time of a working day (end after start; 24:00 is midnight). */
  businessHours: OpeningHours;
  /** Holidays as YYYY-MM-DD (HOLIDAYS, else Korea's public holidays). */
  holidays: string[];
  peakHours: Array<{ from: string; to: string }>;
  responseHours: number;
  autoCloseDays: number;
  slaReminderHours: number;
  /** Days turn-log entries, and the transcripts of cases closed that long ago, are kept. */
  retentionDays: number;
  /** The language of agents' cards, notices and refusals (AGENTS_LANG). */
  agentsLang: 'en' | 'ko';
  nluThreshold?: number;
  /** The sentence encoder fused with the lexical matcher for English, or 'none'. */
  nluEncoder: (typeof NLU_ENCODERS)[number];
  /** Agents' destination per route name; always has `default`. */
  routes: Record<string, AgentDestination>;
  /** Platform adapters `deskbot start` runs. */
  channels: ChannelName[];
  /** Operator variables filled into answers. */
  variables: Record<string, string>;
}

/** Opening hours of a working day, e.g. 09:00 to 18:30. */
export interface OpeningHours {
  startHour: number;
  startMinute: number;
  endHour: number;
  endMinute: number;
}

/** Raised when the environment is invalid; the message lists every problem by variable name. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** One line per problem, each starting with the variable's name ("ROUTES: ..."). */
  readonly problems: string[];
  constructor(message: string, problems?: string[]) {
    super(message);
    this.problems = problems ?? message.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim());
    if (this.problems.length === 0) this.problems = [message];
  }

  /** One error listing every problem under a heading ("Invalid configuration"). */
  static of(problems: string[], heading = 'Invalid configuration'): ConfigError {
    return new ConfigError(`${heading}:\n${problems.map((p) => `  ${p}`).join('\n')}`, problems);
  }
}

/** Parses and validates the environment (after .env is loaded) into an AppConfig; every problem is reported at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => problemLine(i.path.join('.'), i.message));
  const routes = collect(problems, () => parseRoutes(env.ROUTES ?? 'default=console'));
  const channels = collect(problems, () => parseChannels(env.CHANNELS ?? 'console'));
  const peakHours = collect(problems, () => parsePeakHours(env.PEAK_HOURS ?? '13-14,18-24'));
  const workdays = collect(problems, () => calendarSetting(() => parseWorkdays(env.BUSINESS_DAYS ?? 'mon-fri')));
  const holidays = collect(problems, () => calendarSetting(() => (env.HOLIDAYS?.trim() ? parseHolidayList(env.HOLIDAYS) : DEFAULT_CALENDAR_OPTIONS.holidays)));
  if (!parsed.success || !routes || !channels || !peakHours || !workdays || !holidays) throw ConfigError.of(problems);
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
    workdays,
    businessHours: e.BUSINESS_HOURS,
    holidays,
    peakHours,
    responseHours: e.RESPONSE_HOURS,
    autoCloseDays: e.AUTO_CLOSE_DAYS,
    slaReminderHours: e.SLA_REMINDER_HOURS,
    retentionDays: e.RETENTION_DAYS,
    agentsLang: e.AGENTS_LANG,
    nluThreshold: e.NLU_THRESHOLD,
    nluEncoder: (e.NLU_ENCODER ?? 'use-lite') as AppConfig['nluEncoder'],
    routes,
    channels,
    variables,
  };
}

/** "VARIABLE: message", unless the message already starts with the variable's name. */
function problemLine(variable: string, message: string): string {
  return message.startsWith(`${variable} `) ? message : `${variable}: ${message}`;
}

/** Runs one parser; a ConfigError's problems are added to `problems` (and undefined returned) so that all are listed together. */
export function collect<T>(problems: string[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    problems.push(...e.problems);
    return undefined;
  }
}

/** Runs a business-calendar parser, its error becoming a configuration problem (it names the variable). */
function calendarSetting<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof CalendarConfigError) throw ConfigError.of([e.message]);
    throw e;
  }
}

/** Parses "9-18", "09:00-18:30" or "9:30-18" into opening hours, or undefined when it is not a valid range. */
export function parseHourRange(spec: string): OpeningHours | undefined {
  const m = /^\s*(\d{1,2})(?::(\d{2}))?\s*-\s*(\d{1,2})(?::(\d{2}))?\s*$/.exec(spec);
  if (!m) return undefined;
  const [startHour, startMinute, endHour, endMinute] = [m[1], m[2] ?? '0', m[3], m[4] ?? '0'].map(Number);
  const start = startHour * 60 + startMinute;
  const end = endHour * 60 + endMinute;
  if (startMinute > 59 || endMinute > 59 || startHour > 23 || end > 24 * 60 || start >= end) return undefined;
  return { startHour, startMinute, endHour, endMinute };
}

/** Parses `ROUTES` ("default=console,account=slack:C0123,payment=discord:987") into destinations. */
export function parseRoutes(spec: string): Record<string, AgentDestination> {
  const routes: Record<string, AgentDestination> = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z0-9_-]+)=([a-z]+)(?::(\S+))?$/i.exec(part);
    const channel = m?.[2].toLowerCase();
    if (!m || !isChannelName(channel)) throw new ConfigError(`Invalid configuration:\n  ROUTES: "${part}" should look like route=slack:CHANNEL_ID, route=discord:CHANNEL_ID or route=console`);
    const [, route, , target] = m;
    if (channel !== 'console' && !target) throw new ConfigError(`Invalid configuration:\n  ROUTES: "${part}" needs a channel id after ${channel}:`);
    routes[route] = { route, channel, target: target ?? '' };
  }
  if (!routes.default) throw new ConfigError('Invalid configuration:\n  ROUTES: a "default=..." route is required');
  return routes;
}

/** Parses `CHANNELS` ("slack,discord") into the platforms `deskbot start` runs. */
export function parseChannels(spec: string): ChannelName[] {
  const names = spec.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!isChannelName(n)) throw new ConfigError(`Invalid configuration:\n  CHANNELS: unknown channel "${n}" (use ${CHANNEL_NAMES.join(', ')})`);
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
