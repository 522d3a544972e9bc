import { AuditUnavailableError, whileAvailable } from './audit-unavailable-error';

function withCode(code: string, message = 'failed'): Error {
  return Object.assign(new Error(message), { code });
}

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

  it('treats a failed login to the store as an outage too (one classifier, @vantix/db-errors)', async () => {
    await expect(
      whileAvailable(() => Promise.reject(withCode('28P01', 'password authentication failed'))),
    ).rejects.toMatchObject({
      message: 'audit store unavailable: password authentication failed',
    });
  });

  it('lets other errors through unchanged', async () => {
    const error = withCode('23505');
    await expect(whileAvailable(() => Promise.reject(error))).rejects.toBe(error);
  });
});
