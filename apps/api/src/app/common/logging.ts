import { RequestMethod } from '@nestjs/common';
import { Params } from 'nestjs-pino';
import { assignRequestId } from './request-context';

/**
 * Paths of the log objects that may hold a secret. pino replaces them before a
 * line is written, so a password, hash, token or connection password never
 * reaches the log (tested in logging.spec.ts).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.password_hash',
  '*.accessToken',
  '*.token',
  '*.jwtSecret',
  '*.secret',
  '*.connectionString',
  'body.password',
];

/** Structured JSON logs, one request id per request (the server's own; see assignRequestId). */
export function loggerParams(level: string): Params {
  return {
    // Named wildcard: Express 5's path-to-regexp no longer accepts a bare '*'.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: assignRequestId,
      customProps: () => ({ service: 'vantix-sync' }),
      // Query strings may carry filters with e-mails; keep the path only.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: String(req.url).split('?')[0],
        }),
      },
      autoLogging: {
        ignore: (req) => (req.url ?? '').startsWith('/api/health'),
      },
    },
  };
}
