import { isConnectionFailure } from '@vantix/db-errors';
import type { PoolClient } from 'pg';
import type { SyncTable } from '../plan/sync-catalog';
import { findRefusedRow, insertBatch, insertStatement, type Row } from './insert-batch';

/** Refused rows named per table in a trial insert; past it the table's trial stops (each costs a bisection). */
export const MAX_NAMED_REFUSALS = 200;

/** A row Production refused (a database error) or stored with a value that is not Development's. */
export interface Refusal {
  table: string;
  id: string | null;
  /** The database's error, or an Error naming the column whose stored value differs. */
  error: unknown;
}

/** The error of a row whose stored value differs from Development's (no value in it). */
export function changedValueError(table: SyncTable, column: string): Error {
  const type = table.copied.find((c) => c.name === column)?.dataType ?? 'its type';
  return new Error(`column "${column}" would not hold the Development value exactly (production's type is ${type})`);
}

/**
 * Inserts one table's rows in batches, each inside a savepoint. With
 * `collectAll` false (a real sync) it stops at the first refused row, named by
 * bisecting the batch; with `collectAll` true (the dry run's trial insert) it
 * drops each refused row from its batch and tries the rest again, so every
 * refused row is named, up to {@link MAX_NAMED_REFUSALS} per table. The
 * caller rolls back when anything was refused.
 */
export async function insertTable(
  client: PoolClient,
  schema: string,
  table: SyncTable,
  rows: readonly Row[],
  batchSize: number,
  collectAll: boolean,
): Promise<{ inserted: Set<string>; refused: Refusal[] }> {
  const sql = insertStatement(schema, table);
  const inserted = new Set<string>();
  const refused: Refusal[] = [];
  for (let start = 0; start < rows.length; start += batchSize) {
    let batch = rows.slice(start, start + batchSize);
    while (batch.length > 0) {
      await client.query('SAVEPOINT vx_batch');
      let bad: { id: string | null; error: unknown } | null = null;
      try {
        const result = await insertBatch(client, sql, table, batch);
        if (result.changed) {
          bad = { id: result.changed.id, error: changedValueError(table, result.changed.column) };
        } else {
          await client.query('RELEASE SAVEPOINT vx_batch');
          result.inserted.forEach((id) => inserted.add(id));
          break;
        }
      } catch (error) {
        if (isConnectionFailure(error)) {
          throw error;
        }
        await client.query('ROLLBACK TO SAVEPOINT vx_batch');
        const found = await findRefusedRow(client, sql, table, batch);
        bad = { id: found?.row.id ?? null, error: found?.error ?? error };
      }
      await client.query('ROLLBACK TO SAVEPOINT vx_batch');
      await client.query('RELEASE SAVEPOINT vx_batch');
      refused.push({ table: table.name, ...bad });
      if (!collectAll || bad.id === null || refused.length >= MAX_NAMED_REFUSALS) {
        return { inserted, refused };
      }
      batch = batch.filter((r) => r.id !== bad?.id);
    }
  }
  return { inserted, refused };
}
