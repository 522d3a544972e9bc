import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ApiErrorBody, Page, PendingSyncResponse, StoredSync, SyncListItem, SyncResult } from '@vantix/contracts';
import { insertUsers, makeTestUser } from '@vantix/testing';
import { startTestApi, TestApi } from '../../testing';

/**
 * Two-person approval (SYNC_APPROVALS=2) over real HTTP on real PostgreSQL:
 * a write waits as pending_approval; another admin of Production approves it
 * and exactly the pinned plan runs; every refusal is a 409 (or 403) with
 * nothing written to Production, and every step an audit event.
 */
const customers = Array.from({ length: 10 }, () => randomUUID());
const second = makeTestUser('admin'); // a second admin, in Dev and Prod
const devOnlyAdmin = makeTestUser('admin'); // an admin of Dev only: may not approve writes to Production
// A customer in both databases and a Dev-only note of it: the pinned plan relies on the parent being in Production.
const sharedParent = randomUUID();
const childNote = randomUUID();

async function seed(pools: { development: Pool; production: Pool }): Promise<void> {
  await insertUsers(pools.development, [second, devOnlyAdmin]);
  await insertUsers(pools.production, [second]);
  for (const [i, id] of customers.entries()) {
    await pools.development.query(
      `INSERT INTO customers (id, name, company, email, status, created_at, updated_at)
       VALUES ($1, $2, 'Approve Ltd', $3, 'prospect', '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')`,
      [id, `Pending ${i}`, `pending${i}@approve.example`],
    );
  }
  for (const pool of [pools.development, pools.production]) {
    await pool.query(
      `INSERT INTO customers (id, name, company, email, status, created_at, updated_at)
       VALUES ($1, 'Shared parent', 'Approve Ltd', 'parent@approve.example', 'active',
               '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')`,
      [sharedParent],
    );
  }
  await pools.development.query(
    `INSERT INTO customer_notes (id, customer_id, body, created_at, updated_at)
     VALUES ($1, $2, 'Pending note', '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')`,
    [childNote, sharedParent],
  );
}

