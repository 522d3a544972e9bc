import type { TableComparison } from '@vantix/contracts';
import { createTestDatabase, TestDatabase } from '@vantix/testing';
import fc from 'fast-check';
import { CrmDatabase } from './db/crm-database';
import { ComparisonEngine } from './comparison-engine';

/**
 * Property: on random Dev/Prod data with random schema drift, the engine's
 * result equals a naive comparison done here — both tables read whole into
 * Node and compared as sets, value by value (as text) on the shared columns.
 */

interface Naive {
  devCount: number;
  prodCount: number;
  missingInProduction: string[];
  missingInDevelopment: string[];
  differing: Map<string, string[]>;
}

async function readAll(
  db: CrmDatabase,
  table: string,
): Promise<{ columns: string[]; rows: Map<string, Record<string, string | null>> }> {
  const columns = (
    await db.pool.query<{ attname: string }>(
      `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      [table],
    )
  ).rows.map((r) => r.attname);
  const select = columns.map((c) => `"${c}"::text AS "${c}"`).join(', ');
  const rows = new Map<string, Record<string, string | null>>();
  for (const row of (await db.pool.query<Record<string, string | null>>(`SELECT ${select} FROM "${table}"`)).rows) {
    rows.set(JSON.stringify([row['k1'], row['k2']]), row);
  }
  return { columns, rows };
}

async function naiveCompare(dev: CrmDatabase, prod: CrmDatabase, table: string): Promise<Naive> {
  const [d, p] = await Promise.all([readAll(dev, table), readAll(prod, table)]);
  const shared = d.columns.filter((c) => p.columns.includes(c));
  const differing = new Map<string, string[]>();
  for (const [id, row] of d.rows) {
    const other = p.rows.get(id);
    if (!other) {
      continue;
    }
    const columns = shared.filter((c) => row[c] !== other[c]);
    if (columns.length) {
      differing.set(id, columns);
    }
  }
  return {
    devCount: d.rows.size,
    prodCount: p.rows.size,
    missingInProduction: [...d.rows.keys()].filter((id) => !p.rows.has(id)).sort(),
    missingInDevelopment: [...p.rows.keys()].filter((id) => !d.rows.has(id)).sort(),
    differing,
  };
}

function expectSameAsNaive(result: TableComparison, naive: Naive): void {
  expect([result.devCount, result.prodCount]).toEqual([naive.devCount, naive.prodCount]);
  expect(result.missingInProduction.records.map((r) => r.id).sort()).toEqual(naive.missingInProduction);
  expect(result.missingInDevelopment.records.map((r) => r.id).sort()).toEqual(naive.missingInDevelopment);
  expect(result.missingInProduction.count).toBe(naive.missingInProduction.length);
  expect(result.missingInDevelopment.count).toBe(naive.missingInDevelopment.length);
  expect(new Map(result.differing.records.map((r) => [r.id, r.columns]))).toEqual(naive.differing);
  expect(result.differing.count).toBe(naive.differing.size);
}

const CAP = 100_000;

describe('ComparisonEngine (property): equals a naive set comparison', () => {
  let devDb: TestDatabase;
  let prodDb: TestDatabase;
  let dev: CrmDatabase;
  let prod: CrmDatabase;
  let run = 0;

  beforeAll(async () => {
    [devDb, prodDb] = await Promise.all([
      createTestDatabase('prop_dev', 'none'),
      createTestDatabase('prop_prod', 'none'),
    ]);
    dev = new CrmDatabase('development', devDb.url);
    prod = new CrmDatabase('production', prodDb.url);
  });
  afterAll(async () => {
    await Promise.all([dev?.close(), prod?.close()]);
    await Promise.all([devDb?.drop(), prodDb?.drop()]);
  });

  async function createTables(extra: 'none' | 'dev' | 'prod', bMismatch: boolean): Promise<string> {
    const table = `prop_${++run}`;
    const ddl = (side: 'dev' | 'prod') =>
      `CREATE TABLE "${table}" (k1 int, k2 text, a text, b ${side === 'prod' && bMismatch ? 'bigint' : 'int'},
         secret_token text${extra === side ? ', x int DEFAULT 7' : ''}, PRIMARY KEY (k1, k2))`;
    await Promise.all([dev.pool.query(ddl('dev')), prod.pool.query(ddl('prod'))]);
    return table;
  }

  const values = fc.record({
    a: fc.option(fc.constantFrom('x', 'y', 'ü', '', 'a b'), { nil: null }),
    b: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
    token: fc.constantFrom('tok1', 'tok2'),
  });
  type Values = { a: string | null; b: number | null; token: string };
  const records = fc.uniqueArray(
    fc.record({
      k1: fc.integer({ min: 0, max: 30 }),
      k2: fc.constantFrom('a', 'b', 'é', '😀', 'Z', 'a b', '\uFFFD'),
      dev: fc.option(values, { nil: null }),
      prod: fc.option(values, { nil: null }),
      same: fc.boolean(),
    }),
    { selector: (r) => `${r.k1}|${r.k2}`, maxLength: 60 },
  );

  async function insert(db: CrmDatabase, table: string, rows: { k1: number; k2: string; v: Values }[]): Promise<void> {
    await db.pool.query(
      `INSERT INTO "${table}" (k1, k2, a, b, secret_token) SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::text[])`,
      [
        rows.map((r) => r.k1),
        rows.map((r) => r.k2),
        rows.map((r) => r.v.a),
        rows.map((r) => r.v.b),
        rows.map((r) => r.v.token),
      ],
    );
  }

  it('on small random tables with random drift (nulls, unicode keys, one-sided columns, type mismatches)', async () => {
    await fc.assert(
      fc.asyncProperty(
        records,
        fc.constantFrom('none', 'dev', 'prod'),
        fc.boolean(),
        async (recs, extra, bMismatch) => {
          const table = await createTables(extra as 'none' | 'dev' | 'prod', bMismatch);
          try {
            const devRows = recs.filter((r) => r.dev).map((r) => ({ k1: r.k1, k2: r.k2, v: r.dev as Values }));
            const prodRows = recs
              .filter((r) => r.prod)
              .map((r) => ({ k1: r.k1, k2: r.k2, v: (r.same && r.dev ? r.dev : r.prod) as Values }));
            await Promise.all([insert(dev, table, devRows), insert(prod, table, prodRows)]);
            const engine = new ComparisonEngine(dev, prod, { tables: [table] });
            const result = await engine.compare({ recordCap: CAP });
            expectSameAsNaive(result.tables[0], await naiveCompare(dev, prod, table));
            expect(result.tables[0].schemaDrift.none).toBe(extra === 'none' && !bMismatch);
            expect(JSON.stringify(result)).not.toMatch(/tok[12]/);
          } finally {
            await Promise.all([dev.pool.query(`DROP TABLE "${table}"`), prod.pool.query(`DROP TABLE "${table}"`)]);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('on bulk tables where many keys share a bucket and only some buckets differ', async () => {
    const ops = fc.array(
      fc.tuple(fc.nat(), fc.constantFrom('delDev', 'delProd', 'updDev', 'updProd', 'insDev', 'insProd')),
      {
        maxLength: 40,
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2_000, max: 12_000 }), ops, fc.nat(2), async (n, changes, variant) => {
        const table = await createTables('none', false);
        try {
          const base = `INSERT INTO "${table}" (k1, k2, a, b, secret_token)
                        SELECT g, 'k', 'v' || g, g % 7, 'tok1' FROM generate_series(1, ${n}) g`;
          await Promise.all([dev.pool.query(base), prod.pool.query(base)]);
          for (const [at, op] of changes) {
            const k = (at % n) + 1;
            const db = op.endsWith('Dev') ? dev : prod;
            if (op.startsWith('del')) {
              await db.pool.query(`DELETE FROM "${table}" WHERE k1 = $1`, [k]);
            }
            if (op.startsWith('upd')) {
              await db.pool.query(`UPDATE "${table}" SET b = coalesce(b, 0) + 1 WHERE k1 = $1`, [k]);
            }
            if (op.startsWith('ins')) {
              await db.pool.query(`INSERT INTO "${table}" VALUES ($1, 'new', 'n', 1, 'tok2') ON CONFLICT DO NOTHING`, [
                n + k,
              ]);
            }
          }
          // The defaults; streaming the drill-down through cursors in small batches;
          // coarse first buckets refined over several levels.
          const tuning = [{}, { wholeResultRows: 0, fetchRows: 7 }, { firstBits: 8, rowsLimit: 3 }][variant];
          const engine = new ComparisonEngine(dev, prod, { tables: [table], tuning });
          const result = await engine.compare({ recordCap: CAP });
          expectSameAsNaive(result.tables[0], await naiveCompare(dev, prod, table));
        } finally {
          await Promise.all([dev.pool.query(`DROP TABLE "${table}"`), prod.pool.query(`DROP TABLE "${table}"`)]);
        }
      }),
      { numRuns: 9 },
    );
  });
});
