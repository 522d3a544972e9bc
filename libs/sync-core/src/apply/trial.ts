import type { RefusedRecord } from '@vantix/contracts';
import { databaseErrorFields, describeDatabaseError } from '@vantix/db-errors';
import type { CrmDatabase } from '../db/crm-database';
import type { PlannedSync } from '../plan/planned-sync';
import { applyToProduction, type ApplyOptions } from './apply';

/**
 * The dry run's trial insert: the plan's rows go through the very statements
 * a sync would run, in a Production transaction that is always rolled back,
 * and every row Production refuses is named — a Production-only NOT NULL
 * column without a default, a CHECK, a value that would not be stored
 * exactly. Records gone from Development meanwhile are not refusals (the sync
 * reports them as failed and goes on). Nothing is kept, no sequence moves.
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
  const work = plan.tables.map((t) => ({ table: t.table, keys: [...t.selected, ...t.addedParents] }));
  const report = await applyToProduction(
    { dev, prod, ...options, batchSize: Math.max(1, options.batchSize) },
    work,
    true,
  );
  return report.refused.map((r) => {
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
  });
}