describe('two-person approval of syncs', () => {
  let api: TestApi;
  let requester: Record<string, string>;
  let approver: Record<string, string>;
  let devOnly: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApi({ seed, env: { SYNC_APPROVALS: '2', SYNC_APPROVAL_TTL_HOURS: '6' } });
    requester = api.bearer(api.adminToken);
    approver = api.bearer(await api.login(second.email, second.password));
    devOnly = api.bearer(await api.login(devOnlyAdmin.email, devOnlyAdmin.password));
  });
  afterAll(() => api?.close());

  const compare = () => api.compare();
  const prodIds = async (ids: string[]) =>
    (await api.query('production', 'SELECT id FROM customers WHERE id = ANY($1::uuid[])', [ids]))
      .map((r) => r['id'] as string)
      .sort();
  const eventsOf = async (syncId: string) =>
    (
      await api.query<{ type: string; actor_email: string | null }>(
        'audit',
        `SELECT type, actor_email FROM audit_events WHERE payload->>'syncId' = $1 ORDER BY seq`,
        [syncId],
      )
    ).map((r) => r.type);
  const request = async (ids: string[], extra: object = {}): Promise<PendingSyncResponse> => {
    const report = await compare();
    const response = await api.http
      .post('/api/dev/sync-to-production')
      .set(requester)
      .send({
        comparisonId: report.id,
        confirm: true,
        reason: 'Spec: two people sign this off',
        selections: [{ table: 'customers', ids }],
        ...extra,
      });
    expect(response.status).toBe(202);
    return response.body as PendingSyncResponse;
  };
  const stored = async (id: string) => (await api.http.get(`/api/dev/syncs/${id}`).set(requester)).body as StoredSync;
  const approve = (id: string, as = approver) => api.http.post(`/api/dev/syncs/${id}/approve`).set(as).send({});

  it('answers 202 with the pending request, stores its pinned plan and writes nothing to Production', async () => {
    const before = Date.now();
    const pending = await request([customers[0]]);
    expect(pending).toEqual({ id: expect.any(String), status: 'pending_approval', expiresAt: expect.any(String) });
    const ttl = Date.parse(pending.expiresAt) - before;
    expect(ttl).toBeGreaterThan(6 * 3_600_000 - 60_000);
    expect(ttl).toBeLessThan(6 * 3_600_000 + 60_000);
    expect(await prodIds([customers[0]])).toEqual([]);
    const sync = await stored(pending.id);
    expect(sync).toMatchObject({
      status: 'pending_approval',
      reason: 'Spec: two people sign this off',
      requestedBy: api.users.admin.email,
      expiresAt: pending.expiresAt,
      approvals: [],
      decision: null,
    });
    expect(sync.plan.tables).toEqual([{ table: 'customers', selected: [customers[0]], addedParents: [] }]);
    const listed = await api.http.get('/api/dev/syncs?status=pending_approval').set(approver);
    expect((listed.body as Page<SyncListItem>).items.map((i) => i.id)).toContain(pending.id);
    expect(await eventsOf(pending.id)).toEqual(['sync.pending_approval']);
  });

  it('refuses self-approval (409) and a Dev-only admin (403); another Production admin approves exactly the plan', async () => {
    const pending = await request([customers[1], customers[2]]);

    const own = await approve(pending.id, requester);
    expect(own.status).toBe(409);
    expect((own.body as ApiErrorBody).message).toMatch(/you requested this sync: another admin must approve it/);
    const foreign = await approve(pending.id, devOnly);
    expect(foreign.status).toBe(403);
    expect((foreign.body as ApiErrorBody).message).toMatch(/not an admin in Production/);
    expect(await prodIds([customers[1], customers[2]])).toEqual([]);
    expect((await stored(pending.id)).status).toBe('pending_approval');

    const approved = await approve(pending.id);
    expect(approved.status).toBe(201);
    const result = approved.body as SyncResult;
    expect(result.id).toBe(pending.id);
    expect(result.status).toBe('committed');
    expect(result.results.map((r) => [r.id, r.status]).sort()).toEqual(
      [
        [customers[1], 'inserted'],
        [customers[2], 'inserted'],
      ].sort(),
    );
    expect(await prodIds([customers[1], customers[2]])).toEqual([customers[1], customers[2]].sort());
    const sync = await stored(pending.id);
    expect(sync.status).toBe('committed');
    expect(sync.approvals).toEqual([{ actorId: second.id, actorEmail: second.email, at: expect.any(String) }]);
    expect(sync.recheckComparisonId).toBe(result.recheck?.comparisonId);
    // Provenance and the evidence bundle name the approver beside the requester.
    const provenance = await api.http
      .get('/api/audit/provenance')
      .query({ table: 'customers', id: customers[1] })
      .set(approver);
    expect(provenance.body).toMatchObject({
      written: true,
      writes: [
        {
          syncId: pending.id,
          requestedBy: api.users.admin.email,
          approvedBy: [{ actorId: second.id, actorEmail: second.email, at: expect.any(String) }],
        },
      ],
    });
    const evidence = await api.http.get(`/api/dev/syncs/${pending.id}/evidence`).set(approver);
    expect(evidence.status).toBe(200);
    expect(JSON.stringify(evidence.body)).toContain(second.email);

    const again = await approve(pending.id);
    expect(again.status).toBe(409);
    expect((again.body as ApiErrorBody).message).toMatch(/already approved and applied/);
    expect(await eventsOf(pending.id)).toEqual([
      'sync.pending_approval',
      'sync.approval_refused',
      'sync.approved',
      'sync.committed',
      'sync.approval_refused',
    ]);
    const denied = await api.query(
      'audit',
      `SELECT 1 FROM audit_events WHERE type = 'access.denied' AND actor_email = $1`,
      [devOnlyAdmin.email],
    );
    expect(denied).toHaveLength(1);
  });

  it('does not write a Dev row edited after the request: 409 without skipChanged, left out with it', async () => {
    const strict = await request([customers[3]]);
    const lenient = await request([customers[4], customers[5]], { skipChanged: true });
    await api
      .pool('development')
      .query(`UPDATE customers SET company = 'Edited while pending' WHERE id = ANY($1::uuid[])`, [
        [customers[3], customers[4]],
      ]);

    const refused = await approve(strict.id);
    expect(refused.status).toBe(409);
    expect((refused.body as ApiErrorBody).details).toMatchObject({
      reason: 'changed_since_review',
      records: [{ table: 'customers', id: customers[3], problem: 'changed_since_review', columns: ['company'] }],
    });
    expect(await prodIds([customers[3]])).toEqual([]);
    expect((await stored(strict.id)).status).toBe('failed');
    expect(await eventsOf(strict.id)).toEqual(['sync.pending_approval', 'sync.approved', 'sync.failed']);

    const approved = await approve(lenient.id);
    expect(approved.status).toBe(201);
    expect((approved.body as SyncResult).results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: customers[4], status: 'skipped', reason: 'changed since review' }),
        expect.objectContaining({ id: customers[5], status: 'inserted' }),
      ]),
    );
    expect(await prodIds([customers[4], customers[5]])).toEqual([customers[5]]);
  });

  it('refuses (409 plan_changed) when the re-plan needs a parent Production lost after the request; writes nothing', async () => {
    const noteIds = async () =>
      (await api.query('production', 'SELECT id FROM customer_notes WHERE id = $1', [childNote])).map((r) => r['id']);
    const report = await compare();
    const requested = await api.http
      .post('/api/dev/sync-to-production')
      .set(requester)
      .send({
        comparisonId: report.id,
        confirm: true,
        reason: 'Spec: a note whose customer is already in Production',
        selections: [{ table: 'customer_notes', ids: [childNote] }],
        includeParents: true,
      });
    expect(requested.status).toBe(202);
    const pending = requested.body as PendingSyncResponse;
    // The reviewed plan holds the note alone: its customer was in Production.
    expect((await stored(pending.id)).plan.tables.filter((t) => t.selected.length + t.addedParents.length > 0)).toEqual(
      [{ table: 'customer_notes', selected: [childNote], addedParents: [] }],
    );
    await api.query('production', 'DELETE FROM customers WHERE id = $1', [sharedParent]);

    const refused = await approve(pending.id);
    expect(refused.status).toBe(409);
    const body = refused.body as ApiErrorBody;
    expect(body.details).toEqual({ reason: 'plan_changed', status: 'failed' });
    expect(body.message).toMatch(/the plan now needs records the request did not contain/);
    expect(body.message).toContain(`customers ${sharedParent}`);
    expect(await noteIds()).toEqual([]);
    expect(await prodIds([sharedParent])).toEqual([]);
    const sync = await stored(pending.id);
    expect(sync.status).toBe('failed');
    expect(sync.approvals).toEqual([{ actorId: second.id, actorEmail: second.email, at: expect.any(String) }]);
    expect(await eventsOf(pending.id)).toEqual(['sync.pending_approval', 'sync.approved', 'sync.failed']);
    const [failed] = await api.query<{ payload: { reason: string } }>(
      'audit',
      `SELECT payload FROM audit_events WHERE type = 'sync.failed' AND payload->>'syncId' = $1`,
      [pending.id],
    );
    expect(failed.payload.reason).toMatch(/plan now needs records/);
    // It stays failed: a second approval is refused as not pending.
    const again = await approve(pending.id);
    expect(again.status).toBe(409);
    expect((again.body as ApiErrorBody).details).toMatchObject({ reason: 'not_pending', status: 'failed' });
  });

  it('refuses to approve an expired request (409), lists it as expired and audits the expiry', async () => {
    const pending = await request([customers[6]]);
    await api.query('audit', `UPDATE syncs SET expires_at = now() - interval '1 minute' WHERE id = $1`, [pending.id]);

    const listed = await api.http.get('/api/dev/syncs?status=expired').set(approver);
    expect((listed.body as Page<SyncListItem>).items.map((i) => i.id)).toContain(pending.id);
    const pendingList = await api.http.get('/api/dev/syncs?status=pending_approval').set(approver);
    expect((pendingList.body as Page<SyncListItem>).items.map((i) => i.id)).not.toContain(pending.id);

    const late = await approve(pending.id);
    expect(late.status).toBe(409);
    expect((late.body as ApiErrorBody).message).toMatch(/expired/);
    expect((late.body as ApiErrorBody).details).toMatchObject({ reason: 'expired', status: 'expired' });
    expect(await prodIds([customers[6]])).toEqual([]);
    expect(await eventsOf(pending.id)).toEqual(['sync.pending_approval', 'sync.expired', 'sync.approval_refused']);
  });

  it('lets another admin reject with a reason (the requester may not); a rejected request cannot be approved', async () => {
    const pending = await request([customers[7]]);
    const reject = (as: Record<string, string>, reason?: string) =>
      api.http
        .post(`/api/dev/syncs/${pending.id}/reject`)
        .set(as)
        .send(reason === undefined ? {} : { reason });

    expect((await reject(approver)).status).toBe(400);
    const short = await reject(approver, 'no');
    expect(short.status).toBe(400);
    expect((short.body as ApiErrorBody).message).toMatch(/reason must be at least 10 characters/);
    const own = await reject(requester, 'Spec: I changed my mind');
    expect(own.status).toBe(409);
    expect((own.body as ApiErrorBody).message).toMatch(/cancel it instead/);
    expect((await stored(pending.id)).status).toBe('pending_approval');

    const rejected = await reject(approver, 'Spec: not during the freeze');
    expect(rejected.status).toBe(200);
    expect(rejected.body as StoredSync).toMatchObject({
      status: 'rejected',
      decision: { action: 'rejected', actorEmail: second.email, reason: 'Spec: not during the freeze' },
    });
    const late = await approve(pending.id);
    expect(late.status).toBe(409);
    expect((late.body as ApiErrorBody).message).toMatch(/it was rejected/);
    expect(await prodIds([customers[7]])).toEqual([]);
    expect(await eventsOf(pending.id)).toEqual([
      'sync.pending_approval',
      'sync.approval_refused',
      'sync.rejected',
      'sync.approval_refused',
    ]);
  });

  it('lets only the requester cancel; a cancelled request cannot be approved', async () => {
    const pending = await request([customers[8]]);
    const cancel = (as: Record<string, string>) =>
      api.http.post(`/api/dev/syncs/${pending.id}/cancel`).set(as).send({});

    const foreign = await cancel(approver);
    expect(foreign.status).toBe(403);
    expect((foreign.body as ApiErrorBody).message).toMatch(/only the admin who requested/);
    expect((await stored(pending.id)).status).toBe('pending_approval');

    const cancelled = await cancel(requester);
    expect(cancelled.status).toBe(200);
    expect((cancelled.body as StoredSync).decision).toMatchObject({ action: 'cancelled', reason: null });
    expect((await cancel(requester)).status).toBe(409);
    const late = await approve(pending.id);
    expect(late.status).toBe(409);
    expect((late.body as ApiErrorBody).message).toMatch(/cancelled/);
    expect(await prodIds([customers[8]])).toEqual([]);
    expect(await eventsOf(pending.id)).toEqual(['sync.pending_approval', 'sync.cancelled', 'sync.approval_refused']);
  });

  it('of two approvers racing, one runs the sync and the other gets 409; unknown ids are 404', async () => {
    const pending = await request([customers[9]]);
    const third = makeTestUser('admin');
    await insertUsers(api.pool('development'), [third]);
    await insertUsers(api.pool('production'), [third]);
    const other = api.bearer(await api.login(third.email, third.password));
    const answers = await Promise.all([approve(pending.id), approve(pending.id, other)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await prodIds([customers[9]])).toEqual([customers[9]]);
    expect((await stored(pending.id)).approvals).toHaveLength(1);

    expect((await approve(randomUUID())).status).toBe(404);
    expect((await api.http.post('/api/dev/syncs/not-a-uuid/approve').set(approver).send({})).status).toBe(400);
    const verify = await api.http.get('/api/audit/verify').set(approver);
    expect(verify.body).toMatchObject({ ok: true });
  });

  it('still answers a dry run with the plan (201), storing nothing', async () => {
    const report = await compare();
    const response = await api.http
      .post('/api/dev/sync-to-production')
      .set(requester)
      .send({ comparisonId: report.id, confirm: true, dryRun: true, selections: [{ table: 'customers', all: true }] });
    expect(response.status).toBe(201);
    expect((response.body as SyncResult).status).toBe('dry_run');
  });
});
