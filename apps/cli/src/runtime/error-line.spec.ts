import { errorLine } from './error-line';

describe(errorLine.name, () => {
  it('keeps the first non-empty line of the message', () => {
    expect(errorLine(new Error('\n  connect ECONNREFUSED 127.0.0.1:1\n    at stack line'))).toBe(
      'connect ECONNREFUSED 127.0.0.1:1',
    );
  });

  it('shows connection strings without their password', () => {
    const line = errorLine(new Error('cannot open postgres://sync:s3cret@db.example.com:5432/crm?sslmode=require now'));
    expect(line).not.toContain('s3cret');
    expect(line).toContain('postgres://sync:***@db.example.com:5432/crm?sslmode=require');
  });

  it('falls back to the error code, then to a generic text', () => {
    expect(errorLine(Object.assign(new Error(''), { code: 'ECONNRESET' }))).toBe('ECONNRESET');
    expect(errorLine('')).toBe('unknown error');
  });
});
