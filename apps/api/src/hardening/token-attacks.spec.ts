import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { crmChecksum, insertUsers, makeTestUser } from '@vantix/testing';
import { startTestApi, TestApi } from '../testing';
import { Figures } from './support/figures';

interface Denial {
  payload: { status: number; reason: string; path: string };
  actor_id: string | null;
}

/**
 * The attack matrix of issue 7 against every guarded endpoint (the auth
 * suite covers each attack in depth on one route): no token, malformed, other
 * scheme, wrong signature, alg none, another algorithm, expired, a forged
 * role claim, a deleted user, a demoted admin, an agent. Every answer is
 * 401/403 with exactly one access.denied event, and nothing else happens.
 */
describe('hardening: token attacks on every guarded endpoint', () => {
  let api: TestApi;
  let attacks: [name: string, authorization: string | null, status: 401 | 403][];
  const figures = new Figures('token-attacks');

  const endpoints = (
    comparisonId: string,
    eventId: string,
  ): [method: 'get' | 'post', path: string, body?: object][] => [
    ['post', '/api/dev/compare-databases', {}],
    ['get', '/api/dev/comparisons'],
    ['get', `/api/dev/comparisons/${comparisonId}`],
    ['get', `/api/dev/comparisons/${comparisonId}/records?table=customers&kind=missingInProduction`],
    [
      'post',
      '/api/dev/sync-to-production',
      {
        comparisonId,
        confirm: true,
        reason: 'Spec: copy the reviewed records',
        selections: [{ table: 'customers', all: true }],
      },
    ],
    ['get', '/api/audit/events'],
    ['get', `/api/audit/events/${eventId}`],
    ['get', '/api/audit/verify'],
  ];

  beforeAll(async () => {
    api = await startTestApi({ env: { TRUST_PROXY: 'loopback' } });
    const forge = new JwtService({ secret: api.runtime.jwtSecret });
    const impostor = new JwtService({
      secret: 'another-secret-of-at-least-32-characters!!',
    });
    const claims = {
      sub: api.users.admin.id,
      email: api.users.admin.email,
      role: 'admin',
    };
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);

    const [deleted, demoted] = [makeTestUser('admin'), makeTestUser('admin')];
    await insertUsers(api.pool('development'), [deleted, demoted]);
    const deletedToken = await api.login(deleted.email, deleted.password);
    const demotedToken = await api.login(demoted.email, demoted.password);
    await api.query('development', 'DELETE FROM users WHERE id = $1', [deleted.id]);
    await api.query('development', "UPDATE users SET role = 'agent' WHERE id = $1", [demoted.id]);

    const [header, payload] = api.agentToken.split('.');
    const raisedPayload = encode({
      ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
      role: 'admin',
    });
    attacks = [
      ['no token', null, 401],
      ['empty bearer', 'Bearer ', 401],
      ['malformed', 'Bearer not-a-jwt', 401],
      ['three dots of garbage', 'Bearer a.b.c', 401],
      ['other scheme', `Basic ${Buffer.from(`${api.users.admin.email}:x`).toString('base64')}`, 401],
      ['wrong signature', `Bearer ${await impostor.signAsync(claims)}`, 401],
      [
        'alg none',
        `Bearer ${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, iat: now, exp: now + 600 })}.`,
        401,
      ],
      ['HS512', `Bearer ${await forge.signAsync(claims, { algorithm: 'HS512' })}`, 401],
      ['expired', `Bearer ${await forge.signAsync({ ...claims, iat: now - 7200, exp: now - 3600 })}`, 401],
      ['role claim edited, signature kept', `Bearer ${header}.${raisedPayload}.${api.agentToken.split('.')[2]}`, 401],
      ['deleted user', `Bearer ${deletedToken}`, 401],
      // A changed role ends the session (issue 12): log in again, then 403 as an agent.
      ['demoted admin', `Bearer ${demotedToken}`, 401],
      ['agent', `Bearer ${api.agentToken}`, 403],
    ];
  });

  afterAll(async () => {
    figures.print();
    await api?.close();
  });

  it('answers 401/403 with one access.denied event each, and nothing else is written', async () => {
    let address = 0;
    const comparison = await api.http.post('/api/dev/compare-databases').set(api.bearer(api.adminToken)).send({});
    const [event] = await api.query<{ id: string }>('audit', 'SELECT id::text FROM audit_events ORDER BY seq LIMIT 1');
    const prodBefore = await crmChecksum(api.pool('production'));
    const typesBefore = await api.query<{ type: string; n: number }>(
      'audit',
      "SELECT type, count(*)::int AS n FROM audit_events WHERE type <> 'access.denied' GROUP BY type ORDER BY type",
    );

    for (const [method, path, body] of endpoints((comparison.body as { id: string }).id, event.id)) {
      for (const [name, authorization, expected] of attacks) {
        const requestId = randomUUID();
        // Each attack from its own address (behind a trusted proxy): anonymous refusals are aggregated per
        // address, reason and minute, and this suite checks that each one is recorded.
        address += 1;
        let call = api.http[method](path)
          .set('X-Request-Id', requestId)
          .set('X-Forwarded-For', `198.18.${Math.floor(address / 250)}.${address % 250}`);
        if (authorization !== null) {
          call = call.set('Authorization', authorization);
        }
        const response = await (body ? call.send(body) : call);
        figures.answer(response.status);
        expect({ name, path, status: response.status }).toEqual({
          name,
          path,
          status: expected,
        });
        expect(typeof response.body.message).toBe('string');
        // The client's X-Request-Id is kept beside the server's own request id.
        const denials = await api.query<Denial>(
          'audit',
          "SELECT payload, actor_id FROM audit_events WHERE type = 'access.denied' AND client_request_id = $1",
          [requestId],
        );
        expect({ name, path, denials: denials.length }).toEqual({
          name,
          path,
          denials: 1,
        });
        expect(denials[0].payload.status).toBe(expected);
        // The denial never carries the presented token.
        if (authorization) {
          expect(JSON.stringify(denials[0])).not.toContain(authorization.replace(/^\w+ /, '') || '\u0000');
        }
      }
    }

    expect(await crmChecksum(api.pool('production'))).toBe(prodBefore);
    expect(
      await api.query(
        'audit',
        "SELECT type, count(*)::int AS n FROM audit_events WHERE type <> 'access.denied' GROUP BY type ORDER BY type",
      ),
    ).toEqual(typesBefore);
    const verify = await api.http.get('/api/audit/verify').set(api.bearer(api.adminToken));
    expect(verify.body).toMatchObject({ ok: true });
    figures.set('attacks × endpoints', `${attacks.length} × 8`);
    figures.set(
      'access.denied events',
      figures.countOf((s) => s === 401 || s === 403),
    );
  });
});
