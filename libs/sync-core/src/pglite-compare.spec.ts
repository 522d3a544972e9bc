import { applyMigrations, crmMigrationsDir } from '@vantix/migrations';
import { CrmDatabase } from './db/crm-database';
import { PgliteProcess, startPgliteProcess } from '@vantix/testing';
import { ComparisonEngine } from './comparison-engine';
import { SyncEngine } from './sync-engine';
import { hashBlindExpected, hashBlindTables } from './testing/value-catalog';

// The embedded demo runs on PGlite (PostgreSQL 18 in wasm): every function the
// engine relies on (hash_record_extended, uuid_hash_extended, get_bit, cursors,
// json_populate_recordset) must work there too.
describe('ComparisonEngine on PGlite', () => {
  let devServer: PgliteProcess;
  let prodServer: PgliteProcess;
  let dev: CrmDatabase;
  let prod: CrmDatabase;

  beforeAll(async () => {
    [devServer, prodServer] = await Promise.all([startPgliteProcess(), startPgliteProcess()]);
    await Promise.all([
      applyMigrations(devServer.url, crmMigrationsDir()),
      applyMigrations(prodServer.url, crmMigrationsDir()),
    ]);
    dev = new CrmDatabase('development', devServer.url, { maxConnections: 2 });
    prod = new CrmDatabase('production', prodServer.url, { maxConnections: 2 });
    const seed = `
      INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at)
        VALUES ('00000000-0000-4000-8000-000000000001', 'admin@acme.test', 'A', 'admin', 'h', '2024-01-01Z', '2024-01-01Z');
      INSERT INTO customers (id, name, company, email, created_at, updated_at)
        SELECT ('c0000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'Customer ' || g, 'Acme', 'c' || g || '@acme.test',
               '2024-01-01Z', '2024-01-01Z' FROM generate_series(1, 3000) g;`;
    await Promise.all([dev.pool.query(seed), prod.pool.query(seed)]);
    await dev.pool.query(`
      INSERT INTO customers (id, name, created_at, updated_at) VALUES ('d0000000-0000-4000-8000-000000000001', 'Only Dev', '2024-02-02Z', '2024-02-02Z');
      INSERT INTO customer_notes (id, customer_id, body) VALUES ('e0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000007', 'Hello');
      UPDATE users SET password_hash = 'other';`);
    await prod.pool.query(`UPDATE customers SET status = 'lead' WHERE name = 'Customer 42'`);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([dev?.close(), prod?.close()]);
    await Promise.all([devServer?.stop(), prodServer?.stop()]);
  });

  it('finds the same differences as on PostgreSQL 15', async () => {
    const engine = new ComparisonEngine(dev, prod);
    const result = await engine.compare({ recordCap: 10 });
    const [users, customers, notes] = result.tables;
    expect(users.differing.records).toEqual([
      {
        id: '00000000-0000-4000-8000-000000000001',
        summary: 'admin@acme.test (admin)',
        createdAt: '2024-01-01T00:00:00.000Z',
        columns: ['password_hash'],
      },
    ]);
    expect([customers.devCount, customers.prodCount]).toEqual([3001, 3000]);
    expect(customers.missingInProduction.records).toEqual([
      { id: 'd0000000-0000-4000-8000-000000000001', summary: 'Only Dev', createdAt: '2024-02-02T00:00:00.000Z' },
    ]);
    expect(customers.differing.records.map((r) => r.columns)).toEqual([['status']]);
    expect(notes.missingInProduction.records.map((r) => r.summary)).toEqual(['Customer 7: Hello']);
    expect(result.recommendations.find((r) => r.table === 'customer_notes')?.priority).toBe('high');
  });

  it('compares exactly there too: changes a type hash cannot see, equal values spelled differently', async () => {
    await hashBlindTables(dev.pool, prod.pool, 'hash_blind');
    const result = await new ComparisonEngine(dev, prod, { tables: ['hash_blind'] }).compare({ recordCap: 100 });
    expect(new Map(result.tables[0].differing.records.map((r) => [r.id, r.columns]))).toEqual(hashBlindExpected());
  });

  it('resolves every record missing in Production for a sync plan, read-only', async () => {
    const plan = await new SyncEngine(dev, prod).plan({
      selections: [{ table: 'customers', all: true }],
      includeParents: false,
    });
    expect(plan.toSyncPlan()).toEqual({
      tables: [{ table: 'customers', selected: ['d0000000-0000-4000-8000-000000000001'], addedParents: [] }],
      total: 1,
      generatedColumns: [],
      sequences: [],
      droppedColumns: [],
      adminAccounts: { count: 0, ids: [], passwordHashesIncluded: true },
    });
  });
});
