import type { TableComparison } from '@vantix/contracts';
import { createTestDatabase, TestDatabase } from '@vantix/testing';
import fc from 'fast-check';
import { CrmDatabase } from './db/crm-database';
import { ComparisonEngine } from './comparison-engine';
import type { DiffTuning } from './compare/diff-table';
import { SUMMARY_MAX_CHARS } from './summaries/summary-templates';
import {
  CATALOG_TYPES_SQL,
  hashBlindExpected,
  hashBlindTables,
  VALUE_CATALOG,
  type CatalogType,
} from './testing/value-catalog';

/**
 * Differential test: on random schemas over 40 column types with random
 * values and random drift, the engine's lists and differing columns equal an
 * independent oracle — both sides' rows in one database, joined on the key,
 * compared column by column with IS DISTINCT FROM (by text for types without
 * an equality operator). Production's rows are loaded into a second table of
 * the Development database for the oracle from the very same literals.
 */

/** One cell: NULL, or a value group and the spelling used within the group. */
type Cell = { nul: boolean; group: number; variant: number };
const cell = fc
  .tuple(fc.nat(99), fc.nat(999), fc.nat(999))
  .map(([n, group, variant]): Cell => ({ nul: n < 15, group, variant }));
const row = fc.array(cell, { minLength: VALUE_CATALOG.length, maxLength: VALUE_CATALOG.length });

/** How Production's row relates to Development's. */
const relation = fc.constantFrom('same', 'same', 'drift', 'drift', 'independent');

const records = fc.uniqueArray(
  fc.record({
    k: fc.integer({ min: 1, max: 5000 }),
    dev: fc.option(row, { freq: 6, nil: null }),
    prod: fc.option(row, { freq: 6, nil: null }),
    relation,
    // Per column: does a drifting record take Production's own value here?
    driftMask: fc.array(fc.nat(7), { minLength: VALUE_CATALOG.length, maxLength: VALUE_CATALOG.length }),
  }),
  { selector: (r) => r.k, minLength: 1, maxLength: 50 },
);

function literal(type: CatalogType, c: Cell): string | null {
  if (c.nul) {
    return null;
  }
  const group = type.groups[c.group % type.groups.length];
  return group[c.variant % group.length];
}

/** Production's cells: equal groups (spelled anew) unless independent or drifting in that column. */
function prodCells(dev: Cell[], prod: Cell[], how: string, mask: number[]): Cell[] {
  if (how === 'independent') {
    return prod;
  }
  return dev.map((d, i) =>
    how === 'drift' && mask[i] === 0 ? prod[i] : { nul: d.nul, group: d.group, variant: prod[i].variant },
  );
}

interface Oracle {
  missingInProduction: string[];
  missingInDevelopment: string[];
  differing: Map<string, string[]>;
}

const TUNINGS: DiffTuning[] = [
  {},
  // The drill-down streamed through cursors in small batches.
  { wholeResultRows: 0, fetchRows: 7 },
  // Coarse first buckets refined over several levels.
  { firstBits: 6, rowsLimit: 3 },
];

