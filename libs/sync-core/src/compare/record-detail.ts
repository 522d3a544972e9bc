import type { RecordColumnDetail } from '@vantix/contracts';
import type { ReadSession } from '../db/read-session';
import { keyObjectsJson } from '../db/record-id';
import { ident, joinOn, qualified } from '../db/sql';
import { isSensitiveColumn } from '../introspect/sensitive-columns';
import type { TableSchema } from '../introspect/table-schema';

/**
 * One record's columns on one side, by name: the text form of each value
 * (the session's pinned settings make both sides spell a value alike), and
 * for sensitive columns only an md5 of it — computed inside PostgreSQL, so
 * the value never reaches Node and can still be compared across sides.
 */
export type RecordRow = Map<string, string | null>;

/** Reads one record by id on one side; null when the side has no such record (or the id does not fit the key). */
export async function readRecordRow(
  session: ReadSession,
  schema: string,
  table: TableSchema,
  id: string,
): Promise<RecordRow | null> {
  const name = qualified(schema, table.name);
  const select = table.columns.map((column) =>
    isSensitiveColumn(column.name) ? `md5(t.${ident(column.name)}::text)` : `t.${ident(column.name)}::text`,
  );
  const sql =
    `SELECT ${select.join(', ')} FROM json_populate_recordset(NULL::${name}, $1::json) AS k ` +
    `JOIN ${name} AS t ON ${joinOn('t', 'k', table.primaryKey, table.primaryKey)} LIMIT 1`;
  const rows = await session.queryArrays(sql, [keyObjectsJson(table.primaryKey, [id])]);
  if (rows.length === 0) {
    return null;
  }
  const values = rows[0] as (string | null)[];
  return new Map(table.columns.map((column, i) => [column.name, values[i]]));
}

/**
 * The columns of a record side by side, Development's column order first, then
 * the columns only Production has. A column "differs" only when the record is
 * on both sides and both have the column; sensitive values are compared by
 * their digests and never returned.
 */
export function sideBySide(
  dev: { table: TableSchema | null; row: RecordRow | null },
  prod: { table: TableSchema | null; row: RecordRow | null },
): RecordColumnDetail[] {
  const devTypes = new Map((dev.table?.columns ?? []).map((c) => [c.name, c.dataType]));
  const prodTypes = new Map((prod.table?.columns ?? []).map((c) => [c.name, c.dataType]));
  const names = [...devTypes.keys(), ...[...prodTypes.keys()].filter((name) => !devTypes.has(name))];
  return names.map((name) => {
    const sensitive = isSensitiveColumn(name);
    const inDevelopment = devTypes.has(name);
    const inProduction = prodTypes.has(name);
    const devValue = dev.row?.get(name) ?? null;
    const prodValue = prod.row?.get(name) ?? null;
    const devType = devTypes.get(name);
    const prodType = prodTypes.get(name);
    return {
      name,
      dataType: devType && prodType && devType !== prodType ? `${devType} / ${prodType}` : (devType ?? prodType ?? ''),
      inDevelopment,
      inProduction,
      sensitive,
      development: sensitive ? null : devValue,
      production: sensitive ? null : prodValue,
      differs: Boolean(dev.row && prod.row && inDevelopment && inProduction && devValue !== prodValue),
    };
  });
}
