import { ConfigError, loadConfig } from '@vantix/config';
import { startTestApi, TestApi } from '../../testing';

const DB_ENV = {
  DATABASE_URL_DEV: 'postgres://u@127.0.0.1:5432/dev',
  DATABASE_URL_PROD: 'postgres://u@127.0.0.1:5432/prod',
  AUDIT_DATABASE_URL: 'postgres://u@127.0.0.1:5432/audit',
  JWT_SECRET: 'x'.repeat(32),
  AUDIT_HMAC_KEY: 'k'.repeat(32),
  APP_ENV: 'production',
};

describe('login rate limits', () => {
  it('default to 5 attempts a minute per client IP and e-mail, 20 per client IP', () => {
    expect(loadConfig(DB_ENV).loginRateLimit).toEqual({
      perIpAndEmail: 5,
      perIp: 20,
    });
    expect(() => loadConfig({ ...DB_ENV, LOGIN_LIMIT_PER_IP: '0' })).toThrow(ConfigError);
  });

  describe('POST /api/auth/login', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi({
        appEnv: 'production',
        skipLogin: true,
        // A reverse proxy on this machine (TRUST_PROXY=loopback): X-Forwarded-For counts, so each test is its own client.
        env: { LOGIN_LIMIT_PER_IP_AND_EMAIL: '5', LOGIN_LIMIT_PER_IP: '20', TRUST_PROXY: 'loopback' },
      });
    });
    afterAll(() => api.close());

    const attempt = (ip: string, email: string, password: string) =>
      api.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });

    it('answers 429 after 5 attempts for one e-mail from one address, even with the right password', async () => {
      const { admin } = api.users;
      for (let i = 0; i < 5; i++) {
        expect((await attempt('198.51.100.1', admin.email, `guess-${i}`)).status).toBe(401);
      }
      const refused = await attempt('198.51.100.1', admin.email, admin.password);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.stringMatching(
          /^too many login attempts for this e-mail from your address; try again in \d+ seconds$/,
        ),
      });
      expect(Number(refused.headers['retry-after-per-ip-and-email'])).toBeGreaterThan(0);
      // The same e-mail differing only in case and spaces is the same account.
      expect((await attempt('198.51.100.1', ` ${admin.email.toUpperCase()}`, admin.password)).status).toBe(429);

      const events = await api.query<{
        payload: { email: string; reason: string };
        client_ip: string;
      }>(
        'audit',
        "SELECT payload, client_ip FROM audit_events WHERE type = 'auth.login_failed' AND payload->>'reason' = 'rate_limited'",
      );
      expect(events[0]).toEqual({
        payload: { email: admin.email, reason: 'rate_limited' },
        client_ip: '198.51.100.1',
      });
    });

    it('limits per address and e-mail: the same account from another address still logs in', async () => {
      const { admin } = api.users;
      expect((await attempt('198.51.100.2', admin.email, admin.password)).status).toBe(200);
    });

    it('answers 429 after 20 attempts from one address across different e-mails', async () => {
      for (let i = 0; i < 20; i++) {
        expect((await attempt('198.51.100.3', `user${i}@vantix.test`, 'guess')).status).toBe(401);
      }
      const refused = await attempt('198.51.100.3', api.users.agent.email, api.users.agent.password);
      expect(refused.status).toBe(429);
      expect(refused.body.message).toMatch(/^too many login attempts from your address/);
    });

    it('does not limit other routes', async () => {
      for (let i = 0; i < 25; i++) {
        await api.http.get('/api/health').set('X-Forwarded-For', '198.51.100.3').expect(200);
      }
    });
  });
});
