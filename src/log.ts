/** Structured logging to stderr or a file (stdout belongs to the console channel's protocol). */
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

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

/** Where log lines go: the terminal (readable when it is one), or a file chosen with sendLogsToFile. */
const sink: { target?: DestinationStream; write(line: string): void } = {
  write(line) {
    (this.target ??= terminalLogStream(process.stderr)).write(line);
  },
};

/** A log stream onto `out`: readable coloured lines when it is a terminal (pino-pretty), JSON lines otherwise. */
export function terminalLogStream(out: NodeJS.WritableStream & { isTTY?: boolean; fd?: number }): DestinationStream {
  if (out.isTTY) return pretty({ destination: out, colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' });
  return typeof out.fd === 'number' ? pino.destination({ fd: out.fd, sync: true }) : out;
}

/** From now on, log lines go to `file` (JSON lines, appended; the folder is created), not to the terminal. */
export function sendLogsToFile(file: string): void {
  sink.target = pino.destination({ dest: file, mkdir: true, append: true, sync: true });
}

let root: Logger | undefined;

/** The process-wide logger, level from LOG_LEVEL (default info; silent under tests). Lines go to stderr unless sent to a file. */
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
    sink,
  );
  return root;
}

/** A named child logger for one module (`createLogger('slack')`). */
export function createLogger(name: string): Logger {
  return rootLogger().child({ module: name });
}

function serializeError(e: unknown, depth = 0): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: scrubSecrets(String(e)) };
  const code = (e as { code?: unknown }).code;
  // Causes are kept (a few levels deep): the SDK's own error and stack are often the useful part.
  const cause = e.cause === undefined || depth >= 4 ? undefined : serializeError(e.cause, depth + 1);
  return { type: e.name, message: scrubSecrets(e.message), code, stack: e.stack ? scrubSecrets(e.stack) : undefined, cause };
}
