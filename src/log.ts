import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { pino, stdSerializers, stdTimeFunctions, type DestinationStream } from 'pino';

/**
 * Logs as JSON lines (pino), one per event, on stderr: what Log Analytics and `docker logs`
 * read as they are. Fields named as secrets are redacted wherever they sit in a line; errors
 * carry their type, message and stack. Callers see this small interface, not pino.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose every line carries these fields too (a turn's activity id, say). */
  child(fields: Record<string, unknown>): Logger;
}

/** Field names whose values never reach a log line, at the top of the fields or one level in. */
const SECRET_FIELDS = [
  'authorization',
  'token',
  'password',
  'secret',
  'appPassword',
  'adminApiKey',
  'connectionString',
  'MicrosoftAppPassword',
  'ADMIN_API_KEY',
  'AZURE_STORAGE_CONNECTION_STRING',
  'clientSecret',
  'refreshToken',
  'accessToken',
  'PARTNER_CENTER_CLIENT_SECRET',
  'PARTNER_CENTER_REFRESH_TOKEN',
];
const REDACTED_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((name) => `*.${name}`),
  'headers.authorization',
  '*.headers.authorization',
];

export function createLogger(minimum: LogLevel = 'info', write?: (line: string) => void): Logger {
  const destination: DestinationStream = write
    ? { write: (line: string) => write(line.replace(/\n$/, '')) }
    : // Synchronous: the last lines before a crash are written, not lost in a buffer.
      pino.destination({ dest: 2, sync: true });
  return wrap(
    pino(
      {
        level: minimum,
        timestamp: stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        serializers: { err: stdSerializers.err, error: stdSerializers.err },
      },
      destination,
    ),
  );
}

function wrap(logger: pino.Logger): Logger {
  const at =
    (level: LogLevel) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (fields) logger[level](fields, message);
      else logger[level](message);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => wrap(logger.child(fields)),
  };
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};

/** A conversation named in logs without its id: the same conversation, the same 16 characters. */
export function conversationTag(conversationId: string): string {
  return createHash('sha256').update(conversationId).digest('hex').slice(0, 16);
}

/**
 * The outbound calls a piece of work made, by their correlation ids (Partner Center's
 * MS-CorrelationId), so that its one log line names them: a turn's line is how an operator finds
 * the Partner Center calls a user's click made, and quotes them to Microsoft support.
 */
const tracedCalls = new AsyncLocalStorage<Set<string>>();

export async function traceCalls<T>(
  work: () => Promise<T>,
): Promise<{ result: T; correlationIds: string[] }> {
  const ids = new Set<string>();
  const result = await tracedCalls.run(ids, work);
  return { result, correlationIds: [...ids] };
}

/** Called by a client for each call it sends; outside traced work it does nothing. */
export function noteCorrelationId(id: string): void {
  tracedCalls.getStore()?.add(id);
}
