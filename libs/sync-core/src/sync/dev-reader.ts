import type { PoolClient } from 'pg';
import type { CrmDatabase } from '../db/crm-database';
import { isConnectionError, translateConnectionError } from './errors';
import { lookupRows } from './key-queries';
import { encodeKey } from './record-key';
import { TEXT_ROUND_TRIP_SETTINGS } from './sql';
import type { SyncTable } from './sync-tables';

/** The rows of one table as Development has them now, in the text form of the shared columns. */
export interface DevTableRows {
  /** Encoded id → values in `SyncTable.shared` order (null for SQL NULL). */
  rows: Map<string, (string | null)[]>;
  /** Planned ids Development no longer has. */
  gone: string[];
}

/**
 * Re-reads the planned rows from Development at apply time, all tables in one
 * REPEATABLE READ READ ONLY transaction so a parent and its children come from
 * the same snapshot. Values are read as text and cast back on the Prod side,
 * which preserves every type exactly (see TEXT_ROUND_TRIP_SETTINGS).
 */
export async function readPlannedRows(
  dev: CrmDatabase,
  schema: string,
  work: { table: SyncTable; keys: string[][] }[],
): Promise<Map<string, DevTableRows>> {
  let client: PoolClient | undefined;
  let broken = false;
  try {
    client = await dev.pool.connect();
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (const setting of TEXT_ROUND_TRIP_SETTINGS) await client.query(setting);
    const result = new Map<string, DevTableRows>();
    for (const { table, keys } of work) {
      const found = await lookupRows(
        client,
        schema,
        table.name,
        table.devKey,
        keys,
        table.shared.map((c) => c.name),
      );
      const rows = new Map<string, (string | null)[]>();
      const gone: string[] = [];
      keys.forEach((key, i) => {
        const values = found.get(i);
        if (values) rows.set(encodeKey(key), values);
        else gone.push(encodeKey(key));
      });
      result.set(table.name, { rows, gone });
    }
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = isConnectionError(error);
    await client?.query('ROLLBACK').catch(() => undefined);
    throw translateConnectionError('development', error);
  } finally {
    // A connection that failed is destroyed rather than returned to the pool.
    client?.release(broken);
  }
}
