import { shortMessage } from './short-message';

describe(shortMessage.name, () => {
  it('keeps the last non-empty line (Prisma puts the cause there)', () => {
    const error = new Error("\nInvalid `prisma.x()` invocation:\n\nCan't reach database server at db:5432\n");
    expect(shortMessage(error)).toBe("Can't reach database server at db:5432");
  });

  it('describes an error without a message by its first inner error or its cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(shortMessage(new AggregateError([refused]))).toBe('connect ECONNREFUSED 127.0.0.1:1');
    expect(shortMessage(new Error('', { cause: refused }))).toBe('connect ECONNREFUSED 127.0.0.1:1');
  });

  it('copes with things that are not errors', () => {
    expect(shortMessage('plain text')).toBe('plain text');
    expect(shortMessage({ message: 42 })).toBe('unknown error');
    expect(shortMessage(undefined)).toBe('unknown error');
  });
});
