import type { RecordPin } from '@vantix/contracts';
import { type AuditDatabase, whileAvailable } from '@vantix/audit';

/**
 * Every record one table's `missingInProduction` list of a stored comparison
 * holds (or `missingInDevelopment`, for a refresh), in list order, with its
 * pin (null for a comparison stored before records of that kind were pinned).
 * This list, not the live databases, is what a sync may copy: the review's
 * scope.
 */
export async function pinnedRecords(
  db: AuditDatabase,
  comparisonId: string,
  table: string,
  kind: 'missingInProduction' | 'missingInDevelopment' = 'missingInProduction',
): Promise<Map<string, RecordPin | null>> {
  const rows = await whileAvailable(() =>
    db.pool.query<{ id: string; fingerprint: string | null; columns: Record<string, string | null> | null }>(
      `SELECT record_id AS id, fingerprint, column_digests AS columns
         FROM comparison_records
        WHERE comparison_id = $1::uuid AND table_name = $2 AND kind = $3
        ORDER BY position`,
      [comparisonId, table, kind],
    ),
  );
  return new Map(
    rows.rows.map((row) => [
      row.id,
      row.fingerprint === null ? null : { fingerprint: row.fingerprint, columns: row.columns ?? {} },
    ]),
  );
}
