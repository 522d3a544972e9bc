import { ComparisonReport } from '@vantix/contracts';

/** In Production something is missing: records, a whole table, or columns Dev has. */
export function hasDriftTowardsProduction(report: ComparisonReport): boolean {
  return report.tables.some(
    (t) =>
      t.missingInProduction.count > 0 ||
      t.schemaDrift.missingTable === 'production' ||
      t.schemaDrift.onlyInDevelopment.length > 0,
  );
}
