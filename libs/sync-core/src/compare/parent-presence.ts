import type { ForeignKeyInfo, TableSchema } from '../introspect/table-schema';
import type { ReadSession } from '../db/read-session';
import { encodeRecordId } from '../db/record-id';
import { ident, joinOn, qualified } from '../db/sql';

/**
 * Which referenced parent rows exist on one side. Used on Production for the
 * foreign-key values of records missing there: "is the parent there already?".
 * Follows the introspected foreign keys; no table names are assumed.
 */
export async function presentParents(
  session: ReadSession,
  schema: string,
  fk: ForeignKeyInfo,
  /** This side's schema of the referenced table; null when it does not exist. */
  parent: TableSchema | null,
  references: string[][],
): Promise<Set<string>> {
  const present = new Set<string>();
  if (!parent || references.length === 0) {
    return present;
  }
  const columns = new Set(parent.columns.map((c) => c.name));
  if (!fk.referencedColumns.every((name) => columns.has(name))) {
    return present;
  }
  const objects = references.map((values) =>
    Object.fromEntries(fk.referencedColumns.map((name, i) => [name, values[i]])),
  );
  const table = qualified(schema, parent.name);
  const sql =
    `SELECT DISTINCT ${fk.referencedColumns.map((name) => `p.${ident(name)}::text`).join(', ')} ` +
    `FROM json_populate_recordset(NULL::${table}, $1::json) AS k ` +
    `JOIN ${table} AS p ON ${joinOn('p', 'k', fk.referencedColumns, fk.referencedColumns)}`;
  for (const row of await session.queryArrays(sql, [JSON.stringify(objects)])) {
    present.add(encodeRecordId(row as string[]));
  }
  return present;
}
