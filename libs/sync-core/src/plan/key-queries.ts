import type { Queryable } from '../db/queryable';
import { encodeRecordId } from '../db/record-id';
import { castTo, ident, qualified } from '../db/sql';
import type { ColumnInfo } from '../introspect/table-schema';

/** Tuples per lookup statement: keeps each bound array (and the result) a bounded size. */
const LOOKUP_CHUNK = 20_000;

/**
 * Looks rows up by the values of `match` columns (a key or the columns a
 * foreign key references) and returns, per input tuple index that matched,
 * the text form of the `returning` columns (null for SQL NULL). The match
 * columns must be unique (a key, or what a foreign key references).
 *
 * The tuples travel as text arrays and are cast to the column types inside the
 * database, so the join uses the table's index.
 */
export async function lookupRows(
  db: Queryable,
  schema: string,
  table: string,
  match: readonly ColumnInfo[],
  tuples: readonly (readonly string[])[],
  returning: readonly string[],
): Promise<Map<number, (string | null)[]>> {
  const found = new Map<number, (string | null)[]>();
  if (tuples.length === 0) {
    return found;
  }
  const params = match.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const aliases = match.map((_, i) => `c${i}`).join(', ');
  const where = match.map((c, i) => `t.${ident(c.name)} = k.c${i}${castTo(c)}`).join(' AND ');
  const select = returning.map((name, i) => `t.${ident(name)}::text AS r${i}`);
  // One index probe per tuple, whatever the table's size: a plain join lets
  // the planner pick a hash join over a sequential scan of the whole table
  // once the tuple count is large (measured: 10k ids against 200k rows took
  // 150 ms that way, 40 ms probing). LIMIT 1 keeps the LATERAL subquery from
  // being flattened into such a join; the match columns are always a primary
  // key or the unique columns a foreign key references, so it drops nothing.
  const sql =
    `SELECT k.ord${select.length > 0 ? `, t.*` : ''} FROM unnest(${params}) WITH ORDINALITY AS k(${aliases}, ord) ` +
    `CROSS JOIN LATERAL (SELECT ${select.length > 0 ? select.join(', ') : '1'} ` +
    `FROM ${qualified(schema, table)} t WHERE ${where} LIMIT 1) t`;
  for (let start = 0; start < tuples.length; start += LOOKUP_CHUNK) {
    const chunk = tuples.slice(start, start + LOOKUP_CHUNK);
    const columns = match.map((_, i) => chunk.map((t) => t[i]));
    const result = await db.query<Record<string, string | null>>(sql, columns);
    for (const row of result.rows) {
      found.set(
        start + Number(row['ord']) - 1,
        returning.map((_, i) => row[`r${i}`] ?? null),
      );
    }
  }
  return found;
}

/** Which of the given keys exist in the table, as the set of their canonical encoded ids. */
export async function existingKeys(
  db: Queryable,
  schema: string,
  table: string,
  key: readonly ColumnInfo[],
  keys: readonly (readonly string[])[],
): Promise<Set<string>> {
  const rows = await lookupRows(
    db,
    schema,
    table,
    key,
    keys,
    key.map((c) => c.name),
  );
  return new Set([...rows.values()].map((values) => encodeRecordId(values as string[])));
}

/**
 * Every key of `table` in Development that Production does not have, found by
 * walking Dev's primary key in keyset pages and asking Prod about each page.
 * Node holds one page plus the missing ids, never a whole table.
 */
export async function keysMissingInProduction(
  dev: Queryable,
  prod: Queryable,
  schema: string,
  table: string,
  devKey: readonly ColumnInfo[],
  prodKey: readonly ColumnInfo[],
  pageSize = 10_000,
): Promise<string[][]> {
  const cols = devKey.map((c) => ident(c.name));
  const select = devKey.map((c, i) => `${ident(c.name)}::text AS r${i}`).join(', ');
  const after = `(${cols.join(', ')}) > (${devKey.map((c, i) => `$${i + 1}${castTo(c)}`).join(', ')})`;
  const base = `SELECT ${select} FROM ${qualified(schema, table)}`;
  const order = `ORDER BY ${cols.join(', ')} LIMIT ${Number(pageSize)}`;
  const missing: string[][] = [];
  let last: string[] | null = null;
  for (;;) {
    const page: { rows: Record<string, string>[] } = last
      ? await dev.query<Record<string, string>>(`${base} WHERE ${after} ${order}`, last)
      : await dev.query<Record<string, string>>(`${base} ${order}`);
    if (page.rows.length === 0) {
      break;
    }
    const keys = page.rows.map((row) => devKey.map((_, i) => row[`r${i}`]));
    const present = await existingKeys(prod, schema, table, prodKey, keys);
    for (const k of keys) {
      if (!present.has(encodeRecordId(k))) {
        missing.push(k);
      }
    }
    last = keys[keys.length - 1];
    if (page.rows.length < pageSize) {
      break;
    }
  }
  return missing;
}
