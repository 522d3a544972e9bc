import { startTestApi, TestApi } from '../testing';

/** Headers every answer must carry, whatever the route or the outcome. */
function expectSecurityHeaders(headers: Record<string, string | undefined>): void {
  const csp = headers['content-security-policy'] ?? '';
  const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? '';
  expect(scriptSrc.trim()).toBe("'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('upgrade-insecure-requests');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-powered-by']).toBeUndefined();
}

describe('security headers, health and docs with APP_ENV=production', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ appEnv: 'production' });
  });
  afterAll(() => api.close());

  it.each([
    ['GET /api/health', () => api.http.get('/api/health'), 200],
    ['GET /api/audit/verify without a token', () => api.http.get('/api/audit/verify'), 401],
    ['GET an unknown /api route', () => api.http.get('/api/nothing-here'), 404],
    [
      'POST a body over the limit',
      () =>
        api.http
          .post('/api/auth/login')
          .set('content-type', 'application/json')
          .send('"' + 'x'.repeat(600_000) + '"'),
      413,
    ],
  ])('%s: CSP, nosniff, no-referrer, frame-ancestors none and Cache-Control no-store', async (_name, call, status) => {
    const response = await call();
    expect(response.status).toBe(status);
    expectSecurityHeaders(response.headers);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('keeps the login answer (a token) out of every cache', async () => {
    const response = await api.http
      .post('/api/auth/login')
      .send({ email: api.users.admin.email, password: api.users.admin.password })
      .expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('serves no OpenAPI page or document in production (404)', async () => {
    await api.http.get('/api/docs').expect(404);
    await api.http.get('/api/docs-json').expect(404);
  });

  it('answers the public health with each database ok or down and nothing else', async () => {
    const response = await api.http.get('/api/health').expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      databases: { development: { status: 'ok' }, production: { status: 'ok' }, audit: { status: 'ok' } },
    });
    const text = JSON.stringify(response.body);
    for (const url of Object.values(api.runtime.urls)) {
      const { hostname, pathname } = new URL(url);
      expect(text).not.toContain(hostname);
      expect(text).not.toContain(pathname.slice(1));
    }
  });

  it('keeps the details (hosts, versions, privileges) for admins: 401 without a token, 403 for an agent', async () => {
    await api.http.get('/api/health/details').expect(401);
    await api.http.get('/api/health/details').set(api.bearer(api.agentToken)).expect(403);
    const details = await api.http.get('/api/health/details').set(api.bearer(api.adminToken)).expect(200);
    const production = (details.body as { databases: Array<{ role: string; target: string; serverVersion: string }> })
      .databases[1];
    expect(production.role).toBe('production');
    expect(production.target).toMatch(/^127\.0\.0\.1:5432\/vx_/);
    expect(production.serverVersion).toMatch(/^\d+/);
  });
});
