import type { WrittenRecord } from '@vantix/contracts';
import type { PoolClient } from 'pg';
import { digestSql } from '../db/fingerprint';
import { encodeRecordId, keyObjectsJson } from '../db/record-id';
import { col, joinOn, qualified } from '../db/sql';
import type { SyncTable } from '../plan/sync-catalog';

/** Ids per statement: bounds the JSON parameter and the result set. */
const CHUNK = 10_000;

/**
 * The fingerprint of every row this sync just inserted, read back from
 * Production inside the sync's own transaction (before COMMIT), with the same
 * function that pinned the reviewed Development row (db/fingerprint) over all
 * of Production's columns. When both sides have the same columns the two
 * digests are equal: an auditor can see that what was written is what was
 * reviewed, and later re-hash the Production row to see that it still is.
 */
export async function writtenFingerprints(
  client: PoolClient,
  schema: string,
  inserted: readonly { table: SyncTable; ids: readonly string[] }[],
): Promise<WrittenRecord[]> {
  const written: WrittenRecord[] = [];
  for (const { table, ids } of inserted) {
    if (ids.length === 0) {
      continue;
    }
    const key = table.prodKey.map((c) => c.name);
    const name = qualified(schema, table.name);
    const digest = digestSql(
      't',
      table.prod.columns.map((c) => c.name),
    );
    // The key read back as text: the same spelling the id was encoded from (the session's pinned settings).
    const sql =
      `SELECT ${key.map((c) => `${col('t', c)}::text`).join(', ')}, ${digest} ` +
      `FROM json_populate_recordset(NULL::${name}, $1::json) AS k JOIN ${name} AS t ON ${joinOn('t', 'k', key, key)}`;
    for (let start = 0; start < ids.length; start += CHUNK) {
      const chunk = ids.slice(start, start + CHUNK);
      const result = await client.query<string[]>({
        text: sql,
        values: [keyObjectsJson(key, chunk)],
        rowMode: 'array',
      });
      for (const row of result.rows) {
        written.push({ table: table.name, id: encodeRecordId(row.slice(0, key.length)), fingerprint: row[key.length] });
      }
    }
  }
  return written;
}
