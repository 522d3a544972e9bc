import type { RecordEntry, RecordKind, TableComparison } from '@vantix/contracts';
import { createTestDatabase, TestDatabase } from '@vantix/testing';
import { CrmDatabase } from './db/crm-database';
import { ComparisonEngine, TableNotAllowedError } from './comparison-engine';

const U = (n: number) => `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const C = (n: number) => `c0000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const N = (n: number) => `e0000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const F = (n: number) => `f0000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const AT = `'2024-03-01 10:00:00+00'`;
const LONG_BODY =
  'Called about the renewal of the enterprise contract; they want a discount on seats and an extra training day next spring.';

function user(id: string, email: string, role: string, hash: string): string {
  return `INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) VALUES ('${id}', '${email}', 'X', '${role}', '${hash}', ${AT}, ${AT});`;
}
function customer(id: string, name: string, email: string, owner: string | null, status = 'active'): string {
  const o = owner ? `'${owner}'` : 'NULL';
  return `INSERT INTO customers (id, name, company, email, status, owner_id, created_at, updated_at) VALUES ('${id}', '${name}', 'Acme', '${email}', '${status}', ${o}, ${AT}, ${AT});`;
}
function note(id: string, customerId: string, body: string): string {
  return `INSERT INTO customer_notes (id, customer_id, body, created_at, updated_at) VALUES ('${id}', '${customerId}', '${body}', ${AT}, ${AT});`;
}
function file(id: string, customerId: string, name: string, size: number): string {
  return `INSERT INTO customer_files (id, customer_id, file_name, mime_type, size_bytes, storage_key, created_at) VALUES ('${id}', '${customerId}', '${name}', 'application/pdf', ${size}, 'k/${id}', ${AT});`;
}

// Both sides share u1, c1, n1; the rest of the cases are named in the tests.
const COMMON = [
  user(U(1), 'admin@acme.test', 'admin', 'HASH-SAME'),
  customer(C(1), 'Alice Anders', 'alice@acme.test', U(1)),
  note(N(1), C(1), 'Same on both sides'),
];
const DEV_SQL = [
  ...COMMON,
  user(U(2), 'bob@acme.test', 'agent', 'HASH-BOB'), // only in Dev, agent
  user(U(3), 'eve@acme.test', 'admin', 'HASH-EVE'), // only in Dev, admin
  user(U(4), 'dan@acme.test', 'agent', 'HASH-DAN-DEV-SECRET'), // password differs
  customer(C(2), 'Carol Clark', 'carol@dev.test', U(1), 'lead'), // email + status differ
  customer(C(3), 'Cyril Cole', 'cyril@acme.test', U(1)), // only in Dev, owner in Prod
  customer(C(4), 'Cleo Cruz', 'cleo@acme.test', U(2)), // only in Dev, owner only in Dev
  note(N(2), C(1), LONG_BODY), // only in Dev, customer in Prod
  note(N(3), C(3), 'About Cyril'), // only in Dev, customer only in Dev
  note(N(5), C(1), 'Dev wording'), // differs
  file(F(1), C(1), 'report.pdf', 1536), // only in Dev, customer in Prod
  file(F(2), C(4), 'cleo.pdf', 10), // only in Dev, customer only in Dev
].join('\n');
const PROD_SQL = [
  ...COMMON,
  user(U(4), 'dan@acme.test', 'agent', 'HASH-DAN-PROD-SECRET'),
  user(U(5), 'fay@acme.test', 'agent', 'HASH-FAY'), // only in Prod
  customer(C(2), 'Carol Clark', 'carol@prod.test', U(1), 'active'),
  customer(C(5), 'Prod Only', 'p@acme.test', U(1)), // only in Prod
  note(N(4), C(1), 'Prod only'),
  note(N(5), C(1), 'Prod wording'),
].join('\n');

function ids(list: { records: RecordEntry[] }): string[] {
  return list.records.map((r) => r.id).sort();
}