describe('ComparisonEngine (differential): equals a SQL oracle on 40 column types', () => {
  let devDb: TestDatabase;
  let prodDb: TestDatabase;
  let dev: CrmDatabase;
  let prod: CrmDatabase;
  let run = 0;

  beforeAll(async () => {
    [devDb, prodDb] = await Promise.all([
      createTestDatabase('diff_dev', 'none'),
      createTestDatabase('diff_prod', 'none'),
    ]);
    dev = new CrmDatabase('development', devDb.url);
    prod = new CrmDatabase('production', prodDb.url);
    await Promise.all([dev.pool.query(CATALOG_TYPES_SQL), prod.pool.query(CATALOG_TYPES_SQL)]);
  });
  afterAll(async () => {
    await Promise.all([dev?.close(), prod?.close()]);
    await Promise.all([devDb?.drop(), prodDb?.drop()]);
  });

  async function insert(db: CrmDatabase, table: string, types: CatalogType[], rows: (string | null)[][]) {
    const columns = types.map((t) => `"${t.column}"`).join(', ');
    const values = types.map((t, i) => `(e->>${i + 1})::${t.type}`).join(', ');
    await db.pool.query(
      `INSERT INTO "${table}" (k, ${columns}) SELECT (e->>0)::int, ${values} FROM json_array_elements($1::json) e`,
      [JSON.stringify(rows)],
    );
  }

  async function oracle(table: string, types: CatalogType[]): Promise<Oracle> {
    const o = `${table}_prod`;
    const checks = types
      .map((t) => {
        const [d, p] = t.equality
          ? [`d."${t.column}"`, `p."${t.column}"`]
          : [`d."${t.column}"::text`, `p."${t.column}"::text`];
        return `CASE WHEN ${d} IS DISTINCT FROM ${p} THEN '${t.column}' END`;
      })
      .join(', ');
    const q = async (sql: string) => (await dev.pool.query<{ id: string; columns?: string[] }>(sql)).rows;
    const [onlyDev, onlyProd, changed] = await Promise.all([
      q(`SELECT k::text AS id FROM "${table}" EXCEPT SELECT k::text FROM "${o}"`),
      q(`SELECT k::text AS id FROM "${o}" EXCEPT SELECT k::text FROM "${table}"`),
      q(
        `SELECT id, columns FROM (SELECT d.k::text AS id, array_remove(ARRAY[${checks}], NULL) AS columns
           FROM "${table}" d JOIN "${o}" p ON p.k = d.k) s WHERE cardinality(columns) > 0`,
      ),
    ]);
    return {
      missingInProduction: onlyDev.map((r) => r.id).sort(),
      missingInDevelopment: onlyProd.map((r) => r.id).sort(),
      differing: new Map(changed.map((r) => [r.id, r.columns as string[]])),
    };
  }

  function expectSame(result: TableComparison, expected: Oracle): void {
    const ids = (list: { records: { id: string }[] }) => list.records.map((r) => r.id).sort();
    expect(ids(result.missingInProduction)).toEqual(expected.missingInProduction);
    expect(ids(result.missingInDevelopment)).toEqual(expected.missingInDevelopment);
    expect(new Map(result.differing.records.map((r) => [r.id, r.columns]))).toEqual(expected.differing);
    expect(result.missingInProduction.count).toBe(expected.missingInProduction.length);
    expect(result.missingInDevelopment.count).toBe(expected.missingInDevelopment.length);
    expect(result.differing.count).toBe(expected.differing.size);
    for (const list of [result.missingInProduction, result.missingInDevelopment, result.differing]) {
      expect(list.records.filter((r) => r.summary.length > SUMMARY_MAX_CHARS)).toEqual([]);
    }
  }

  it('lists every one-column change a type hash cannot see, and no equal value spelled differently', async () => {
    await hashBlindTables(dev.pool, prod.pool, 'hash_blind');
    const result = await new ComparisonEngine(dev, prod, { tables: ['hash_blind'] }).compare({ recordCap: 100 });
    expect(new Map(result.tables[0].differing.records.map((r) => [r.id, r.columns]))).toEqual(hashBlindExpected());
    expect(result.tables[0].differing.count).toBe(hashBlindExpected().size);
  });

  it('on random schemas, values and drift, through the bucket, refinement and streaming paths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(
          VALUE_CATALOG.map((_, i) => i),
          { minLength: 25 },
        ),
        records,
        fc.constantFrom(0, 0, 300, 2000),
        fc.nat(TUNINGS.length - 1),
        async (picked, recs, bulk, tuning) => {
          const types = picked.map((i) => VALUE_CATALOG[i]);
          const table = `diff_${++run}`;
          const ddl = (name: string) =>
            `CREATE TABLE "${name}" (k int PRIMARY KEY, ${types.map((t) => `"${t.column}" ${t.type}`).join(', ')})`;
          await Promise.all([dev.pool.query(`${ddl(table)}; ${ddl(`${table}_prod`)}`), prod.pool.query(ddl(table))]);
          try {
            const devRows = recs
              .filter((r) => r.dev)
              .map((r) => [String(r.k), ...picked.map((i, at) => literal(types[at], (r.dev as Cell[])[i]))]);
            const prodRows = recs
              .filter((r) => r.prod)
              .map((r) => {
                const cells = r.dev ? prodCells(r.dev, r.prod as Cell[], r.relation, r.driftMask) : (r.prod as Cell[]);
                return [String(r.k), ...picked.map((i, at) => literal(types[at], cells[i]))];
              });
            // Rows equal on both sides (first spelling of the first group), so
            // that the differences sit in a few buckets of a larger table.
            const bulkRows = Array.from({ length: bulk }, (_, i) => [
              String(10_000 + i),
              ...types.map((t) => t.groups[i % t.groups.length][0]),
            ]);
            await Promise.all([
              insert(dev, table, types, [...devRows, ...bulkRows]),
              insert(dev, `${table}_prod`, types, [...prodRows, ...bulkRows]),
              insert(prod, table, types, [...prodRows, ...bulkRows]),
            ]);
            const engine = new ComparisonEngine(dev, prod, { tables: [table], tuning: TUNINGS[tuning] });
            const result = await engine.compare({ recordCap: 10_000 });
            expectSame(result.tables[0], await oracle(table, types));
          } finally {
            await Promise.all([
              dev.pool.query(`DROP TABLE "${table}"; DROP TABLE "${table}_prod"`),
              prod.pool.query(`DROP TABLE "${table}"`),
            ]);
          }
        },
      ),
      // Every run is real database work: a failure reports its first counterexample
      // instead of shrinking for minutes (the seed and path replay it).
      { numRuns: 30, endOnFailure: true },
    );
  }, 240_000);
});
