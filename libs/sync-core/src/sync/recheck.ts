import { randomUUID } from 'node:crypto';
import { ComparisonEngine } from '../compare/comparison-engine';
import type { CrmDatabase } from '../db/crm-database';
import type { Recheck } from './sync-engine';

/**
 * The default re-comparison after a commit: the comparison engine run on the
 * affected tables only, lists capped at `recordCap`. The id is fresh and the
 * report is not stored — a caller that keeps reports (the API) passes its own
 * Recheck that stores and audits it.
 */
export function comparisonRecheck(
  dev: CrmDatabase,
  prod: CrmDatabase,
  options: { tables: readonly string[]; schema: string; recordCap: number },
): Recheck {
  const engine = new ComparisonEngine(dev, prod, {
    tables: options.tables,
    schema: options.schema,
  });
  return async (tables) => {
    const report = await engine.compare({
      tables,
      recordCap: options.recordCap,
    });
    return { comparisonId: randomUUID(), tables: report.tables };
  };
}
