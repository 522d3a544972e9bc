import { createTestDatabase, TestDatabase } from '@vantix/testing';
import { CrmDatabase } from './db/crm-database';
import { ComparisonEngine } from './comparison-engine';
import { ReadSession } from './db/read-session';

async function withIsolation(db: CrmDatabase): Promise<unknown[]> {
  const session = await ReadSession.open(db);
  try {
    return await session.query(`SELECT current_setting('transaction_isolation') AS isolation`);
  } finally {
    await session.close();
  }
}

const SEED = `
  INSERT INTO customers (id, name, created_at, updated_at)
    SELECT ('c0000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'Customer ' || g, '2024-01-01Z', '2024-01-01Z'
      FROM generate_series(1, 20) g;
  INSERT INTO customer_notes (id, customer_id, body, created_at, updated_at)
    SELECT ('e0000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid,
           ('c0000000-0000-4000-8000-' || lpad((g % 20 + 1)::text, 12, '0'))::uuid, 'Note ' || g, '2024-01-01Z', '2024-01-01Z'
      FROM generate_series(1, 40) g;`;

describe('ComparisonEngine snapshot consistency', () => {
  let devDb: TestDatabase;
  let prodDb: TestDatabase;
  let dev: CrmDatabase;
  let prod: CrmDatabase;

  beforeAll(async () => {
    [devDb, prodDb] = await Promise.all([createTestDatabase('snap_dev'), createTestDatabase('snap_prod')]);
    dev = new CrmDatabase('development', devDb.url);
    prod = new CrmDatabase('production', prodDb.url);
    await Promise.all([dev.pool.query(SEED), prod.pool.query(SEED)]);
    // Drift: 3 customers and their notes only in Dev.
    await dev.pool.query(`
      INSERT INTO customers (id, name) VALUES ('d0000000-0000-4000-8000-000000000001', 'New 1'),
        ('d0000000-0000-4000-8000-000000000002', 'New 2'), ('d0000000-0000-4000-8000-000000000003', 'New 3');`);
  });
  afterAll(async () => {
    await Promise.all([dev?.close(), prod?.close()]);
    await Promise.all([devDb?.drop(), prodDb?.drop()]);
  });

  it('reads each side from one snapshot: writes committed mid-comparison are not seen', async () => {
    const engine = new ComparisonEngine(dev, prod);
    let wrote = false;
    const result = await engine.compare({
      tables: ['customers', 'customer_notes'],
      recordCap: 10,
      sink: {
        // Called while customers are being reported, before customer_notes is read.
        add: async () => {
          if (wrote) {
            return;
          }
          wrote = true;
          await dev.pool.query(
            `INSERT INTO customer_notes (id, customer_id, body) VALUES
               ('e1000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'written meanwhile')`,
          );
          await prod.pool.query(
            `INSERT INTO customers (id, name) VALUES ('e2000000-0000-4000-8000-000000000001', 'meanwhile')`,
          );
          await dev.pool.query(`DELETE FROM customer_notes WHERE id = 'e0000000-0000-4000-8000-000000000001'`);
        },
      },
    });
    expect(wrote).toBe(true);
    const [customers, notes] = result.tables;
    expect([customers.devCount, customers.prodCount, customers.missingInProduction.count]).toEqual([23, 20, 3]);
    expect(customers.missingInDevelopment.count).toBe(0);
    // Counts and lists of the later table come from the same snapshot as the first one.
    expect([notes.devCount, notes.prodCount]).toEqual([40, 40]);
    expect(notes.missingInProduction.count + notes.missingInDevelopment.count + notes.differing.count).toBe(0);

    // A new comparison sees the writes.
    const after = await engine.compare({ tables: ['customers', 'customer_notes'], recordCap: 10 });
    expect(after.tables[0].missingInDevelopment.count).toBe(1);
    expect([
      after.tables[1].devCount,
      after.tables[1].missingInProduction.count,
      after.tables[1].missingInDevelopment.count,
    ]).toEqual([40, 1, 1]);
  });

  it('leaves no transaction open behind it', async () => {
    const engine = new ComparisonEngine(dev, prod);
    await engine.compare({ recordCap: 1 });
    for (const db of [dev, prod]) {
      const { rows } = await db.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity
          WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      );
      expect(Number(rows[0].n)).toBe(0);
    }
  });

  it('reads through a transaction the database itself keeps read-only', async () => {
    const session = await ReadSession.open(prod);
    try {
      await expect(session.query(`INSERT INTO customers (id, name) VALUES (gen_random_uuid(), 'x')`)).rejects.toThrow(
        /read-only transaction/,
      );
    } finally {
      await session.abandon();
    }
    const [{ isolation }] = (await withIsolation(prod)) as [{ isolation: string }];
    expect(isolation).toBe('repeatable read');
  });
});
