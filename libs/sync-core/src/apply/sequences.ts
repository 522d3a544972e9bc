import type { SequenceAdvance } from '@vantix/contracts';
import type { Queryable } from '../db/queryable';
import { qualified } from '../db/sql';
import { largestInteger } from '../plan/largest-integer';
import type { SyncTable } from '../plan/sync-catalog';
import type { Row } from './insert-batch';

/** The columns of a table fed by a Production sequence (identity, serial, `nextval` default) that the sync copies. */
export function sequenceColumns(
  table: SyncTable,
): { index: number; column: string; sequence: { schema: string; name: string } }[] {
  const found: { index: number; column: string; sequence: { schema: string; name: string } }[] = [];
  table.copied.forEach((c, index) => {
    const sequence = table.prodFacts.get(c.name)?.sequence;
    if (sequence) {
      found.push({ index, column: c.name, sequence });
    }
  });
  return found;
}

/**
 * Moves each sequence feeding a copied column past the largest value the sync
 * inserted into it, so the CRM's own next insert in Production does not
 * collide with a copied id. Never moves a sequence backwards: a sequence whose
 * next value is already above the inserted values is left alone. `setval` is
 * not undone by a rollback, so this runs last, just before COMMIT (with every
 * constraint already checked: SET CONSTRAINTS ALL IMMEDIATE), and never in a
 * trial insert.
 */
export async function advanceSequences(
  client: Queryable,
  inserted: readonly { table: SyncTable; rows: readonly Row[] }[],
): Promise<SequenceAdvance[]> {
  const advanced: SequenceAdvance[] = [];
  for (const { table, rows } of inserted) {
    for (const { index, column, sequence } of sequenceColumns(table)) {
      const largest = largestInteger(rows.map((r) => r.values[index]));
      if (largest === null) {
        continue;
      }
      const name = qualified(sequence.schema, sequence.name);
      const state = await client.query<{ last: string; called: boolean; inc: string }>(
        `SELECT s.last_value::text AS last, s.is_called AS called, p.seqincrement::text AS inc
           FROM ${name} s, pg_catalog.pg_sequence p WHERE p.seqrelid = $1::regclass`,
        [name],
      );
      const { last, called, inc } = state.rows[0];
      const step = BigInt(inc);
      const next = called ? BigInt(last) + step : BigInt(last);
      // A descending sequence hands out smaller values: copied ids above it cannot collide.
      if (step <= 0n || next > largest) {
        continue;
      }
      await client.query('SELECT pg_catalog.setval($1::regclass, $2::bigint, true)', [name, largest.toString()]);
      advanced.push({
        table: table.name,
        column,
        sequence: `${sequence.schema}.${sequence.name}`,
        nextValueBefore: next.toString(),
        nextValueAfter: (largest + step).toString(),
      });
    }
  }
  return advanced;
}
