import { ComparisonReport, RECORD_KINDS, RecordEntry, RecordKind } from '@vantix/contracts';

export const CSV_HEADER = ['table', 'kind', 'id', 'summary', 'createdAt', 'columns'] as const;

/** Every record of every list of a report, all pages fetched (the report itself holds capped lists). */
export type FullRecordLists = Map<string, Record<RecordKind, RecordEntry[]>>;

/**
 * RFC 4180 quoting, plus a leading apostrophe for cells a spreadsheet would run
 * as a formula (`=`, `+`, `-`, `@`, tab, CR): record summaries come from CRM
 * users and must not become formulas in the admin's spreadsheet.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per listed record: table, kind, id, summary, createdAt, columns (`;`-joined). */
export function reportToCsv(report: ComparisonReport, lists: FullRecordLists): string {
  const lines = [CSV_HEADER.join(',')];
  for (const table of report.tables) {
    for (const kind of RECORD_KINDS) {
      const records = lists.get(table.table)?.[kind] ?? table[kind].records;
      for (const record of records) {
        lines.push(
          [table.table, kind, record.id, record.summary, record.createdAt ?? '', (record.columns ?? []).join(';')]
            .map(csvCell)
            .join(','),
        );
      }
    }
  }
  return lines.join('\r\n') + '\r\n';
}

/** The report with its capped lists replaced by the full ones. */
export function reportWithAllRecords(report: ComparisonReport, lists: FullRecordLists): ComparisonReport {
  return {
    ...report,
    tables: report.tables.map((table) => {
      const full = lists.get(table.table);
      if (!full) {
        return table;
      }
      return {
        ...table,
        missingInProduction: { count: table.missingInProduction.count, records: full.missingInProduction },
        missingInDevelopment: { count: table.missingInDevelopment.count, records: full.missingInDevelopment },
        differing: { count: table.differing.count, records: full.differing },
      };
    }),
  };
}

export function exportFileName(report: ComparisonReport, extension: 'json' | 'csv'): string {
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  return `comparison-${stamp}-${report.id.slice(0, 8)}.${extension}`;
}
