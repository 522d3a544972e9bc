import { JwtService } from '@nestjs/jwt';
import { DatabaseOutage, takeDatabaseDown } from '@vantix/testing';
import { startTestApi, TestApi } from '../../testing';
import { sessionFingerprint } from './session-fingerprint';

describe('authentication while the audit store is unreachable', () => {
  let api: TestApi;
  let outage: DatabaseOutage | undefined;
  beforeAll(async () => {
    // The start migrates the store (and refuses when it cannot reach it): it
    // answers at start, then goes away — every append fails at once with a connection error.
    api = await startTestApi({
      appEnv: 'production',
      skipLogin: true,
      passwords: { audit: 'Audit-Pw' },
    });
    outage = await takeDatabaseDown(api.urls.audit);
  });
  afterAll(async () => {
    await outage?.restore();
    await api.close();
  });

  it('refuses a correct login with 503 and hands out no token: a login nobody can trace is not granted', async () => {
    const { admin } = api.users;
    const response = await api.http
      .post('/api/auth/login')
      .send({ email: admin.email, password: admin.password })
      .expect(503);
    expect(response.body).toMatchObject({
      statusCode: 503,
      message: expect.stringMatching(/audit log is unavailable/),
    });
    expect(response.body.accessToken).toBeUndefined();
    expect(JSON.stringify(response.body)).not.toContain('Audit-Pw');
  });

  it('still answers a wrong password with 401', async () => {
    await api.http.post('/api/auth/login').send({ email: api.users.admin.email, password: 'wrong' }).expect(401);
  });

  it('still refuses a request without a token with 401, and a valid token with 503: its revocation cannot be checked', async () => {
    await api.http.get('/api/audit/verify').expect(401);
    const [{ password_hash: passwordHash }] = await api.query<{ password_hash: string }>(
      'development',
      'SELECT password_hash FROM users WHERE id = $1',
      [api.users.agent.id],
    );
    const agentToken = await new JwtService({ secret: api.runtime.jwtSecret }).signAsync(
      {
        sub: api.users.agent.id,
        email: api.users.agent.email,
        role: 'agent',
        fp: sessionFingerprint(api.runtime.jwtSecret, { passwordHash, role: 'agent' }),
        pfp: null,
      },
      {
        expiresIn: 600,
        jwtid: 'a2b0c9a8-1d3e-4f00-9a1b-2c3d4e5f6a7b',
        issuer: 'vantix-sync',
        audience: 'vantix-sync-api',
      },
    );
    const response = await api.http.get('/api/audit/verify').set(api.bearer(agentToken)).expect(503);
    expect(response.body.message).toMatch(/audit store unavailable/);
  });
});
