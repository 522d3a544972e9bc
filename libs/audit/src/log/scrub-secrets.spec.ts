import { REDACTED, scrubSecrets, scrubSecretsInText } from './scrub-secrets';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwicm9sZSI6ImFkbWluIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const BCRYPT = '$2b$12$KIXQJQf0mB8m5Yd9yZkz1uG6o6dYbq5Zb3kq2w9ZL1Zl3b2s0nE8K';

describe('scrubSecrets', () => {
  it('redacts the value of any key naming a credential, at any depth and in any case', () => {
    expect(
      scrubSecrets({
        password: 'hunter2',
        user: { passwordHash: 'x', PASSWORD_HASH: 'y', name: 'Ann' },
        list: [{ accessToken: 'abc', refresh_token: 'def' }],
        clientSecret: 's',
        Authorization: 'Bearer abc',
        apiKey: 'k',
        headers: { cookie: 'sid=1' },
        rowHash: 'deadbeef',
        nested: { credentials: { user: 'a', pass: 'b' } },
      }),
    ).toEqual({
      password: REDACTED,
      user: { passwordHash: REDACTED, PASSWORD_HASH: REDACTED, name: 'Ann' },
      list: [{ accessToken: REDACTED, refresh_token: REDACTED }],
      clientSecret: REDACTED,
      Authorization: REDACTED,
      apiKey: REDACTED,
      headers: { cookie: REDACTED },
      rowHash: REDACTED,
      nested: { credentials: REDACTED },
    });
  });

  it('cuts JWTs and bcrypt hashes out of any string, under any key', () => {
    expect(
      scrubSecrets({
        note: `header was Bearer ${JWT} today`,
        value: BCRYPT,
        list: [JWT, 'plain'],
      }),
    ).toEqual({
      note: `header was Bearer ${REDACTED} today`,
      value: REDACTED,
      list: [REDACTED, 'plain'],
    });
  });

  it('removes the password from connection strings and keeps the rest', () => {
    expect(scrubSecretsInText('postgres://vantix:s3cr%40t@db.example.com:5432/crm?sslmode=require')).toBe(
      `postgres://vantix:${REDACTED}@db.example.com:5432/crm?sslmode=require`,
    );
    expect(scrubSecretsInText('connect postgresql://u:p@ss/w:rd@host/db failed')).toBe(
      `connect postgresql://u:${REDACTED}@host/db failed`,
    );
    expect(scrubSecretsInText('postgres://u@host/db?sslmode=require&password=topsecret')).toBe(
      `postgres://u@host/db?sslmode=require&password=${REDACTED}`,
    );
    expect(scrubSecretsInText('host=db user=u password=topsecret dbname=crm')).toBe(
      `host=db user=u password=${REDACTED} dbname=crm`,
    );
  });

  it('leaves URLs without a password and ordinary values alone', () => {
    const payload = {
      url: 'postgres://u@127.0.0.1:5432/crm',
      web: 'https://example.com/a:b',
      count: 3,
      ok: true,
      none: null,
      columns: ['password_hash', 'email'],
      summary: 'Ada Lovelace — Analytical Engines <ada@example.com>',
    };
    expect(scrubSecrets(payload)).toEqual(payload);
  });

  it('does not change its input', () => {
    const input = { password: 'x' };
    scrubSecrets(input);
    expect(input).toEqual({ password: 'x' });
  });
});
