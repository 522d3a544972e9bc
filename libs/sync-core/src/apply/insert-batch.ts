import { isConnectionFailure } from '@vantix/db-errors';
import type { Queryable } from '../db/queryable';
import { encodeRecordId } from '../db/record-id';
import { castTo, ident, qualified } from '../db/sql';
import type { SyncTable } from '../plan/sync-catalog';

/** One row read from Development: its id and the text of each copied column (null for SQL NULL). */
export interface Row {
  id: string;
  values: (string | null)[];
}

/**
 * The one statement a batch of rows reaches Production with:
 * `INSERT … OVERRIDING SYSTEM VALUE SELECT … FROM unnest(…) ON CONFLICT (key) DO NOTHING RETURNING key`.
 */
export function insertStatement(schema: string, table: SyncTable): string {
  const columns = table.copied;
  // Each column travels as an array of its own type, so PostgreSQL parses the
  // values once, straight into the column type. Array-typed columns travel as
  // text[] and are cast per element instead: `type[][]` is the same type as
  // `type[]` to PostgreSQL and unnest would flatten it.
  const isArray = (c: SyncTable['copied'][number]) => c.dataType.endsWith(']');
  const params = columns.map((c, i) => (isArray(c) ? `$${i + 1}::text[]` : `$${i + 1}${castTo(c)}[]`)).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const values = columns.map((c, i) => (isArray(c) ? `k.c${i}${castTo(c)}` : `k.c${i}`)).join(', ');
  const key = table.prodKey.map((c) => ident(c.name)).join(', ');
  // OVERRIDING SYSTEM VALUE: the Dev id is the record's identity on both
  // sides, so it is kept even for a GENERATED ALWAYS identity column.
  // ON CONFLICT names the primary key only: a row whose id appeared in Prod is
  // skipped, while any other unique violation (e.g. a taken e-mail) is an error.
  return (
    `INSERT INTO ${qualified(schema, table.name)} (${columns.map((c) => ident(c.name)).join(', ')}) ` +
    `OVERRIDING SYSTEM VALUE SELECT ${values} FROM unnest(${params}) AS k(${aliases}) ` +
    `ON CONFLICT (${key}) DO NOTHING RETURNING ${table.prodKey.map((c, i) => `${ident(c.name)}::text AS r${i}`).join(', ')}`
  );
}

export async function insertBatch(
  client: Queryable,
  sql: string,
  table: SyncTable,
  rows: readonly Row[],
): Promise<Set<string>> {
  const columns = table.copied.map((_, i) => rows.map((r) => r.values[i]));
  const result = await client.query<Record<string, string>>(sql, columns);
  return new Set(result.rows.map((row) => encodeRecordId(table.prodKey.map((_, i) => row[`r${i}`]))));
}

/**
 * Finds the first row of a refused batch that the database refuses, by
 * bisecting on the batch prefix inside savepoints (each probe is rolled back).
 * ~log2(batch) probes, run only on the failure path.
 */
export async function findRefusedRow(
  client: Queryable,
  sql: string,
  table: SyncTable,
  rows: readonly Row[],
): Promise<{ row: Row; error: unknown } | null> {
  const probe = async (length: number): Promise<unknown> => {
    await client.query('SAVEPOINT vx_probe');
    let error: unknown = null;
    try {
      await insertBatch(client, sql, table, rows.slice(0, length));
    } catch (e) {
      if (isConnectionFailure(e)) {
        throw e;
      }
      error = e;
    }
    await client.query('ROLLBACK TO SAVEPOINT vx_probe');
    return error;
  };
  let failing = await probe(rows.length);
  if (!failing) {
    return null;
  }
  let ok = 0;
  let bad = rows.length;
  while (bad - ok > 1) {
    const mid = (ok + bad) >> 1;
    const error = await probe(mid);
    if (error) {
      bad = mid;
      failing = error;
    } else {
      ok = mid;
    }
  }
  return { row: rows[bad - 1], error: failing };
}