describe(ComparisonEngine.name, () => {
  let devDb: TestDatabase;
  let prodDb: TestDatabase;
  let dev: CrmDatabase;
  let prod: CrmDatabase;
  let engine: ComparisonEngine;
  let byTable: Map<string, TableComparison>;

  beforeAll(async () => {
    [devDb, prodDb] = await Promise.all([createTestDatabase('cmp_dev'), createTestDatabase('cmp_prod')]);
    dev = new CrmDatabase('development', devDb.url);
    prod = new CrmDatabase('production', prodDb.url);
    await Promise.all([dev.pool.query(DEV_SQL), prod.pool.query(PROD_SQL)]);
    engine = new ComparisonEngine(dev, prod);
    const result = await engine.compare({ recordCap: 100 });
    byTable = new Map(result.tables.map((t) => [t.table, t]));
  });
  afterAll(async () => {
    await Promise.all([dev?.close(), prod?.close()]);
    await Promise.all([devDb?.drop(), prodDb?.drop()]);
  });

  it('compares the four CRM tables by default, in the configured order, without drift', async () => {
    expect([...byTable.keys()]).toEqual(['users', 'customers', 'customer_notes', 'customer_files']);
    for (const table of byTable.values()) {
      expect(table.schemaDrift.none).toBe(true);
    }
  });

  it('counts each side and lists missing and differing records by id', () => {
    const users = byTable.get('users') as TableComparison;
    expect([users.devCount, users.prodCount]).toEqual([4, 3]);
    expect(ids(users.missingInProduction)).toEqual([U(2), U(3)]);
    expect(ids(users.missingInDevelopment)).toEqual([U(5)]);
    expect(ids(users.differing)).toEqual([U(4)]);

    const customers = byTable.get('customers') as TableComparison;
    expect([customers.devCount, customers.prodCount]).toEqual([4, 3]);
    expect(ids(customers.missingInProduction)).toEqual([C(3), C(4)]);
    expect(ids(customers.missingInDevelopment)).toEqual([C(5)]);
    expect(customers.differing.records).toEqual([expect.objectContaining({ id: C(2), columns: ['email', 'status'] })]);

    const notes = byTable.get('customer_notes') as TableComparison;
    expect(ids(notes.missingInProduction)).toEqual([N(2), N(3)]);
    expect(ids(notes.missingInDevelopment)).toEqual([N(4)]);
    expect(notes.differing.records).toEqual([expect.objectContaining({ id: N(5), columns: ['body'] })]);

    const files = byTable.get('customer_files') as TableComparison;
    expect([files.devCount, files.prodCount]).toEqual([2, 0]);
    expect(ids(files.missingInProduction)).toEqual([F(1), F(2)]);
  });

  it('summarises records so a person recognises them, with created_at in ISO 8601', () => {
    const find = (table: string, kind: RecordKind, id: string) =>
      byTable.get(table)?.[kind].records.find((r) => r.id === id);
    expect(find('customers', 'missingInProduction', C(3))).toEqual({
      id: C(3),
      summary: 'Cyril Cole — Acme <cyril@acme.test>',
      createdAt: '2024-03-01T10:00:00.000Z',
    });
    expect(find('customer_notes', 'missingInProduction', N(2))?.summary).toBe(
      `Alice Anders: ${LONG_BODY.slice(0, 79).trimEnd()}…`,
    );
    expect(find('customer_notes', 'missingInDevelopment', N(4))?.summary).toBe('Alice Anders: Prod only');
    expect(find('customer_files', 'missingInProduction', F(1))?.summary).toBe(
      'report.pdf (application/pdf, 1.5 KB) — Alice Anders',
    );
    expect(find('users', 'missingInProduction', U(3))?.summary).toBe('eve@acme.test (admin)');
    // A differing record is described by its Development version.
    expect(find('customers', 'differing', C(2))?.summary).toBe('Carol Clark — Acme <carol@dev.test>');
  });

  it('reports a differing password by column name only, never its value', async () => {
    const users = byTable.get('users') as TableComparison;
    expect(users.differing.records).toEqual([
      { id: U(4), summary: 'dan@acme.test (agent)', createdAt: '2024-03-01T10:00:00.000Z', columns: ['password_hash'] },
    ]);
    const seen: string[] = [];
    const result = await engine.compare({
      recordCap: 100,
      sink: { add: async (_t, _k, record) => void seen.push(JSON.stringify(record)) },
    });
    const everything = JSON.stringify(result) + seen.join('');
    expect(everything).not.toMatch(/HASH-/);
  });

  it('recommends actions derived from the introspected foreign keys', async () => {
    const { recommendations } = await engine.compare({ recordCap: 0 });
    const summary = recommendations.map((r) => `${r.priority} ${r.table} ${r.count} ${r.title}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        'high users 1 1 admin account missing in Production',
        'medium users 1 1 record of users missing in Production',
        'high customers 1 1 record of customers missing in Production whose parent records are there',
        'medium customers 1 1 record of customers missing in Production whose parent is missing there too',
        'high customer_notes 1 1 record of customer_notes missing in Production whose parent records are there',
        'medium customer_notes 1 1 record of customer_notes missing in Production whose parent is missing there too',
        'high customer_files 1 1 record of customer_files missing in Production whose parent records are there',
        'medium customer_files 1 1 record of customer_files missing in Production whose parent is missing there too',
        'medium users 1 1 record of users differs between Development and Production',
        'medium customers 1 1 record of customers differs between Development and Production',
        'medium customer_notes 1 1 record of customer_notes differs between Development and Production',
        'info users 1 1 record of users exists only in Production',
        'info customers 1 1 record of customers exists only in Production',
        'info customer_notes 1 1 record of customer_notes exists only in Production',
      ]),
    );
    expect(recommendations).toHaveLength(14);
    const parents = recommendations.find((r) => r.table === 'customer_files' && r.title.includes('parent is missing'));
    expect(parents?.action).toContain('include parents');
    expect(parents?.action).toContain('customers (1)');
    const admin = recommendations.find((r) => r.title.includes('admin'));
    expect(admin?.action).toContain('production admin rights');
    // Most urgent first.
    const order = recommendations.map((r) => ['high', 'medium', 'low', 'info'].indexOf(r.priority));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('caps the lists but not the counts, and hands every record to the sink', async () => {
    const sunk: Record<string, string[]> = {};
    const result = await engine.compare({
      tables: ['customers', 'customer_notes'],
      recordCap: 1,
      sink: {
        add: async (table, kind, record) => {
          (sunk[`${table}/${kind}`] ??= []).push(record.id);
        },
      },
    });
    expect(result.tables.map((t) => t.table)).toEqual(['customers', 'customer_notes']);
    const customers = result.tables[0];
    expect(customers.missingInProduction.count).toBe(2);
    expect(customers.missingInProduction.records).toHaveLength(1);
    expect(sunk['customers/missingInProduction']?.sort()).toEqual([C(3), C(4)]);
    expect(sunk['customer_notes/missingInProduction']?.sort()).toEqual([N(2), N(3)]);
    expect(sunk['customers/differing']).toEqual([C(2)]);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.finishedAt.getTime()).toBeGreaterThanOrEqual(result.startedAt.getTime());
  });

  it('leaves no transaction open behind a comparison', async () => {
    await engine.compare({ recordCap: 1 });
    for (const db of [dev, prod]) {
      const { rows } = await db.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      );
      expect(Number(rows[0].n)).toBe(0);
    }
  });

  it('refuses tables outside its allow-list and a swapped pair of databases', async () => {
    await expect(engine.compare({ tables: ['pg_authid'], recordCap: 1 })).rejects.toBeInstanceOf(TableNotAllowedError);
    await expect(engine.compare({ tables: ['users', 'secrets'], recordCap: 1 })).rejects.toBeInstanceOf(
      TableNotAllowedError,
    );
    expect(() => new ComparisonEngine(prod, dev)).toThrow(/development database first/);
  });
});
