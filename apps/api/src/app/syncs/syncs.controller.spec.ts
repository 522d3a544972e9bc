import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { ApiErrorBody, Page, StoredSync, SyncListItem, SyncResult } from '@vantix/contracts';
import { SYNC_LOCK_KEY } from '@vantix/sync-core';
import { startTestApi, TestApi } from '../../testing';

/**
 * The sync endpoint over real HTTP on real PostgreSQL: every status
 * code of the contract, and that nothing is written on any error.
 */
const ids = {
  owner: randomUUID(),
  shared: randomUUID(),
  devOnly: [randomUUID(), randomUUID(), randomUUID()],
  prodOnly: randomUUID(),
  orphanNote: randomUUID(), // in Dev only, its customer devOnly[0] is missing in Prod too
  recoverableNote: randomUUID(), // in Dev only, its customer exists in Prod
  differing: randomUUID(),
};

async function seed(pools: { development: Pool; production: Pool }): Promise<void> {
  const both = async (sql: string, params: unknown[]) => {
    await pools.development.query(sql, params);
    await pools.production.query(sql, params);
  };
  // Fixed timestamps: the two sides are written a moment apart and must not
  // differ by their column defaults.
  const customer = `INSERT INTO customers (id, name, company, email, status, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')`;
  await both(customer, [ids.shared, 'Ada Shared', 'Both Ltd', 'ada@both.example', 'active']);
  await both(customer, [ids.differing, 'Dora Differ', 'Edit Co', 'dora@edit.example', 'active']);
  await pools.production.query('UPDATE customers SET status = $2 WHERE id = $1', [ids.differing, 'churned']);
  for (const [i, id] of ids.devOnly.entries()) {
    await pools.development.query(customer, [
      id,
      `Dev Only ${i}`,
      'Wrong Env GmbH',
      `dev${i}@wrong.example`,
      'prospect',
    ]);
  }
  await pools.production.query(customer, [ids.prodOnly, 'Newer Prod', 'Prod AG', 'new@prod.example', 'active']);
  const note = `INSERT INTO customer_notes (id, customer_id, body, created_at, updated_at)
    VALUES ($1, $2, $3, '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')`;
  await pools.development.query(note, [ids.orphanNote, ids.devOnly[0], 'Call with Dev Only 0 about the renewal']);
  await pools.development.query(note, [ids.recoverableNote, ids.shared, 'Written in Dev by mistake']);
}

