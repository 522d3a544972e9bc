import type { Queryable } from '../db/queryable';
import { encodeRecordId } from '../db/record-id';
import { orderRowsBySelfReference } from '../plan/fk-graph';
import { existingKeys } from '../plan/key-queries';
import type { RecordKey } from '../plan/planned-sync';
import type { SyncTable } from '../plan/sync-catalog';
import { RecordReason } from './apply-report';
import type { DevTableRows } from './dev-reader';
import type { Row } from './insert-batch';

/** Production FKs of `table` that point at the primary key of a table in the plan, with their column positions. */
function plannedReferences(table: SyncTable, planned: Map<string, SyncTable>) {
  const refs: { parent: string; positions: number[] }[] = [];
  for (const fk of table.prod.foreignKeys) {
    const parent = planned.get(fk.referencedTable);
    if (!parent || fk.referencedColumns.join('\0') !== parent.prod.primaryKey.join('\0')) {
      continue;
    }
    const positions = fk.columns.map((c) => table.copied.findIndex((s) => s.name === c));
    if (positions.some((p) => p < 0)) {
      continue;
    }
    refs.push({ parent: fk.referencedTable, positions });
  }
  return refs;
}

function referencedId(values: readonly (string | null)[], positions: readonly number[]): string | null {
  const tuple = positions.map((p) => values[p]);
  return tuple.some((v) => v === null) ? null : encodeRecordId(tuple as string[]);
}

/**
 * The records of one table that cannot be inserted: gone from Dev, or
 * (transitively) referencing a planned parent that is gone from Dev and not in
 * Prod either. Inserting those would only make Prod's FK refuse the whole
 * batch; failing them alone lets the rest commit, and Prod's constraints still
 * guarantee no child is ever committed without its parent. Tables come in
 * insert order, so `blocking` already holds every parent table's verdict;
 * this table's own entry is added here.
 */
export async function failedRecords(
  client: Queryable,
  schema: string,
  table: SyncTable,
  /** The table's planned keys; `rows` is what Development has of them now. */
  keys: readonly RecordKey[],
  rows: DevTableRows,
  planned: Map<string, SyncTable>,
  blocking: Map<string, Set<string>>,
  /** Records already left out (changed since the review), with their reasons. */
  initial: ReadonlyMap<string, string> = new Map(),
): Promise<Map<string, string>> {
  const reasons = new Map<string, string>([
    ...initial,
    ...rows.gone.map((id): [string, string] => [id, RecordReason.noLongerInDevelopment]),
  ]);
  const refs = plannedReferences(table, planned).filter(
    (ref) => ref.parent === table.name || (blocking.get(ref.parent)?.size ?? 0) > 0,
  );
  // Repeat for self-references: a failed row can block another row of the same table.
  for (let changed = refs.length > 0; changed; ) {
    changed = false;
    for (const [id, values] of rows.rows) {
      if (reasons.has(id)) {
        continue;
      }
      for (const ref of refs) {
        const parentId = referencedId(values, ref.positions);
        if (parentId === null) {
          continue;
        }
        const blocked =
          blocking.get(ref.parent)?.has(parentId) === true || (ref.parent === table.name && reasons.has(parentId));
        if (blocked) {
          reasons.set(id, RecordReason.parentNoLongerInDevelopment(ref.parent, parentId));
          changed = true;
          break;
        }
      }
    }
  }
  if (reasons.size > 0) {
    const keyById = new Map(keys.map((key) => [encodeRecordId(key), key]));
    const ids = [...reasons.keys()];
    const inProd = await existingKeys(
      client,
      schema,
      table.name,
      table.prodKey,
      ids.map((id) => keyById.get(id) as RecordKey),
    );
    blocking.set(table.name, new Set(ids.filter((id) => !inProd.has(id))));
  }
  return reasons;
}

/** A self-referencing table's rows, each after the rows it references (a parent comment before its replies). */
export function rowsInInsertOrder(table: SyncTable, rows: Row[]): Row[] {
  const self = plannedReferences(table, new Map([[table.name, table]]));
  if (self.length === 0) {
    return rows;
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const order = orderRowsBySelfReference(
    rows.map((r) => ({
      key: r.id,
      parents: self.map((ref) => referencedId(r.values, ref.positions)).filter((p): p is string => p !== null),
    })),
  );
  return order.map((id) => byId.get(id) as Row);
}
