import { Writable } from 'node:stream';
import pino from 'pino';
import { loggerParams, resolveLogFormat } from './logging';

/** A pino logger built from the API's own options, writing JSON lines into memory. */
function loggerAt(level: string): { logger: pino.Logger; lines: () => Array<Record<string, unknown>> } {
  const params = loggerParams(level, 'json');
  const options = params.pinoHttp as pino.LoggerOptions;
  const written: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString());
      done();
    },
  });
  return {
    logger: pino(options, sink),
    lines: () =>
      written
        .join('')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe(resolveLogFormat.name, () => {
  it('is readable on a terminal and JSON on a pipe, unless LOG_FORMAT says', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });

  it('gives nestjs-pino a pretty stream only in the pretty format', () => {
    expect(Array.isArray(loggerParams('info', 'pretty').pinoHttp)).toBe(true);
    expect(Array.isArray(loggerParams('info', 'json').pinoHttp)).toBe(false);
  });
});

describe('Nest start-up chatter', () => {
  it('is written at debug, so that the banner is the first thing a person reads at info', () => {
    const atInfo = loggerAt('info');
    atInfo.logger.info({ context: 'RoutesResolver' }, 'AuditController {/api/audit}:');
    atInfo.logger.info({ context: 'NestApplication' }, 'Nest application successfully started');
    atInfo.logger.info({ context: 'AuthEvents' }, 'login succeeded');
    expect(atInfo.lines().map((line) => line['msg'])).toEqual(['login succeeded']);

    const atDebug = loggerAt('debug');
    atDebug.logger.info({ context: 'RoutesResolver' }, 'AuditController {/api/audit}:');
    expect(atDebug.lines()).toEqual([
      expect.objectContaining({ level: 20, context: 'RoutesResolver', msg: 'AuditController {/api/audit}:' }),
    ]);
  });
});

describe('redaction', () => {
  it('replaces passwords, tokens and connection strings before a line is written', () => {
    const { logger, lines } = loggerAt('info');
    logger.info(
      {
        user: { password: 'Pw-1', accessToken: 'Tok-1' },
        database: { connectionString: 'postgres://u:Pw-2@h/db' },
        req: { headers: { authorization: 'Bearer Tok-2' } },
      },
      'something happened',
    );
    const text = JSON.stringify(lines());
    expect(text).toContain('[redacted]');
    expect(text).not.toMatch(/Pw-1|Pw-2|Tok-1|Tok-2/);
  });
});
