import {
  ComparisonListItem,
  ComparisonReport,
  RECORD_KINDS,
  RecordKind,
  TableComparison,
  TableCounts,
} from '@vantix/contracts';

/** A record list reduced to its count: the records themselves go through a ComparisonRecordWriter. */
export interface RecordCount {
  count: number;
}

/** A table's comparison without its record lists. A TableComparison is one too (its lists are ignored). */
export type TableSummary = Omit<TableComparison, RecordKind> & Record<RecordKind, RecordCount>;

/** A report without its record lists; a whole ComparisonReport may be passed as one. */
export type ComparisonSummary = Omit<ComparisonReport, 'tables'> & {
  tables: TableSummary[];
};

/** What the `summary` jsonb column holds. */
export interface StoredSummary {
  tables: TableSummary[];
  recommendations: ComparisonReport['recommendations'];
}

/**
 * Strips record lists (a full report may be passed in) but keeps every other
 * field, so fields the engine adds later are stored without a change here.
 */
export function toStoredSummary(summary: ComparisonSummary): StoredSummary {
  return {
    tables: summary.tables.map((table) => ({
      ...table,
      missingInProduction: { count: table.missingInProduction.count },
      missingInDevelopment: { count: table.missingInDevelopment.count },
      differing: { count: table.differing.count },
    })),
    recommendations: summary.recommendations,
  };
}

/** The record counts a summary announces, keyed like the writer's positions. */
export function announcedCounts(summary: ComparisonSummary): Map<string, number> {
  const counts = new Map<string, number>();
  for (const table of summary.tables) {
    for (const kind of RECORD_KINDS) {
      counts.set(recordListKey(table.table, kind), table[kind].count);
    }
  }
  return counts;
}

export function recordListKey(table: string, kind: RecordKind): string {
  return JSON.stringify([table, kind]);
}

export function toListItem(
  row: {
    id: string;
    startedAt: Date;
    finishedAt: Date;
    durationMs: number;
    actorEmail: string | null;
  },
  summary: StoredSummary,
): ComparisonListItem {
  return {
    id: row.id,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    durationMs: row.durationMs,
    actorEmail: row.actorEmail,
    tables: summary.tables.map(tableCounts),
  };
}

/** A table's comparison (or its stored summary) as numbers only: what lists, audit payloads and evidence show. */
export function tableCounts(table: TableSummary): TableCounts {
  return {
    table: table.table,
    devCount: table.devCount,
    prodCount: table.prodCount,
    missingInProduction: table.missingInProduction.count,
    missingInDevelopment: table.missingInDevelopment.count,
    differing: table.differing.count,
  };
}
