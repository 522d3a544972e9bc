import { JwtService } from '@nestjs/jwt';
import { auditStoreRoleWarnings } from '@vantix/audit';
import { ApiErrorBody, ComparisonReport, SyncResult } from '@vantix/contracts';
import { asAuditStoreOwner, insertUsers, makeTestUser } from '@vantix/testing';
import bcrypt from 'bcryptjs';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { startTestApi, TestApi } from '../testing';

/**
 * Issue 12 over HTTP on real PostgreSQL: Production decides who may write to
 * Production, admin accounts are never synced by accident, sessions end when
 * they should, client addresses and request ids cannot be chosen by the
 * client, the audit chain cannot be rewritten by its owner, and junk traffic
 * cannot grow the log without bound.
 */
describe('trust boundaries', () => {
  let api: TestApi;
  // An admin in Dev only: may compare, may not write to Production.
  const devOnlyAdmin = makeTestUser('admin');
  // An admin account in Dev only, of someone else: what a planted admin would be.
  const plantedAdmin = makeTestUser('admin');
  const agentInDevOnly = makeTestUser('agent');

  beforeAll(async () => {
    api = await startTestApi({
      env: { LOGIN_LIMIT_PER_IP_AND_EMAIL: '5', LOGIN_LIMIT_PER_IP: '20' },
      seed: async ({ development }) => {
        await insertUsers(development, [devOnlyAdmin, plantedAdmin, agentInDevOnly]);
      },
    });
  });
  afterAll(() => api?.close());

  const compare = async (token: string): Promise<ComparisonReport> => {
    const response = await api.http.post('/api/dev/compare-databases').set(api.bearer(token)).send({});
    expect(response.status).toBe(201);
    return response.body as ComparisonReport;
  };
  const sync = (token: string, body: object) =>
    api.http
      .post('/api/dev/sync-to-production')
      .set(api.bearer(token))
      .send({ confirm: true, reason: 'Ticket SEC-1: a sync the trust tests attempt', ...body });
  const prodUsers = async () =>
    (await api.query<{ id: string; role: string }>('production', 'SELECT id, role FROM users ORDER BY id')).map(
      (row) => `${row.id}:${row.role}`,
    );
  const auditCount = async () =>
    Number((await api.query<{ n: number }>('audit', 'SELECT count(*)::int AS n FROM audit_events'))[0].n);

  describe('Production is the authority for writes', () => {
    it('lets a Dev-only admin compare and plan, answers 403 on the write, audits it, writes nothing', async () => {
      const token = await api.login(devOnlyAdmin.email, devOnlyAdmin.password);
      const me = await api.http.get('/api/auth/me').set(api.bearer(token)).expect(200);
      expect(me.body).toMatchObject({ email: devOnlyAdmin.email, role: 'admin', mayWriteToProduction: false });
      const report = await compare(token);
      const selections = [{ table: 'users', ids: [agentInDevOnly.id] }];
      const dryRun = await sync(token, { comparisonId: report.id, dryRun: true, selections });
      expect(dryRun.status).toBe(201);
      expect((dryRun.body as SyncResult).status).toBe('dry_run');

      const [usersBefore, eventsBefore] = [await prodUsers(), await auditCount()];
      const refused = await sync(token, { comparisonId: report.id, selections });
      expect(refused.status).toBe(403);
      expect((refused.body as ApiErrorBody).message).toMatch(/not an admin in Production's users table/);
      expect(await prodUsers()).toEqual(usersBefore);
      const events = await api.query<{ type: string; actor_email: string; payload: { reason: string } }>(
        'audit',
        'SELECT type, actor_email, payload FROM audit_events WHERE seq > (SELECT max(seq) - $1 FROM audit_events) ORDER BY seq',
        [(await auditCount()) - eventsBefore],
      );
      expect(events).toEqual([
        expect.objectContaining({
          type: 'access.denied',
          actor_email: devOnlyAdmin.email,
          payload: expect.objectContaining({ status: 403, reason: 'not_production_admin' }),
        }),
      ]);
    });

    it('lets a Production admin sync, matching the e-mail without regard to case', async () => {
      await api.query('production', 'UPDATE users SET email = upper(email) WHERE id = $1', [api.users.admin.id]);
      try {
        const token = await api.login(api.users.admin.email, api.users.admin.password);
        const report = await compare(token);
        const response = await sync(token, {
          comparisonId: report.id,
          selections: [{ table: 'users', ids: [agentInDevOnly.id] }],
        });
        expect(response.status).toBe(201);
        expect((response.body as SyncResult).status).toBe('committed');
        expect(await prodUsers()).toContain(`${agentInDevOnly.id}:agent`);
      } finally {
        await api.query('production', 'UPDATE users SET email = lower(email) WHERE id = $1', [api.users.admin.id]);
      }
    });

    it('refuses the write with 401 once the Production row changed after login (log in again)', async () => {
      const token = await api.login(api.users.admin.email, api.users.admin.password);
      await api.query('production', `UPDATE users SET password_hash = $2 WHERE id = $1`, [
        api.users.admin.id,
        await bcrypt.hash('changed-in-production', 4),
      ]);
      const report = await compare(token);
      const response = await sync(token, {
        comparisonId: report.id,
        dryRun: false,
        selections: [{ table: 'customers', all: true }],
      });
      expect(response.status).toBe(401);
      expect((response.body as ApiErrorBody).message).toMatch(/log in again/);
    });
  });

  describe('admin accounts are never synced by accident', () => {
    it('refuses a selection of an admin account with 400 naming it, writing nothing; allows it with the flag', async () => {
      const token = await api.login(api.users.admin.email, api.users.admin.password);
      const report = await compare(token);
      const selections = [{ table: 'users', ids: [plantedAdmin.id] }];
      const [usersBefore, eventsBefore] = [await prodUsers(), await auditCount()];
      const refused = await sync(token, { comparisonId: report.id, selections });
      expect(refused.status).toBe(400);
      expect((refused.body as ApiErrorBody).message).toMatch(
        new RegExp(`users ${plantedAdmin.id} \\(an admin account`),
      );
      expect((refused.body as ApiErrorBody).details?.['invalid']).toEqual([
        { table: 'users', id: plantedAdmin.id, reason: expect.stringMatching(/allowAdminAccounts/) },
      ]);
      expect(await prodUsers()).toEqual(usersBefore);
      expect(await auditCount()).toBe(eventsBefore + 1); // only the refusal itself, sync.refused

      const dryRun = await sync(token, { comparisonId: report.id, selections, dryRun: true, allowAdminAccounts: true });
      expect((dryRun.body as SyncResult).plan.adminAccounts).toEqual({
        count: 1,
        ids: [plantedAdmin.id],
        passwordHashesIncluded: true,
      });
      const allowed = await sync(token, { comparisonId: report.id, selections, allowAdminAccounts: true });
      expect(allowed.status).toBe(201);
      expect(await prodUsers()).toContain(`${plantedAdmin.id}:admin`);
      const [requested] = await api.query<{ payload: { plan: { adminAccounts: unknown } } }>(
        'audit',
        "SELECT payload FROM audit_events WHERE type = 'sync.requested' ORDER BY seq DESC LIMIT 1",
      );
      expect(requested.payload.plan.adminAccounts).toEqual({
        count: 1,
        ids: [plantedAdmin.id],
        copiedWith: 'their password hashes',
      });
    });
  });

  describe('sessions', () => {
    it('issues tokens with exp, iss, aud and jti; logout revokes the token (401 after)', async () => {
      const token = await api.login(api.users.agent.email, api.users.agent.password);
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
      expect(claims).toMatchObject({
        iss: 'vantix-sync',
        aud: 'vantix-sync-api',
        jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
        exp: expect.any(Number),
      });
      await api.http.get('/api/auth/me').set(api.bearer(token)).expect(200);
      await api.http.post('/api/auth/logout').set(api.bearer(token)).expect(204);
      const after = await api.http.get('/api/auth/me').set(api.bearer(token)).expect(401);
      expect((after.body as ApiErrorBody).message).toMatch(/revoked/);
      const [logout] = await api.query('audit', "SELECT actor_id FROM audit_events WHERE type = 'auth.logout'");
      expect(logout).toEqual({ actor_id: api.users.agent.id });
      // Another session of the same user is not affected.
      await api.http.get('/api/auth/me').set(api.bearer(api.agentToken)).expect(200);
    });

    it('ends every earlier session when the password hash or the role changes in Dev', async () => {
      const user = makeTestUser('agent');
      await insertUsers(api.pool('development'), [user]);
      const first = await api.login(user.email, user.password);
      await api.query('development', 'UPDATE users SET password_hash = $2 WHERE id = $1', [
        user.id,
        await bcrypt.hash('a-new-password', 4),
      ]);
      const refused = await api.http.get('/api/auth/me').set(api.bearer(first)).expect(401);
      expect((refused.body as ApiErrorBody).message).toMatch(/password or the role .* changed/);
      const second = await api.login(user.email, 'a-new-password');
      await api.query('development', "UPDATE users SET role = 'admin' WHERE id = $1", [user.id]);
      await api.http.get('/api/auth/me').set(api.bearer(second)).expect(401);
    });

    it('refuses a token without exp, or of another issuer or audience', async () => {
      const sign = (options: object, claims: object = {}) =>
        new JwtService({ secret: api.runtime.jwtSecret }).signAsync(
          { sub: api.users.admin.id, email: api.users.admin.email, role: 'admin', ...claims },
          options,
        );
      const valid = {
        issuer: 'vantix-sync',
        audience: 'vantix-sync-api',
        jwtid: 'a2b0c9a8-1d3e-4f00-9a1b-2c3d4e5f6a7b',
      };
      for (const token of [
        await sign({ issuer: valid.issuer, audience: valid.audience, jwtid: valid.jwtid }),
        await sign({ ...valid, issuer: 'someone-else', expiresIn: 600 }),
        await sign({ ...valid, audience: 'another-api', expiresIn: 600 }),
      ]) {
        await api.http.get('/api/audit/verify').set(api.bearer(token)).expect(401);
      }
    });
  });

  describe('client addresses and request ids', () => {
    it('keys the login throttle on the socket address: a rotating X-Forwarded-For changes nothing', async () => {
      const statuses: number[] = [];
      for (let i = 1; i <= 30; i += 1) {
        const response = await api.http
          .post('/api/auth/login')
          .set('X-Forwarded-For', `203.0.113.${i}`)
          .send({ email: `nobody-${i}@vantix.test`, password: 'wrong' });
        statuses.push(response.status);
      }
      // LOGIN_LIMIT_PER_IP is 20 (minus the logins above in this minute): 429 before the 30th.
      expect(statuses).toContain(429);
      expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
      const spoofed = await api.query('audit', "SELECT 1 FROM audit_events WHERE client_ip LIKE '203.0.113.%'");
      expect(spoofed).toEqual([]);
    });

    it("stores the server's request id, keeping the client's beside it", async () => {
      const response = await api.http.get('/api/audit/verify').set('X-Request-Id', 'forged-by-client').expect(401);
      const serverId = response.headers['x-request-id'];
      expect(serverId).toMatch(/^[0-9a-f-]{36}$/);
      const rows = await api.query(
        'audit',
        "SELECT request_id FROM audit_events WHERE request_id = 'forged-by-client'",
      );
      expect(rows).toEqual([]);
      const events = await api.http.get('/api/audit/events?limit=200').set(api.bearer(api.adminToken)).expect(200);
      const mine = (events.body.items as { requestId: string; clientRequestId: string | null }[]).filter(
        (event) => event.clientRequestId === 'forged-by-client',
      );
      // The denial may have joined this minute's count of missing_token refusals: then it has no event of its own.
      for (const event of mine) {
        expect(event.requestId).toBe(serverId);
      }
    });
  });

  describe('flood control and filters', () => {
    it('adds at most a handful of events for 1,000 junk-token requests', async () => {
      const before = await auditCount();
      for (let i = 0; i < 1000; i += 1) {
        await api.http
          .get('/api/audit/verify')
          .set(api.bearer(`junk.${i}.token`))
          .expect(401);
      }
      const written = (await auditCount()) - before;
      expect(written).toBeLessThanOrEqual(3);
    });

    it('answers a NUL or another control character in the actor filter with 400', async () => {
      for (const actor of ['%00', 'a%0Ab']) {
        const response = await api.http.get(`/api/audit/events?actor=${actor}`).set(api.bearer(api.adminToken));
        expect(response.status).toBe(400);
        expect((response.body as ApiErrorBody).message).toMatch(/actor/);
      }
    });
  });

  describe('a chain its owner cannot rewrite', () => {
    /** Connects as a non-superuser that owns audit_events, as the app's own role does when it migrates. */
    async function asOwner<T>(work: (client: Client) => Promise<T>): Promise<T> {
      const owner = `audit_owner_${Math.random().toString(36).slice(2, 10)}`;
      await api.query('audit', `CREATE ROLE ${owner} LOGIN NOSUPERUSER`);
      await api.query('audit', `ALTER TABLE audit_events OWNER TO ${owner}`);
      const url = new URL(api.urls.audit);
      url.username = owner;
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
        await api.query('audit', 'ALTER TABLE audit_events OWNER TO CURRENT_USER');
        await api.query('audit', `DROP ROLE ${owner}`);
      }
    }

    it('warns that the runtime role (here a superuser) could rewrite the log', async () => {
      expect(await auditStoreRoleWarnings(api.runtime.audit.pool)).toEqual([expect.stringMatching(/is a superuser/)]);
    });

    it('anchors every append outside the database', async () => {
      const [head] = await api.query<{ seq: string; hash: string }>(
        'audit',
        'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
      );
      const lines = readFileSync(api.runtime.config.trust.auditAnchorFile, 'utf8').trim().split('\n');
      expect(JSON.parse(lines[lines.length - 1])).toMatchObject({ seq: Number(head.seq), hash: head.hash });
    });

    it('reports an event edited by the owner with triggers disabled and the chain re-hashed without the key', async () => {
      const edited = await asOwner(async (client) => {
        await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
        const { rows } = await client.query('SELECT * FROM audit_events ORDER BY seq');
        const target = rows[Math.floor(rows.length / 2)];
        await client.query(`UPDATE audit_events SET actor_email = 'someone-else@evil.test' WHERE seq = $1`, [
          target.seq,
        ]);
        let prev = '0'.repeat(64);
        for (const row of rows) {
          const content = JSON.stringify({
            actorEmail: row.seq === target.seq ? 'someone-else@evil.test' : row.actor_email,
            actorId: row.actor_id,
            clientIp: row.client_ip,
            id: row.id,
            occurredAt: (row.occurred_at as Date).toISOString(),
            payload: row.payload,
            requestId: row.request_id,
            type: row.type,
          });
          const hash = createHash('sha256')
            .update(prev + content)
            .digest('hex');
          await client.query('UPDATE audit_events SET prev_hash = $2, hash = $3 WHERE seq = $1', [row.seq, prev, hash]);
          prev = hash;
        }
        await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
        return rows[0].id as string;
      });
      const verify = await api.http.get('/api/audit/verify').set(api.bearer(api.adminToken)).expect(200);
      expect(verify.body).toMatchObject({ ok: false, reason: 'hash_mismatch', firstBrokenId: edited });
    });
  });
});

describe('trust boundaries: truncation', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it('reports truncation when the newest events are deleted', async () => {
    for (let i = 0; i < 3; i += 1) {
      await api.http.post('/api/dev/compare-databases').set(api.bearer(api.adminToken)).send({}).expect(201);
    }
    const before = await api.http.get('/api/audit/verify').set(api.bearer(api.adminToken)).expect(200);
    expect(before.body).toMatchObject({ ok: true });
    const [{ max }] = await api.query<{ max: string }>('audit', 'SELECT max(seq) AS max FROM audit_events');
    await asAuditStoreOwner(api.urls.audit, (client) =>
      client.query('DELETE FROM audit_events WHERE seq > $1', [Number(max) - 3]),
    );
    const after = await api.http.get('/api/audit/verify').set(api.bearer(api.adminToken)).expect(200);
    expect(after.body).toEqual({
      ok: false,
      reason: 'truncated',
      checked: Number(max) - 3,
      headSeq: Number(max) - 3,
      anchoredSeq: Number(max),
    });
  });
});
