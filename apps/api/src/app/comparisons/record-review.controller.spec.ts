import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  ApiErrorBody,
  ComparisonDependencies,
  ComparisonReport,
  RecordDetail,
  RecordSummariesResponse,
} from '@vantix/contracts';
import { startTestApi, TestApi } from '../../testing';

/**
 * The review endpoints over real HTTP on real PostgreSQL: one record live on
 * both sides, names for ids, dependencies of missing records; 400/404 naming
 * what is wrong, and nothing audited or written for any read.
 */
const ids = {
  differing: randomUUID(),
  parent: randomUUID(),
  note: randomUUID(),
};

async function seed(pools: { development: Pool; production: Pool }): Promise<void> {
  const customer = `INSERT INTO customers (id, name, company, email, status, created_at, updated_at)
    VALUES ($1, $2, $3, $4, 'active', '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')`;
  await pools.development.query(customer, [ids.differing, 'Dora Differ', 'Edit Co', 'dora@dev.example']);
  await pools.production.query(customer, [ids.differing, 'Dora Differ', 'Edit Co', 'dora@prod.example']);
  await pools.development.query(customer, [ids.parent, 'Quentin Parent', 'Quill', 'q@quill.example']);
  await pools.development.query(
    `INSERT INTO customer_notes (id, customer_id, body, created_at, updated_at)
     VALUES ($1, $2, $3, '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')`,
    [ids.note, ids.parent, 'Renewal call: wants the contract by Friday'],
  );
}

describe('/api/dev record review', () => {
  let api: TestApi;
  let admin: Record<string, string>;
  let report: ComparisonReport;

  beforeAll(async () => {
    api = await startTestApi({ seed });
    admin = api.bearer(api.adminToken);
    report = (await api.http.post('/api/dev/compare-databases').set(admin).send({})).body as ComparisonReport;
  });
  afterAll(() => api?.close());

  const auditCount = async () =>
    Number((await api.query<{ n: string }>('audit', 'SELECT count(*) AS n FROM audit_events'))[0].n);

  it('GET …/records/:table/:recordId answers the record side by side, its changed cells and its relatives', async () => {
    const before = await auditCount();
    const response = await api.http
      .get(`/api/dev/comparisons/${report.id}/records/customers/${ids.differing}`)
      .query({ kind: 'differing' })
      .set(admin);
    expect(response.status).toBe(200);
    const detail = response.body as RecordDetail;
    expect(detail).toMatchObject({ state: 'differing', comparedAs: 'differing', changedSinceComparison: false });
    expect(detail.comparedAt).toBe(report.startedAt);
    expect(detail.columns.filter((c) => c.differs).map((c) => c.name)).toEqual(['email']);

    const parent = (await api.http.get(`/api/dev/comparisons/${report.id}/records/customers/${ids.parent}`).set(admin))
      .body as RecordDetail;
    expect(parent.children.find((c) => c.table === 'customer_notes')).toMatchObject({
      inDevelopment: 1,
      missingInProductionCount: 1,
      missingInProduction: [{ id: ids.note, summary: 'Quentin Parent: Renewal call: wants the contract by Friday' }],
    });
    expect(await auditCount()).toBe(before);
  });

  it.each([
    ['customers', 'not-a-uuid', {}, 400, /not a valid id of a customers record/],
    ['pg_shadow', randomUUID(), {}, 400, /table must be one of/],
    ['customers', randomUUID(), { kind: 'all' }, 400, /kind must be one of/],
    ['customers', randomUUID(), {}, 404, /in neither the Development nor the Production database/],
  ])('GET …/records/%s/%s %j answers %i', async (table, id, query, status, message) => {
    const response = await api.http
      .get(`/api/dev/comparisons/${report.id}/records/${table}/${id}`)
      .query(query)
      .set(admin);
    expect(response.status).toBe(status);
    expect((response.body as ApiErrorBody).message).toMatch(message);
  });

  it('answers 404 for an unknown comparison and 400 for a malformed one', async () => {
    const unknown = await api.http
      .get(`/api/dev/comparisons/${randomUUID()}/records/customers/${ids.parent}`)
      .set(admin);
    expect(unknown.status).toBe(404);
    const malformed = await api.http.get(`/api/dev/comparisons/nope/records/customers/${ids.parent}`).set(admin);
    expect(malformed.status).toBe(400);
    expect((await api.http.get(`/api/dev/comparisons/${randomUUID()}/dependencies`).set(admin)).status).toBe(404);
  });

  it('POST record-summaries names records by summary, null for an unknown one', async () => {
    const unknown = randomUUID();
    const response = await api.http
      .post('/api/dev/record-summaries')
      .set(admin)
      .send({
        records: [
          { table: 'customers', id: ids.parent },
          { table: 'customers', id: unknown },
        ],
      });
    expect(response.status).toBe(200);
    expect((response.body as RecordSummariesResponse).records).toEqual([
      { table: 'customers', id: ids.parent, summary: 'Quentin Parent — Quill <q@quill.example>' },
      { table: 'customers', id: unknown, summary: null },
    ]);
    const bad = await api.http
      .post('/api/dev/record-summaries')
      .set(admin)
      .send({ records: [{ table: 'x', id: '1' }] });
    expect(bad.status).toBe(400);
    expect((bad.body as ApiErrorBody).message).toMatch(/records: each table must be one of/);
  });

  it('GET …/dependencies lists the note that needs its customer', async () => {
    const response = await api.http.get(`/api/dev/comparisons/${report.id}/dependencies`).set(admin);
    expect(response.status).toBe(200);
    const dependencies = response.body as ComparisonDependencies;
    expect(dependencies.complete).toBe(true);
    expect(dependencies.needsParents).toEqual([
      { table: 'customer_notes', id: ids.note, parents: [{ table: 'customers', id: ids.parent, inDevelopment: true }] },
    ]);
  });

  it('refuses a non-admin with 403', async () => {
    const agent = api.bearer(api.agentToken);
    expect(
      (await api.http.get(`/api/dev/comparisons/${report.id}/records/customers/${ids.parent}`).set(agent)).status,
    ).toBe(403);
    expect((await api.http.post('/api/dev/record-summaries').set(agent).send({ records: [] })).status).toBe(403);
  });
});
