/** Structured logging to stderr (stdout belongs to the console channel's protocol). */
import { pino, type Logger } from 'pino';

/** Field paths whose values never reach the logs. */
const REDACT_PATHS = [
  'token', '*.token', 'botToken', '*.botToken', 'appToken', '*.appToken', 'signingSecret', '*.signingSecret',
  'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization', 'password', '*.password',
  'databaseUrl', '*.databaseUrl', 'connectionString', '*.connectionString',
];

/** Secret-looking substrings (Slack and Discord tokens, bearer headers, URLs with passwords) scrubbed from messages. */
const SECRET_PATTERNS: RegExp[] = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /Bearer\s+[A-Za-z0-9._~+/-]+=*/gi,
  /Bot\s+[A-Za-z0-9._-]{20,}/g,
  /[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38}/g,
  /(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/gi,
];

/** Removes tokens and credentials from a free-form string before it is logged. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, prefix?: string) =>
      typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}[redacted]@` : '[redacted]',
    );
  }
  return out;
}

let root: Logger | undefined;

/** The process-wide logger: JSON lines on stderr, level from LOG_LEVEL (default info; silent under tests). */
export function rootLogger(): Logger {
  root ??= pino(
    {
      level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as Parameters<typeof method>);
        },
      },
      serializers: { err: (e: unknown) => serializeError(e) },
    },
    pino.destination(2),
  );
  return root;
}

/** A named child logger for one module (`createLogger('slack')`). */
export function createLogger(name: string): Logger {
  return rootLogger().child({ module: name });
}

function serializeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: scrubSecrets(String(e)) };
  const code = (e as { code?: unknown }).code;
  return { type: e.name, message: scrubSecrets(e.message), code, stack: e.stack ? scrubSecrets(e.stack) : undefined };
}
