import type { RecordKind, SchemaDrift } from '@vantix/contracts';

/** Per-table facts the recommendations are derived from; counts only, no records. */
export interface TableFindings {
  table: string;
  drift: SchemaDrift;
  /** False when the data could not be compared (missing table, key mismatch). */
  compared: boolean;
  hasForeignKeys: boolean;
  counts: Record<RecordKind, number>;
  /** Missing in Production with every referenced parent present there. */
  recoverable: number;
  /** Missing in Production with at least one referenced parent missing there too. */
  parentMissing: number;
  /** Parent table → how many of those records miss a parent in it. */
  missingParentTables: Map<string, number>;
  /** Missing in Production and privileged by the table's template (admin users). */
  privilegedMissing: number;
}

export function emptyFindings(
  table: string,
  drift: SchemaDrift,
  compared: boolean,
  hasForeignKeys: boolean,
): TableFindings {
  return {
    table,
    drift,
    compared,
    hasForeignKeys,
    counts: { missingInProduction: 0, missingInDevelopment: 0, differing: 0 },
    recoverable: 0,
    parentMissing: 0,
    missingParentTables: new Map(),
    privilegedMissing: 0,
  };
}
