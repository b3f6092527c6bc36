import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

/**
 * The server's log: one JSON object per line on standard output (Fastify's logger, pino), at
 * `info` unless LOG_LEVEL says otherwise. A request gives one line when it ends (method, URL,
 * status, time, request id, caller); a 5xx gives an `error` line with the stack. Secrets never
 * reach the log: `?token=` (calendar subscriptions) and any other secret-looking query parameter
 * are masked in every logged URL, and the headers that carry credentials (Authorization, Cookie,
 * Set-Cookie, X-CSRF-Token) and request bodies (passwords) are not logged at all.
 */

export const LOG_LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** LOG_LEVEL, checked: an unknown level is a configuration error, said at start. */
export function logLevel(value: string | undefined = process.env.LOG_LEVEL): LevelWithSilent {
  const level = (value ?? 'info').trim().toLowerCase();
  if (!(LOG_LEVELS as string[]).includes(level)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${value}")`);
  }
  return level as LevelWithSilent;
}

const SECRET_PARAM = /^(token|access_token|api_key|apikey|key|password|secret|session|csrf.*|code)$/i;

/** The URL with the values of secret-looking query parameters replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // keep the raw name
      }
      return eq >= 0 && SECRET_PARAM.test(decoded) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

/** An incoming X-Request-Id is kept when it is a plain token of at most 128 characters. */
const REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export function createLogger(level: LevelWithSilent = logLevel(), destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      // Defence in depth: the serializers below never copy these, but a log call that passes a
      // request or its headers by hand must not leak them either.
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie', '*.password', 'password'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { method?: string; url?: string; ip?: string; id?: string }) => ({ method: req.method, url: redactUrl(req.url ?? ''), ip: req.ip }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
    destination ?? pino.destination({ fd: 1, sync: true }),
  );
}
