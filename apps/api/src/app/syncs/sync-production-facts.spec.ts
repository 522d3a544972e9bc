import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ApiErrorBody, ComparisonReport, RefusedRecord, SyncResult } from '@vantix/contracts';
import { startTestApi, TestApi } from '../../testing';

/**
 * The sync endpoint when Production's schema differs from Development's:
 * values in Development-only columns (409 until acknowledged exactly) and a
 * unique e-mail Production already has under another id (400 per record, in
 * the dry run too). Nothing written, nothing audited on a refusal.
 */
const ids = { nicknamed: randomUUID(), clashing: randomUUID(), prodHolder: randomUUID() };

async function seed(pools: { development: Pool; production: Pool }): Promise<void> {
  const customer = `INSERT INTO customers (id, name, email, status) VALUES ($1, $2, $3, 'active')`;
  await pools.development.query('ALTER TABLE customers ADD COLUMN nickname text');
  await pools.development.query(customer, [ids.nicknamed, 'Alan Nick', 'alan@dev.example']);
  await pools.development.query('UPDATE customers SET nickname = $2 WHERE id = $1', [ids.nicknamed, 'Al']);
  await pools.development.query(customer, [ids.clashing, 'Clara Clash', 'clara@both.example']);
  await pools.production.query('CREATE UNIQUE INDEX customers_email_unique ON customers (email)');
  await pools.production.query(customer, [ids.prodHolder, 'Clara in Prod', 'clara@both.example']);
}

describe('/api/dev/sync-to-production against Production’s schema facts', () => {
  let api: TestApi;
  let admin: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApi({ seed });
    admin = api.bearer(api.adminToken);
  });
  afterAll(() => api?.close());

  const compare = async (): Promise<ComparisonReport> => {
    const response = await api.http.post('/api/dev/compare-databases').set(admin).send({});
    expect(response.status).toBe(201);
    return response.body as ComparisonReport;
  };
  const sync = (body: object) => api.http.post('/api/dev/sync-to-production').set(admin).send(body);
  const inProd = async (id: string) =>
    Number((await api.query('production', 'SELECT count(*)::int AS n FROM customers WHERE id = $1', [id]))[0]['n']);
  const auditTypes = async () =>
    (await api.query<{ type: string }>('audit', 'SELECT type FROM audit_events ORDER BY seq')).map((r) => r.type);

  it('refuses with 409 details.droppedColumns until the request acknowledges exactly those columns', async () => {
    const report = await compare();
    const request = {
      comparisonId: report.id,
      confirm: true,
      selections: [{ table: 'customers', ids: [ids.nicknamed] }],
    };
    const dropped = [{ table: 'customers', columns: ['nickname'] }];

    const dry = await sync({ ...request, dryRun: true });
    expect(dry.status).toBe(201);
    expect((dry.body as SyncResult).plan.droppedColumns).toEqual(dropped);

    const auditBefore = await auditTypes();
    for (const acknowledgeDroppedColumns of [undefined, [], [{ table: 'customers', columns: ['nickname', 'name'] }]]) {
      const refused = await sync({ ...request, acknowledgeDroppedColumns });
      expect(refused.status).toBe(409);
      const body = refused.body as ApiErrorBody;
      expect(body.details).toEqual({ reason: 'dropped_columns', droppedColumns: dropped });
      expect(body.message).toContain('customers (nickname)');
    }
    expect(await inProd(ids.nicknamed)).toBe(0);
    expect(await auditTypes()).toEqual(auditBefore);

    const done = await sync({ ...request, acknowledgeDroppedColumns: dropped });
    expect(done.status).toBe(201);
    expect((done.body as SyncResult).status).toBe('committed');
    expect(await inProd(ids.nicknamed)).toBe(1);
    const requested = await api.query<{ payload: { plan: { droppedColumns: unknown } } }>(
      'audit',
      `SELECT payload FROM audit_events WHERE type = 'sync.requested' ORDER BY seq DESC LIMIT 1`,
    );
    expect(requested[0].payload.plan.droppedColumns).toEqual(dropped);
  });

  it('refuses with 400 details.refused a record whose e-mail Production has under another id, dry run included', async () => {
    const report = await compare();
    // The comparison already said so, and the stored report keeps it.
    const stored = await api.http.get(`/api/dev/comparisons/${report.id}`).set(admin);
    for (const body of [report, stored.body as ComparisonReport]) {
      expect(body.tables.find((t) => t.table === 'customers')?.conflicts).toEqual({
        count: 1,
        unchecked: 0,
        records: [
          expect.objectContaining({
            id: ids.clashing,
            constraint: 'customers_email_unique',
            columns: ['email'],
            productionId: ids.prodHolder,
          }),
        ],
      });
    }
    const request = {
      comparisonId: report.id,
      confirm: true,
      selections: [{ table: 'customers', ids: [ids.clashing] }],
    };
    const auditBefore = await auditTypes();
    for (const dryRun of [true, false]) {
      const response = await sync({ ...request, dryRun });
      expect(response.status).toBe(400);
      const refused = (response.body as ApiErrorBody).details?.['refused'] as RefusedRecord[];
      expect(refused).toEqual([
        expect.objectContaining({
          table: 'customers',
          id: ids.clashing,
          column: 'email',
          constraint: 'customers_email_unique',
          conflictsWith: { table: 'customers', id: ids.prodHolder },
        }),
      ]);
      expect(JSON.stringify(response.body)).not.toContain('clara@both.example');
    }
    expect(await inProd(ids.clashing)).toBe(0);
    expect(await auditTypes()).toEqual(auditBefore);
  });
});
