import { checkEnvironmentSafety } from '@vantix/runtime';
import { captureOutput, takeDatabaseDown } from '@vantix/testing';
import { startTestApi, TestApi } from '../../testing';

describe('logs during authentication', () => {
  let output: ReturnType<typeof captureOutput> | undefined;
  afterEach(() => output?.restore());

  it('carry the request but never the password, its hash, the token or the JWT secret', async () => {
    output = captureOutput();
    const api: TestApi = await startTestApi({
      appEnv: 'production',
      env: { LOG_LEVEL: 'trace' },
    });
    try {
      const { admin } = api.users;
      const login = await api.http
        .post('/api/auth/login')
        .send({ email: admin.email, password: admin.password })
        .expect(200);
      const token = login.body.accessToken as string;
      await api.http.post('/api/auth/login').send({ email: admin.email, password: 'Wr0ng-Passw0rd!' }).expect(401);
      await api.http.get('/api/audit/verify').set(api.bearer(token)).expect(200);
      await api.http.get('/api/audit/verify').set(api.bearer(api.agentToken)).expect(403);
      await api.http
        .get('/api/audit/verify')
        .set(api.bearer(`${token}x`))
        .expect(401);
      const [{ password_hash: hash }] = await api.query<{
        password_hash: string;
      }>('development', 'SELECT password_hash FROM users WHERE id = $1', [admin.id]);

      const text = output.text();
      // The capture works: request lines of the logins are there, as JSON with a request id.
      const loginLines = output
        .lines()
        .map(
          (line) =>
            JSON.parse(line) as {
              req?: { id?: string; method?: string; path?: string };
            },
        )
        .filter((line) => line.req?.path === '/api/auth/login');
      expect(loginLines.length).toBeGreaterThanOrEqual(2);
      expect(loginLines[0].req).toEqual({
        id: expect.any(String),
        method: 'POST',
        path: '/api/auth/login',
      });
      for (const secret of [
        admin.password,
        'Wr0ng-Passw0rd!',
        hash,
        token,
        api.adminToken,
        api.agentToken,
        api.runtime.jwtSecret,
      ]) {
        expect(text).not.toContain(secret);
      }
      // A JWT's signature alone is a secret too (header and claims are not).
      expect(text).not.toContain(token.split('.')[2]);
    } finally {
      await api.close();
    }
  });

  it('name a failed database connection without its password', async () => {
    const password = 'Conn-S3cret-Pw';
    output = captureOutput();
    // The start checks Dev and Prod (and refuses when it cannot reach them):
    // both answer at start, with the password in their URLs, then go away.
    const api = await startTestApi({
      appEnv: 'production',
      skipLogin: true,
      env: { LOG_LEVEL: 'trace' },
      passwords: { development: password, production: password },
    });
    const outages = [await takeDatabaseDown(api.urls.development), await takeDatabaseDown(api.urls.production)];
    try {
      const refused = await api.http
        .post('/api/auth/login')
        .send({
          email: api.users.admin.email,
          password: api.users.admin.password,
        })
        .expect(503);
      expect(refused.body.message).toMatch(/Development database/);
      const health = await api.http.get('/api/health').expect(503);
      expect(health.body.status).toBe('degraded');
      const safety = await checkEnvironmentSafety(api.runtime.urls).then(
        () => null,
        (error: Error) => error,
      );
      expect(safety?.message).toMatch(/cannot reach/);

      const everything = [
        output.text(),
        JSON.stringify(refused.body),
        JSON.stringify(health.body),
        safety?.message ?? '',
      ].join('\n');
      expect(output.lines().some((line) => line.includes('Development database'))).toBe(true);
      expect(everything).not.toContain(password);
    } finally {
      await Promise.all(outages.map((outage) => outage.restore()));
      await api.close();
    }
  });
});
