import { insertUsers, makeTestUser } from '@vantix/testing';
import { startTestApi, TestApi } from '../../testing';

interface EventRow {
  type: string;
  actor_id: string | null;
  actor_email: string | null;
  client_ip: string | null;
  request_id: string | null;
  payload: Record<string, unknown>;
}

describe('POST /api/auth/login', () => {
  let api: TestApi;
  const variants = {
    a: makeTestUser('admin'),
    b: makeTestUser('admin'),
    y: makeTestUser('admin'),
  };
  const costly = makeTestUser('agent');

  beforeAll(async () => {
    api = await startTestApi({
      skipLogin: true,
      // Login is the same in both environments; production also keeps this file independent of /api/dev.
      appEnv: 'production',
      seed: async ({ development }) => {
        await insertUsers(development, [variants.a], '$2a$');
        await insertUsers(development, [variants.b], '$2b$');
        await insertUsers(development, [variants.y], '$2y$');
        // A CRM-like cost for one user: the dummy hash for unknown e-mails must match it.
        await insertUsers(development, [costly], '$2b$', 10);
      },
    });
  });
  afterAll(() => api.close());

  const events = (type: string) =>
    api.query<EventRow>(
      'audit',
      'SELECT type, actor_id, actor_email, client_ip, request_id, payload FROM audit_events WHERE type = $1 ORDER BY seq',
      [type],
    );

  it.each(Object.entries(variants))(
    'accepts a $2%s$ hash and returns a Bearer token with the user',
    async (prefix, user) => {
      const stored = await api.query<{ password_hash: string }>(
        'development',
        'SELECT password_hash FROM users WHERE id = $1',
        [user.id],
      );
      expect(stored[0].password_hash.startsWith(`$2${prefix}$`)).toBe(true);

      const response = await api.http
        .post('/api/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(200);
      expect(response.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        tokenType: 'Bearer',
        expiresIn: 1800,
        user: {
          id: user.id,
          email: user.email,
          name: user.name,
          role: 'admin',
          // These users exist in Dev only: no admin of Production.
          mayWriteToProduction: false,
        },
      });
      const header = JSON.parse(Buffer.from(response.body.accessToken.split('.')[0], 'base64url').toString());
      expect(header.alg).toBe('HS256');
      const claims = JSON.parse(Buffer.from(response.body.accessToken.split('.')[1], 'base64url').toString());
      expect(claims.exp - claims.iat).toBe(1800);
      expect(JSON.stringify(response.body)).not.toContain(stored[0].password_hash);

      await api.http.get('/api/auth/me').set(api.bearer(response.body.accessToken)).expect(200, {
        id: user.id,
        email: user.email,
        name: user.name,
        role: 'admin',
        mayWriteToProduction: false,
      });
    },
  );

  it('answers a wrong password and an unknown e-mail with the same 401 and records both', async () => {
    const { admin } = api.users;
    const wrong = await api.http
      .post('/api/auth/login')
      .send({ email: admin.email, password: 'not-the-password' })
      .expect(401);
    const unknown = await api.http
      .post('/api/auth/login')
      .send({ email: 'nobody@vantix.test', password: admin.password })
      .expect(401);
    const strip = (body: Record<string, unknown>) => ({
      ...body,
      requestId: undefined,
    });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body).toMatchObject({
      statusCode: 401,
      message: 'e-mail or password is wrong',
    });

    const failed = await events('auth.login_failed');
    expect(failed.map((e) => e.payload)).toEqual(
      expect.arrayContaining([
        { email: admin.email, reason: 'wrong_password' },
        { email: 'nobody@vantix.test', reason: 'unknown_email' },
      ]),
    );
    const request = failed.find((e) => e.payload['reason'] === 'wrong_password');
    expect(request?.request_id).toBe(wrong.headers['x-request-id']);
    expect(request?.client_ip).toMatch(/127\.0\.0\.1/);
    const all = JSON.stringify(await api.query('audit', 'SELECT * FROM audit_events'));
    expect(all).not.toContain('not-the-password');
    expect(all).not.toContain(admin.password);
  });

  it('records a successful login with the user as actor and no secret', async () => {
    const { agent } = api.users;
    const response = await api.http
      .post('/api/auth/login')
      .send({ email: agent.email, password: agent.password })
      .expect(200);
    const succeeded = await events('auth.login_succeeded');
    const mine = succeeded.find((e) => e.actor_id === agent.id);
    expect(mine).toMatchObject({
      actor_email: agent.email,
      payload: { email: agent.email, role: 'agent' },
    });
    const all = JSON.stringify(await api.query('audit', 'SELECT * FROM audit_events'));
    expect(all).not.toContain(response.body.accessToken);
    expect(all).not.toContain(agent.password);
  });

  it.each([
    [{ password: 'x' }, /email/],
    [{ email: 'admin@vantix.test' }, /password/],
    [{ email: 'not-an-address', password: 'x' }, /email must be an e-mail address/],
    [{ email: 'admin@vantix.test', password: 'x', role: 'admin' }, /property role should not exist/],
    [{ email: 'admin@vantix.test', password: 42 }, /password must be a string/],
  ])('refuses %j with a 400 naming the field', async (body, message) => {
    const response = await api.http.post('/api/auth/login').send(body).expect(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringMatching(message),
    });
  });

  it.each([
    [{ password: 'x' }, 'email is required'],
    [{ email: '', password: 'x' }, 'email is required'],
    [{ email: null, password: 'x' }, 'email is required'],
    [{ email: 'admin@vantix.test' }, 'password is required'],
    [{ email: 'admin@vantix.test', password: '' }, 'password is required'],
    [{}, 'email is required; password is required'],
  ])('refuses %j with one clear message per missing field', async (body, message) => {
    const response = await api.http.post('/api/auth/login').send(body).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message });
  });

  it('refuses a body that is not valid JSON with 400', async () => {
    const response = await api.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      message: 'request body is not valid JSON',
    });
  });
});
