import { isConnectionFailure } from './connection-failure';

function withCode(code: string, message = 'failed'): Error {
  return Object.assign(new Error(message), { code });
}

describe(isConnectionFailure.name, () => {
  it.each([
    ['a refused socket', withCode('ECONNREFUSED')],
    ['a reset socket', withCode('ECONNRESET')],
    ['an unreachable network', withCode('ENETUNREACH')],
    ["Prisma's unreachable server", withCode('P1001')],
    ['a pool timeout', withCode('P2024')],
    ['SQLSTATE class 08', withCode('08006')],
    ['a failed login (wrong password)', withCode('28P01')],
    ['a failed login (no such role / not allowed)', withCode('28000')],
    ['an unknown database', withCode('3D000')],
    ['too many connections', withCode('53300')],
    ['a server shutting down', withCode('57P01')],
    ['a server starting up', withCode('57P03')],
    ['a dropped database', withCode('57P04')],
    [
      'a driver adapter kind',
      Object.assign(new Error('x'), {
        meta: { driverAdapterError: { cause: { kind: 'ConnectionClosed' } } },
      }),
    ],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a client used after it ended', new Error('Client was closed and is not queryable')],
    ['a pool used after it ended', new Error('Cannot use a pool after calling end on the pool')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a nested cause', new Error('wrapped', { cause: withCode('ETIMEDOUT') })],
    ['a dual-stack connect', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])],
    ['an error from another realm', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }],
  ])('recognises %s', (_, error) => {
    expect(isConnectionFailure(error)).toBe(true);
  });

  it.each([
    ['a unique violation (Prisma)', withCode('P2002')],
    ['a unique violation (SQLSTATE)', withCode('23505')],
    ['a foreign-key violation', withCode('23503', 'insert violates foreign key constraint "x"')],
    ['a missing table', withCode('42P01')],
    ['a privilege error', withCode('42501')],
    ['a serialization failure', withCode('40001')],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error', 'ECONNREFUSED'],
    ['null', null],
  ])('does not mistake %s for an outage', (_, error) => {
    expect(isConnectionFailure(error)).toBe(false);
  });
});
