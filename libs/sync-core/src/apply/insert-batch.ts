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

/** What one batch's statement did: the rows it inserted, and the first whose stored value is not Development's. */
export interface BatchResult {
  inserted: Set<string>;
  changed: { id: string; column: string } | null;
}

/** How the stored value of copied column `i` is compared with the Development value it came from. */
function sameValue(table: SyncTable, i: number): string {
  const column = table.copied[i];
  const prod = table.prodFacts.get(column.name);
  const dev = table.devFacts.get(column.name);
  const devColumn = table.dev.columns.find((c) => c.name === column.name);
  const stored = `i.i${i}`;
  if (devColumn?.dataType === column.dataType) {
    // Same type: Development's text parses back to the very value (pinned text forms).
    return prod?.comparesByText
      ? `${stored}::text IS NOT DISTINCT FROM s.v${i}::text`
      : `${stored} IS NOT DISTINCT FROM s.v${i}`;
  }
  if (dev?.builtin && !dev.comparesByText && devColumn) {
    // Types differ: by Development's own equality, on the stored value read back.
    const devType = castTo({ name: column.name, dataType: dev.baseType });
    return `${stored}::text${devType} IS NOT DISTINCT FROM s.t${i}${devType}`;
  }
  return `${stored}::text IS NOT DISTINCT FROM s.t${i}`;
}

/**
 * The one statement a batch of rows reaches Production with. Every value
 * travels as text and is parsed into Production's type *without its
 * modifier* (`character varying`, not `character varying(20)`), then assigned
 * to the column: assignment raises on over-length, out-of-range and a missing
 * enum label where an explicit cast to the full type would cut silently. The
 * rows go in with `OVERRIDING SYSTEM VALUE … ON CONFLICT (key) DO NOTHING`, and
 * the statement returns, per inserted row, its key and the first column whose
 * stored value is not the Development value (a numeric rounded to a smaller
 * scale, a trigger's change, …) — checked inside the same statement.
 */
export function insertStatement(schema: string, table: SyncTable): string {
  const columns = table.copied;
  const base = (i: number) =>
    castTo({ name: columns[i].name, dataType: table.prodFacts.get(columns[i].name)?.baseType ?? columns[i].dataType });
  const params = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  // Development's own text is kept only where the types differ (the check compares with it there).
  const devType = (i: number) => table.dev.columns.find((c) => c.name === columns[i].name)?.dataType;
  const source = columns
    .map((c, i) => `k.c${i}${base(i)} AS v${i}${devType(i) === c.dataType ? '' : `, k.c${i} AS t${i}`}`)
    .join(', ');
  const keyAt = table.prodKey.map((k) => columns.findIndex((c) => c.name === k.name));
  const stored = columns.map((c, i) => `t.${ident(c.name)} AS i${i}`).join(', ');
  const changed = columns.map((_, i) => `WHEN NOT (${sameValue(table, i)}) THEN ${i}`).join(' ');
  // OVERRIDING SYSTEM VALUE: the Dev id is the record's identity on both
  // sides, so it is kept even for a GENERATED ALWAYS identity column (the
  // sequence is advanced afterwards, apply/sequences.ts).
  // ON CONFLICT names the primary key only: a row whose id appeared in Prod is
  // skipped, while any other unique violation (e.g. a taken e-mail) is an error.
  return (
    `WITH s AS (SELECT k.ord, ${source} FROM unnest(${params}) WITH ORDINALITY AS k(${aliases}, ord)), ` +
    `i AS (INSERT INTO ${qualified(schema, table.name)} AS t (${columns.map((c) => ident(c.name)).join(', ')}) ` +
    `OVERRIDING SYSTEM VALUE SELECT ${columns.map((_, i) => `s.v${i}`).join(', ')} FROM s ORDER BY s.ord ` +
    `ON CONFLICT (${table.prodKey.map((c) => ident(c.name)).join(', ')}) DO NOTHING RETURNING ${stored}) ` +
    `SELECT ${keyAt.map((p, i) => `i.i${p}::text AS r${i}`).join(', ')}, CASE ${changed} END AS changed ` +
    `FROM i JOIN s ON ${keyAt.map((p) => `i.i${p} = s.v${p}`).join(' AND ')}`
  );
}

export async function insertBatch(
  client: Queryable,
  sql: string,
  table: SyncTable,
  rows: readonly Row[],
): Promise<BatchResult> {
  const columns = table.copied.map((_, i) => rows.map((r) => r.values[i]));
  const result = await client.query<Record<string, string | number | null>>(sql, columns);
  const inserted = new Set<string>();
  let changed: BatchResult['changed'] = null;
  for (const row of result.rows) {
    const id = encodeRecordId(table.prodKey.map((_, i) => row[`r${i}`] as string));
    inserted.add(id);
    if (row['changed'] !== null && changed === null) {
      changed = { id, column: table.copied[Number(row['changed'])].name };
    }
  }
  return { inserted, changed };
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
