import type { RefusedRecord } from '@vantix/contracts';
import { databaseErrorFields, describeDatabaseError } from '@vantix/db-errors';
import type { CrmDatabase } from '../db/crm-database';
import { encodeRecordId } from '../db/record-id';
import type { ColumnInfo } from '../introspect/table-schema';
import type { PlannedSync } from '../plan/planned-sync';
import type { SyncTable } from '../plan/sync-catalog';
import { applyToProduction, type ApplyOptions } from './apply';
import type { TableWork } from './apply-report';

/** Rows per statement in a trial insert. */
const TRIAL_BATCH = 500;

/**
 * The dry run's trial insert: the plan's rows go through the very statements
 * a sync would run, in a Production transaction that is always rolled back,
 * and every row Production refuses is named — a Production-only NOT NULL
 * column without a default, a CHECK, a value that would not be stored
 * exactly. Records gone from Development meanwhile are not refusals (the sync
 * reports them as failed and goes on). Nothing is kept, no sequence moves.
 * A Production-only NOT NULL column without a default refuses every row of
 * its table alike: those rows are named without being tried.
 */
export async function trialPlan(
  dev: CrmDatabase,
  prod: CrmDatabase,
  options: ApplyOptions,
  plan: PlannedSync,
): Promise<RefusedRecord[]> {
  if (plan.total === 0) {
    return [];
  }
  const refused: RefusedRecord[] = [];
  const work: TableWork[] = [];
  for (const t of plan.tables) {
    const keys = [...t.selected, ...t.addedParents];
    const required = unfilledColumns(t.table);
    if (required.length === 0) {
      work.push({ table: t.table, keys });
      continue;
    }
    // Every row would fail alike: name them all without inserting any.
    for (const key of keys) {
      refused.push({
        table: t.table.name,
        id: encodeRecordId(key),
        column: required[0].name,
        value: null,
        productionType: required[0].dataType,
        constraint: null,
        conflictsWith: null,
        reason: `column "${required[0].name}" is NOT NULL in production, has no default, and development has no such column`,
      });
    }
  }
  if (work.length === 0) {
    return refused;
  }
  // Small batches: in a trial each refused row costs a bisection of its batch.
  const report = await applyToProduction(
    { dev, prod, ...options, batchSize: Math.max(1, Math.min(options.batchSize, TRIAL_BATCH)) },
    work,
    true,
  );
  return refused.concat(
    report.refused.map((r) => {
      const fields = databaseErrorFields(r.error);
      const column = fields.column ?? /^column "([^"]+)"/.exec(String((r.error as Error)?.message))?.[1] ?? null;
      const type = plan.tables.find((t) => t.table.name === r.table)?.table.copied.find((c) => c.name === column);
      return {
        table: r.table,
        id: r.id ?? '',
        column,
        value: null,
        productionType: type?.dataType ?? null,
        constraint: fields.constraint,
        conflictsWith: null,
        reason: describeDatabaseError(r.error),
      };
    }),
  );
}

/** Production's NOT NULL columns the sync does not fill: not copied, no default, not identity or generated. */
function unfilledColumns(table: SyncTable): ColumnInfo[] {
  const copied = new Set(table.copied.map((c) => c.name));
  return table.prod.columns.filter((c) => {
    const facts = table.prodFacts.get(c.name);
    return !c.nullable && !copied.has(c.name) && !facts?.hasDefault && !facts?.identity && !facts?.generated;
  });
}
