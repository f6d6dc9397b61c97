import type { FastifyRequest } from 'fastify';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from '../config/config.ts';

/**
 * pino with personal data kept out of the logs: the fields that carry it are censored
 * wherever they appear in a logged object, request URLs have e-mail addresses and
 * personal query values masked, and free-text messages have e-mail addresses masked.
 */

const PERSONAL_KEYS = ['email', 'phone', 'name', 'password', 'firstName', 'lastName'];

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...PERSONAL_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*[*].${key}`]),
];

// `%40` too: clients URL-encode the @ in paths and query strings.
const EMAIL = /[^\s@/?&=#"'<>%]+(?:@|%40)[^\s@/?&=#"'<>%]+\.[A-Za-z]{2,}/g;
const PERSONAL_QUERY = new RegExp(`([?&](?:${PERSONAL_KEYS.join('|')})=)[^&#]*`, 'gi');

/** Masks e-mail addresses and personal query-string values in a URL or message. */
export function maskPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PERSONAL_QUERY, '$1[redacted]');
}

function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: maskPersonalData(String(req.url)),
    remoteAddress: req.ip,
    requestId: req.id,
  };
}

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { req: serializeRequest },
    hooks: {
      // Messages are free text; a developer may interpolate an address into one.
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? maskPersonalData(arg) : arg)),
        );
      },
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
