import { AuditUnavailableError, isConnectionFailure, whileAvailable } from './audit-unavailable-error';

function withCode(code: string, message = 'failed'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isConnectionFailure', () => {
  it.each([
    ['a refused socket', withCode('ECONNREFUSED')],
    ["Prisma's unreachable server", withCode('P1001')],
    ['a pool timeout', withCode('P2024')],
    ['SQLSTATE class 08', withCode('08006')],
    ['a failed login', withCode('28P01')],
    ['an unknown database', withCode('3D000')],
    ['a server shutting down', withCode('57P01')],
    [
      'a driver adapter kind',
      Object.assign(new Error('x'), {
        meta: { driverAdapterError: { cause: { kind: 'ConnectionClosed' } } },
      }),
    ],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a nested cause', new Error('wrapped', { cause: withCode('ETIMEDOUT') })],
    ['a dual-stack connect', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])],
    ['an error from another realm', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }],
  ])('recognises %s', (_, error) => {
    expect(isConnectionFailure(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('P2002')],
    ['a SQL error', withCode('23505')],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error', 'ECONNREFUSED'],
  ])('does not mistake %s for an outage', (_, error) => {
    expect(isConnectionFailure(error)).toBe(false);
  });
});

describe('whileAvailable', () => {
  it('turns an outage into AuditUnavailableError with the last line of the message', async () => {
    const error = withCode('P1001', "\nInvalid `prisma.x()` invocation:\n\nCan't reach database server at db:5432");
    const failure = whileAvailable(() => Promise.reject(error));
    await expect(failure).rejects.toBeInstanceOf(AuditUnavailableError);
    await expect(failure).rejects.toMatchObject({
      message: "audit store unavailable: Can't reach database server at db:5432",
      cause: error,
    });
  });

  it('lets other errors through unchanged', async () => {
    const error = withCode('23505');
    await expect(whileAvailable(() => Promise.reject(error))).rejects.toBe(error);
  });
});
