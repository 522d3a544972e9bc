import { startTestApi, TestApi } from '../testing';

describe('APP_ENV=production', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ appEnv: 'production' });
  });
  afterAll(() => api.close());

  it('does not register /api/dev at all: 404 even for an admin, and nothing is audited as a denial', async () => {
    const response = await api.http
      .post('/api/dev/compare-databases')
      .set(api.bearer(api.adminToken))
      .send({})
      .expect(404);
    expect(response.body).toMatchObject({ statusCode: 404 });
    await api.http.get('/api/dev/comparisons').expect(404);
    await api.http.post('/api/dev/sync-to-production').send({}).expect(404);
    await api.http.post('/api/dev/refresh-development').set(api.bearer(api.adminToken)).send({}).expect(404);
    await api.http.get('/api/dev/refreshes').set(api.bearer(api.adminToken)).expect(404);
    const denials = await api.query('audit', "SELECT 1 FROM audit_events WHERE type = 'access.denied'");
    expect(denials).toHaveLength(0);
  });

  it('still answers /api/health, login and the guarded audit routes', async () => {
    const health = await api.http.get('/api/health').expect(200);
    expect(health.body).toEqual({
      status: 'ok',
      databases: { development: { status: 'ok' }, production: { status: 'ok' }, audit: { status: 'ok' } },
    });
    const details = await api.http.get('/api/health/details').set(api.bearer(api.adminToken)).expect(200);
    expect(details.body).toMatchObject({ status: 'ok', environment: 'production', demo: false });
    await api.http.get('/api/audit/verify').set(api.bearer(api.adminToken)).expect(200);
    await api.http.get('/api/audit/verify').expect(401);
  });
});

describe('APP_ENV=development', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ appEnv: 'development' });
  });
  afterAll(() => api.close());

  it('guards POST /api/dev/compare-databases: 401 without a token, 403 for an agent, audited', async () => {
    const anonymous = await api.http.post('/api/dev/compare-databases').send({}).expect(401);
    const agent = await api.http
      .post('/api/dev/compare-databases')
      .set(api.bearer(api.agentToken))
      .send({})
      .expect(403);
    const rows = await api.query<{
      request_id: string;
      payload: Record<string, unknown>;
    }>('audit', "SELECT request_id, payload FROM audit_events WHERE type = 'access.denied' ORDER BY seq");
    expect(rows).toEqual([
      {
        request_id: anonymous.headers['x-request-id'],
        payload: {
          method: 'POST',
          path: '/api/dev/compare-databases',
          status: 401,
          reason: 'missing_token',
        },
      },
      {
        request_id: agent.headers['x-request-id'],
        payload: {
          method: 'POST',
          path: '/api/dev/compare-databases',
          status: 403,
          reason: 'not_admin',
        },
      },
    ]);
    // Guards run before anything else: no comparison was requested.
    const requested = await api.query('audit', "SELECT 1 FROM audit_events WHERE type LIKE 'comparison.%'");
    expect(requested).toHaveLength(0);
  });

  it('serves the OpenAPI page and document in development', async () => {
    await api.http.get('/api/docs').expect(200);
    const document = await api.http.get('/api/docs-json').expect(200);
    expect(Object.keys((document.body as { paths: object }).paths)).toContain('/api/dev/compare-databases');
  });

  it('lets an admin compare', async () => {
    const response = await api.http
      .post('/api/dev/compare-databases')
      .set(api.bearer(api.adminToken))
      .send({})
      .expect(201);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      tables: expect.any(Array),
    });
  });
});
