import { columnHashSql, idSql } from './hash-sql';
import type { ReadSession } from '../db/read-session';
import { keyObjectsJson } from '../db/record-id';
import { joinOn, qualified } from '../db/sql';
import type { TablePairing } from '../introspect/table-pairing';

/**
 * Names the shared columns that differ, per record, for records whose row hash
 * differs. Only per-column hashes leave PostgreSQL, so a sensitive column is
 * named without its value ever being read.
 */
export async function differingColumns(
  dev: ReadSession,
  prod: ReadSession,
  schema: string,
  pairing: TablePairing,
  ids: string[],
): Promise<Map<string, string[]>> {
  const shared = pairing.shared;
  const result = new Map<string, string[]>();
  if (!shared || ids.length === 0) {
    return result;
  }
  const keyNames = shared.key.map((c) => c.name);
  const table = qualified(schema, pairing.table);
  const sql =
    `SELECT ${idSql('t', shared.key)}, ${shared.columns.map((c) => `${columnHashSql('t', c)}::text`).join(', ')} ` +
    `FROM json_populate_recordset(NULL::${table}, $1::json) AS k JOIN ${table} AS t ON ${joinOn('t', 'k', keyNames, keyNames)}`;
  const param = [keyObjectsJson(keyNames, ids)];
  const [devRows, prodRows] = await Promise.all([dev.queryArrays(sql, param), prod.queryArrays(sql, param)]);
  const prodById = new Map(prodRows.map((row) => [row[0] as string, row]));
  for (const devRow of devRows) {
    const prodRow = prodById.get(devRow[0] as string);
    if (!prodRow) {
      continue;
    }
    const names = shared.columns.filter((_, i) => devRow[i + 1] !== prodRow[i + 1]).map((c) => c.name);
    result.set(devRow[0] as string, names);
  }
  return result;
}
