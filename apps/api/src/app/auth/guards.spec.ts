import { JwtService } from '@nestjs/jwt';
import { insertUsers, makeTestUser } from '@vantix/testing';
import { startTestApi, TestApi } from '../../testing';
import { sessionFingerprint } from './session-fingerprint';

interface DenialRow {
  actor_id: string | null;
  actor_email: string | null;
  request_id: string | null;
  payload: { method: string; path: string; status: number; reason: string };
}

const GUARDED = '/api/audit/verify';

describe('JwtAuthGuard and AdminGuard (@AdminOnly) on a real route', () => {
  let api: TestApi;
  let forge: JwtService;

  beforeAll(async () => {
    // Production: /api/audit is guarded in both environments; /api/dev is covered in environments.spec.ts.
    // Behind a trusted proxy on loopback, every request comes from its own address (X-Forwarded-For), so
    // each anonymous refusal is the first of its address and minute and gets an event of its own.
    api = await startTestApi({ appEnv: 'production', env: { TRUST_PROXY: 'loopback' } });
    forge = new JwtService({ secret: api.runtime.jwtSecret });
  });
  afterAll(() => api.close());

  /** The access.denied event a request left, found by its request id. */
  async function denialOf(response: { headers: Record<string, string> }): Promise<DenialRow> {
    const rows = await api.query<DenialRow>(
      'audit',
      "SELECT actor_id, actor_email, request_id, payload FROM audit_events WHERE type = 'access.denied' AND request_id = $1",
      [response.headers['x-request-id']],
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  let address = 0;
  /** GET on the guarded route from a fresh client address. */
  const guarded = (query = '') => api.http.get(`${GUARDED}${query}`).set('X-Forwarded-For', `192.0.2.${++address}`);

  /** The claims of a real session of this user (fingerprint of their Dev row, id, issuer, audience). */
  async function claimsOf(user: { id: string; email: string; role: string }) {
    const [{ password_hash: passwordHash }] = await api.query<{ password_hash: string }>(
      'development',
      'SELECT password_hash FROM users WHERE id = $1',
      [user.id],
    );
    return {
      sub: user.id,
      email: user.email,
      role: user.role,
      fp: sessionFingerprint(api.runtime.jwtSecret, { passwordHash, role: user.role }),
      pfp: null,
      jti: 'd2c1b0a9-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
      iss: 'vantix-sync',
      aud: 'vantix-sync-api',
    };
  }

  it('lets an admin through', async () => {
    const response = await guarded().set(api.bearer(api.adminToken)).expect(200);
    expect(response.body).toMatchObject({ ok: true });
  });

  it('answers 401 without a token and records access.denied', async () => {
    const response = await guarded().expect(401);
    expect(response.body).toMatchObject({
      statusCode: 401,
      message: expect.stringContaining('Bearer'),
    });
    expect(await denialOf(response)).toMatchObject({
      actor_id: null,
      payload: {
        method: 'GET',
        path: GUARDED,
        status: 401,
        reason: 'missing_token',
      },
    });
  });

  it('answers 401 for another scheme than Bearer', async () => {
    const response = await api.http
      .get(GUARDED)
      .set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`)
      .expect(401);
    expect((await denialOf(response)).payload.reason).toBe('missing_token');
  });

  it('answers 401 for a malformed token and never records the token', async () => {
    const response = await guarded('?x=1').set(api.bearer('not.a-jwt')).expect(401);
    const denial = await denialOf(response);
    expect(denial.payload).toEqual({
      method: 'GET',
      path: GUARDED,
      status: 401,
      reason: 'malformed_token',
    });
    expect(JSON.stringify(denial)).not.toContain('not.a-jwt');
  });

  it('answers 401 for a token signed with another secret', async () => {
    const forged = await new JwtService({
      secret: 'another-secret-of-at-least-32-characters!',
    }).signAsync(await claimsOf(api.users.admin), { expiresIn: 600 });
    const response = await guarded().set(api.bearer(forged)).expect(401);
    const denial = await denialOf(response);
    expect(denial.payload.reason).toBe('invalid_token');
    expect(JSON.stringify(denial)).not.toContain(forged);
  });

  it('answers 401 for an unsigned token (alg: none)', async () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...(await claimsOf(api.users.admin)), iat: now, exp: now + 600 })}.`;
    const response = await guarded().set(api.bearer(unsigned)).expect(401);
    expect((await denialOf(response)).payload.reason).toBe('invalid_token');
  });

  it('answers 401 for a token with the right secret but another algorithm (HS256 is pinned)', async () => {
    const hs512 = await forge.signAsync(await claimsOf(api.users.admin), {
      algorithm: 'HS512',
      expiresIn: 600,
    });
    await guarded().set(api.bearer(hs512)).expect(401);
  });

  it('answers 401 for an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await forge.signAsync({
      ...(await claimsOf(api.users.admin)),
      iat: past,
      exp: past + 60,
    });
    const response = await guarded().set(api.bearer(expired)).expect(401);
    expect(response.body.message).toMatch(/expired/);
    expect((await denialOf(response)).payload.reason).toBe('expired_token');
  });

  it('answers 403 for a user who is not an admin and records who it was', async () => {
    const response = await guarded().set(api.bearer(api.agentToken)).expect(403);
    expect(response.body).toMatchObject({
      statusCode: 403,
      message: expect.stringContaining('"agent"'),
    });
    expect(await denialOf(response)).toMatchObject({
      actor_id: api.users.agent.id,
      actor_email: api.users.agent.email,
      payload: {
        method: 'GET',
        path: GUARDED,
        status: 403,
        reason: 'not_admin',
      },
    });
  });

  it('ends the session of an admin demoted since login: 401, log in again (then 403 as an agent)', async () => {
    const user = makeTestUser('admin');
    await insertUsers(api.pool('development'), [user]);
    const token = await api.login(user.email, user.password);
    await guarded().set(api.bearer(token)).expect(200);
    await api.query('development', "UPDATE users SET role = 'agent' WHERE id = $1", [user.id]);
    const response = await guarded().set(api.bearer(token)).expect(401);
    expect((await denialOf(response)).payload.reason).toBe('stale_token');
    const again = await api.login(user.email, user.password);
    const refused = await guarded().set(api.bearer(again)).expect(403);
    expect((await denialOf(refused)).actor_id).toBe(user.id);
  });

  it('answers 401 for the token of a user deleted since login', async () => {
    const user = makeTestUser('admin');
    await insertUsers(api.pool('development'), [user]);
    const token = await api.login(user.email, user.password);
    await api.query('development', 'DELETE FROM users WHERE id = $1', [user.id]);
    const response = await guarded().set(api.bearer(token)).expect(401);
    expect((await denialOf(response)).payload.reason).toBe('unknown_user');
  });

  it('answers 401 for a correctly signed token whose subject is not a user id', async () => {
    const odd = await forge.signAsync(
      { ...(await claimsOf(api.users.admin)), sub: "1' OR '1'='1", email: 'x@y.z' },
      { expiresIn: 600 },
    );
    const response = await guarded().set(api.bearer(odd)).expect(401);
    expect((await denialOf(response)).payload.reason).toBe('unknown_user');
  });

  it('ignores the role in the token: an agent token re-signed with role admin is still refused', async () => {
    const elevated = await forge.signAsync(
      {
        ...(await claimsOf(api.users.agent)),
        role: 'admin',
      },
      { expiresIn: 600 },
    );
    await guarded().set(api.bearer(elevated)).expect(403);
  });

  it('keeps tokens and passwords out of every audit event', async () => {
    const all = JSON.stringify(await api.query('audit', 'SELECT * FROM audit_events'));
    for (const secret of [
      api.adminToken,
      api.agentToken,
      api.users.admin.password,
      api.users.agent.password,
      api.runtime.jwtSecret,
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
