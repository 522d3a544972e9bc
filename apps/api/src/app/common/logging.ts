import { RequestMethod } from '@nestjs/common';
import { LogFormat } from '@vantix/config';
import { Params } from 'nestjs-pino';
import { assignRequestId } from './request-context';
import { LogFn, Logger as PinoLogger } from 'pino';
import pretty from 'pino-pretty';

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

/**
 * Nest's own start-up chatter (modules loaded, every route mapped, "successfully
 * started"): some thirty lines a person would read before the banner. They are
 * written at debug level instead of info (LOG_LEVEL=debug shows them).
 */
const START_UP_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

function isStartUpChatter(args: unknown[]): boolean {
  const first = args[0];
  return (
    typeof first === 'object' &&
    first !== null &&
    START_UP_CONTEXTS.has(String((first as { context?: unknown }).context))
  );
}

/** Readable lines for a person at a terminal; JSON for machines (a pipe, a file, a log collector, LOG_FORMAT=json). */
export function resolveLogFormat(format: LogFormat, isTty = process.stdout.isTTY === true): 'json' | 'pretty' {
  if (format === 'auto') {
    return isTty ? 'pretty' : 'json';
  }
  return format;
}

/** Logs with one request id per request (taken from X-Request-Id when sane): readable on a terminal, JSON otherwise. */
export function loggerParams(level: string, format: LogFormat = 'json'): Params {
  const options: NonNullable<Exclude<Params['pinoHttp'], unknown[]>> = {
    level,
    hooks: {
      logMethod(this: PinoLogger, args: Parameters<LogFn>, method: LogFn, levelValue: number) {
        // 30 is pino's info.
        if (levelValue === 30 && isStartUpChatter(args)) {
          this.debug(...args);
          return;
        }
        method.apply(this, args);
      },
    },
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
  };
  return {
    // Named wildcard: Express 5's path-to-regexp no longer accepts a bare '*'.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp:
      resolveLogFormat(format) === 'pretty'
        ? // Synchronous, in this thread: the lines appear in order with the banner (console.log), and no worker is needed.
          [
            options,
            pretty({
              sync: true,
              colorize: true,
              translateTime: 'SYS:HH:MM:ss',
              // One line per request (method, path, status, time); the full objects stay in the JSON format.
              ignore: 'pid,hostname,service,req,res,responseTime',
              messageFormat: '{msg}{if req.method} {req.method} {req.path} {res.statusCode} ({responseTime} ms){end}',
            }),
          ]
        : options,
  };
}