describe('/api/dev sync-to-production', () => {
  let api: TestApi;
  let admin: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApi({ seed, env: { REPORT_RECORD_CAP: '2' } });
    admin = api.bearer(api.adminToken);
  });
  afterAll(() => api?.close());

  const compare = () => api.compare();
  const prodCustomerCount = async () =>
    Number((await api.query('production', 'SELECT count(*)::int AS n FROM customers'))[0]['n']);
  const auditTypes = async () =>
    (await api.query<{ type: string }>('audit', 'SELECT type FROM audit_events ORDER BY seq')).map((r) => r.type);

  describe('POST sync-to-production', () => {
    const sync = (body: object) => api.http.post('/api/dev/sync-to-production').set(admin).send(body);

    it.each([
      [{ confirm: false }, /confirm must be true/],
      [{ confirm: undefined }, /confirm must be true/],
      [{ selections: [{ table: 'invoices', ids: [ids.devOnly[1]] }] }, /table must be one of/],
      [{ selections: [{ table: 'customers', ids: ['1 OR 1=1'] }] }, /not listed by the comparison/],
      [{ selections: [{ table: 'customers', ids: [ids.shared, ids.devOnly[1]] }] }, /not listed by the comparison/],
      [{ reason: undefined }, /reason must be at least 10 characters/],
      // Missing or empty: one message, not also "at most 1000" and "must be a string".
      [{ reason: undefined }, /^reason must be at least 10 characters: say why this sync is needed$/],
      [{ reason: '' }, /^reason must be at least 10 characters: say why this sync is needed$/],
      [{ reason: 'because' }, /reason must be at least 10 characters/],
      [{ reason: 'x'.repeat(1001) }, /reason must be at most 1000 characters/],
      [
        {
          selections: [{ table: 'customers', ids: [ids.devOnly[1]], all: true }],
        },
        /either ids or all/,
      ],
      [{ selections: [] }, /at least one table/],
      [{ comparisonId: 'x' }, /comparisonId must be the id/],
      [{ sneaky: true }, /property sneaky should not exist/],
    ])('answers 400 and writes nothing for %j', async (override, message) => {
      const report = await compare();
      const [prodBefore, auditBefore] = [await prodCustomerCount(), await auditTypes()];
      const response = await sync({
        comparisonId: report.id,
        confirm: true,
        reason: 'Spec: copy the reviewed records',
        selections: [{ table: 'customers', ids: [ids.devOnly[1]] }],
        ...override,
      });
      expect(response.status).toBe(400);
      expect((response.body as ApiErrorBody).message).toMatch(message);
      expect(await prodCustomerCount()).toBe(prodBefore);
      // A request whose shape is wrong never reaches the sync; one refused while planning leaves sync.refused.
      const added = (await auditTypes()).slice(auditBefore.length);
      expect(added).toEqual(/not listed|either ids|one of/.test(message.source) ? ['sync.refused'] : []);
    });

    it('answers 404 for an unknown comparison', async () => {
      const response = await sync({
        comparisonId: randomUUID(),
        confirm: true,
        reason: 'Spec: copy the reviewed records',
        selections: [{ table: 'customers', all: true }],
      });
      expect(response.status).toBe(404);
    });

    it('answers 409 with the missing parents, then a dry run shows them and writes nothing', async () => {
      const report = await compare();
      const refused = await sync({
        comparisonId: report.id,
        confirm: true,
        reason: 'Spec: copy the reviewed records',
        selections: [{ table: 'customer_notes', ids: [ids.orphanNote] }],
      });
      expect(refused.status).toBe(409);
      const body = refused.body as ApiErrorBody;
      expect(body.details?.['missingParents']).toEqual([
        expect.objectContaining({
          table: 'customers',
          id: ids.devOnly[0],
          neededBy: [{ table: 'customer_notes', id: ids.orphanNote }],
        }),
      ]);

      const before = await prodCustomerCount();
      const dryRun = await sync({
        comparisonId: report.id,
        confirm: true,
        reason: 'Spec: copy the reviewed records',
        dryRun: true,
        includeParents: true,
        selections: [{ table: 'customer_notes', ids: [ids.orphanNote] }],
      });
      expect(dryRun.status).toBe(201);
      const result = dryRun.body as SyncResult;
      expect(result.status).toBe('dry_run');
      expect(result.plan.tables).toEqual([
        { table: 'customers', selected: [], addedParents: [ids.devOnly[0]] },
        {
          table: 'customer_notes',
          selected: [ids.orphanNote],
          addedParents: [],
        },
      ]);
      expect(await prodCustomerCount()).toBe(before);
    });

    it('answers 409 while another sync holds the Production lock, and writes nothing', async () => {
      const report = await compare();
      const holder = new Client({ connectionString: api.urls.production });
      await holder.connect();
      try {
        await holder.query('SELECT pg_advisory_lock($1::bigint)', [SYNC_LOCK_KEY]);
        const before = await prodCustomerCount();
        const response = await sync({
          comparisonId: report.id,
          confirm: true,
          reason: 'Spec: copy the reviewed records',
          selections: [{ table: 'customers', ids: [ids.devOnly[2]] }],
        });
        expect(response.status).toBe(409);
        expect((response.body as ApiErrorBody).message).toMatch(/Another sync/);
        expect(await prodCustomerCount()).toBe(before);
        expect((await auditTypes()).slice(-2)).toEqual(['sync.requested', 'sync.failed']);
      } finally {
        await holder.end();
      }
    });

    it('commits the selection with its parents, audits before and after, re-compares, stores the sync; staleness is per record', async () => {
      const report = await compare();
      const response = await sync({
        comparisonId: report.id,
        confirm: true,
        reason: 'Spec: copy the reviewed records',
        includeParents: true,
        selections: [
          { table: 'customers', ids: [ids.devOnly[1]] },
          {
            table: 'customer_notes',
            ids: [ids.orphanNote, ids.recoverableNote],
          },
        ],
      });
      expect(response.status).toBe(201);
      const result = response.body as SyncResult;
      expect(result.status).toBe('committed');
      expect(result.summary).toEqual({ inserted: 4, skipped: 0, failed: 0 });
      expect(result.results).toEqual(
        expect.arrayContaining([
          {
            table: 'customers',
            id: ids.devOnly[0],
            status: 'inserted',
            reason: null,
          },
          {
            table: 'customer_notes',
            id: ids.orphanNote,
            status: 'inserted',
            reason: null,
          },
        ]),
      );
      const recheckCustomers = result.recheck?.tables.find((t) => t.table === 'customers');
      expect(recheckCustomers?.missingInProduction.count).toBe(1); // only devOnly[2] is left
      const prodRows = await api.query('production', 'SELECT id FROM customer_notes ORDER BY id');
      expect(prodRows.map((r) => r['id']).sort()).toEqual([ids.orphanNote, ids.recoverableNote].sort());
      // The row that differs was not touched: Production keeps its own value.
      expect(
        (await api.query('production', 'SELECT status FROM customers WHERE id = $1', [ids.differing]))[0]['status'],
      ).toBe('churned');

      const types = await auditTypes();
      const requested = types.lastIndexOf('sync.requested');
      expect(types.indexOf('sync.committed', requested)).toBeGreaterThan(requested);

      // Staleness is per record: the older comparison still serves, what Production has by now is skipped.
      const later = await sync({
        comparisonId: report.id,
        confirm: true,
        reason: 'Spec: the rest of the reviewed customers',
        selections: [{ table: 'customers', ids: [ids.devOnly[1], ids.devOnly[2]] }],
      });
      expect(later.status).toBe(201);
      const laterResult = later.body as SyncResult;
      expect(laterResult.results).toEqual([
        { table: 'customers', id: ids.devOnly[1], status: 'skipped', reason: 'already in production' },
        { table: 'customers', id: ids.devOnly[2], status: 'inserted', reason: null },
      ]);

      // Both syncs are stored, newest first, and each can be read back after the response is gone.
      const listed = await api.http.get('/api/dev/syncs?status=committed&limit=2').set(admin);
      expect(listed.status).toBe(200);
      expect((listed.body as Page<SyncListItem>).items.map((i) => i.id)).toEqual([laterResult.id, result.id]);
      const stored = await api.http.get(`/api/dev/syncs/${laterResult.id}`).set(admin);
      expect(stored.status).toBe(200);
      expect(stored.body as StoredSync).toMatchObject({
        id: laterResult.id,
        comparisonId: report.id,
        status: 'committed',
        reason: 'Spec: the rest of the reviewed customers',
        requestedBy: expect.any(String),
        results: laterResult.results,
        recheckComparisonId: laterResult.recheck?.comparisonId,
      });
      expect((await api.http.get(`/api/dev/syncs/${randomUUID()}`).set(admin)).status).toBe(404);
      expect((await api.http.get('/api/dev/syncs?status=nope').set(admin)).status).toBe(400);

      const verify = await api.http.get('/api/audit/verify').set(admin);
      expect(verify.body).toMatchObject({ ok: true });
    });
  });

  it('8 concurrent syncs of one comparison write each record once; a row edited in Dev meanwhile is never written', async () => {
    const fresh = Array.from({ length: 6 }, () => randomUUID());
    for (const [i, id] of fresh.entries()) {
      await api.pool('development').query(
        `INSERT INTO customers (id, name, company, email, status, created_at, updated_at)
         VALUES ($1, $2, 'Race Ltd', $3, 'prospect', '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')`,
        [id, `Racer ${i}`, `racer${i}@race.example`],
      );
    }
    const report = await compare();
    await api
      .pool('development')
      .query(`UPDATE customers SET company = 'Edited after review' WHERE id = $1`, [fresh[0]]);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.http
          .post('/api/dev/sync-to-production')
          .set(admin)
          .send({
            comparisonId: report.id,
            confirm: true,
            reason: 'Spec: eight admins click at once',
            skipChanged: true,
            selections: [{ table: 'customers', ids: fresh }],
          }),
      ),
    );
    const inserted = new Map<string, number>();
    for (const answer of answers) {
      expect([201, 409]).toContain(answer.status);
      for (const r of answer.status === 201 ? (answer.body as SyncResult).results : []) {
        if (r.status === 'inserted') {
          inserted.set(r.id, (inserted.get(r.id) ?? 0) + 1);
        }
      }
    }
    expect([...inserted.values()].every((n) => n === 1)).toBe(true);
    expect([...inserted.keys()].sort()).toEqual(fresh.slice(1).sort());
    const rows = await api.query('production', 'SELECT id FROM customers WHERE id = ANY($1::uuid[])', [fresh]);
    expect(rows.map((r) => r['id']).sort()).toEqual(fresh.slice(1).sort());
  });

  it('refuses a non-admin with 403 and no token with 401, and writes nothing', async () => {
    const report = await compare();
    const body = {
      comparisonId: report.id,
      confirm: true,
      reason: 'Spec: copy the reviewed records',
      selections: [{ table: 'customers', all: true }],
    };
    const before = await prodCustomerCount();
    expect((await api.http.post('/api/dev/sync-to-production').set(api.bearer(api.agentToken)).send(body)).status).toBe(
      403,
    );
    expect((await api.http.post('/api/dev/sync-to-production').send(body)).status).toBe(401);
    expect(await prodCustomerCount()).toBe(before);
  });
});
