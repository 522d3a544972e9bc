import { JwtService } from '@nestjs/jwt';
import { DatabaseOutage, takeDatabaseDown } from '@vantix/testing';
import { startTestApi, TestApi } from '../../testing';

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

  it('still refuses guarded requests with 401 and 403', async () => {
    await api.http.get('/api/audit/verify').expect(401);
    const agentToken = await new JwtService({
      secret: api.runtime.jwtSecret,
    }).signAsync({
      sub: api.users.agent.id,
      email: api.users.agent.email,
      role: 'agent',
    });
    await api.http.get('/api/audit/verify').set(api.bearer(agentToken)).expect(403);
  });
});
