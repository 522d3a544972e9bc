import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ApiErrorBody, ComparisonListItem, ComparisonReport, Page, RecordEntry } from '@vantix/contracts';
import { startTestApi, TestApi } from '../../testing';

/**
 * The comparison endpoints over real HTTP on real PostgreSQL: every status
 * code of the contract, and that nothing is written on any error.
 */
const ids = {
  shared: randomUUID(),
  devOnly: [randomUUID(), randomUUID(), randomUUID()],
  prodOnly: randomUUID(),
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
}

describe('/api/dev comparisons', () => {
  let api: TestApi;
  let admin: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApi({ seed, env: { REPORT_RECORD_CAP: '2' } });
    admin = api.bearer(api.adminToken);
  });
  afterAll(() => api?.close());

  const compare = () => api.compare();
  const auditTypes = async () =>
    (await api.query<{ type: string }>('audit', 'SELECT type FROM audit_events ORDER BY seq')).map((r) => r.type);

  describe('POST compare-databases', () => {
    it('answers 201 with the report, caps the lists, stores it, and audits request and completion', async () => {
      const report = await compare();
      const customers = report.tables.find((t) => t.table === 'customers')!;
      expect(customers).toMatchObject({ devCount: 5, prodCount: 3 });
      expect(customers.missingInProduction.count).toBe(3);
      expect(customers.missingInProduction.records).toHaveLength(2); // REPORT_RECORD_CAP
      expect(customers.missingInDevelopment).toMatchObject({
        count: 1,
        records: [{ id: ids.prodOnly }],
      });
      expect(customers.differing.records[0]).toMatchObject({
        id: ids.differing,
        columns: ['status'],
      });
      expect(customers.missingInProduction.records[0].summary).toMatch(
        /^Dev Only \d — Wrong Env GmbH <dev\d@wrong\.example>$/,
      );
      expect(report.recommendations.length).toBeGreaterThan(0);

      const list = await api.http.get('/api/dev/comparisons').set(admin);
      expect(list.status).toBe(200);
      expect((list.body as Page<ComparisonListItem>).items.map((c) => c.id)).toContain(report.id);
      const stored = await api.http.get(`/api/dev/comparisons/${report.id}`).set(admin);
      expect(stored.status).toBe(200);
      expect(
        (stored.body as ComparisonReport).tables.find((t) => t.table === 'customers')?.missingInProduction.count,
      ).toBe(3);

      const types = await auditTypes();
      expect(types.slice(-2)).toEqual(['comparison.requested', 'comparison.completed']);
    });

    it('pages every record of a list with cursor and limit', async () => {
      const report = await compare();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await api.http
          .get(`/api/dev/comparisons/${report.id}/records`)
          .query({
            table: 'customers',
            kind: 'missingInProduction',
            limit: 2,
            ...(cursor ? { cursor } : {}),
          })
          .set(admin);
        expect(response.status).toBe(200);
        const page = response.body as Page<RecordEntry>;
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual([...ids.devOnly].sort());
    });

    it.each([
      [{ tables: ['customers; DROP TABLE users'] }, /tables: each table must be one of/],
      [{ tables: 'customers' }, /tables must be an array/],
      [{ extra: 1 }, /property extra should not exist/],
    ])('answers 400 naming what is wrong for %j', async (body, message) => {
      const before = await auditTypes();
      const response = await api.http.post('/api/dev/compare-databases').set(admin).send(body);
      expect(response.status).toBe(400);
      expect((response.body as ApiErrorBody).message).toMatch(message);
      expect(await auditTypes()).toEqual(before);
    });

    it('answers 400 for a bad records query and 404 for an unknown comparison', async () => {
      const report = await compare();
      const badKind = await api.http
        .get(`/api/dev/comparisons/${report.id}/records`)
        .query({ table: 'customers', kind: 'all' })
        .set(admin);
      expect(badKind.status).toBe(400);
      expect((badKind.body as ApiErrorBody).message).toMatch(/kind must be one of/);
      const unknown = await api.http.get(`/api/dev/comparisons/${randomUUID()}`).set(admin);
      expect(unknown.status).toBe(404);
      expect((unknown.body as ApiErrorBody).message).toMatch(/does not exist/);
      const malformed = await api.http.get('/api/dev/comparisons/not-a-uuid').set(admin);
      expect(malformed.status).toBe(400);
    });
  });

  it('refuses a non-admin with 403 and no token with 401', async () => {
    expect((await api.http.post('/api/dev/compare-databases').set(api.bearer(api.agentToken)).send({})).status).toBe(
      403,
    );
    expect((await api.http.post('/api/dev/compare-databases').send({})).status).toBe(401);
    expect((await api.http.get('/api/dev/comparisons').set(api.bearer(api.agentToken))).status).toBe(403);
  });
});
