import { RecordEntry } from '@vantix/contracts';
import { decodeCursor, decodeIntegerCursor, InvalidQueryError, isUuid } from '@vantix/audit';
import { StoredSummary } from './comparison-summary';

/** The comparison cannot take this write: unknown, already complete, or its records disagree with its counts. */
export class ComparisonStoreError extends Error {
  override readonly name = 'ComparisonStoreError';
}

/** Cursor kinds: a cursor of one list cannot be replayed on the other. */
export const LIST_CURSOR = 'comparisons';
export const RECORDS_CURSOR = 'records';

export interface RecordRow {
  tableName: string;
  kind: string;
  position: number;
  recordId: string;
  summary: string;
  createdAt: Date | null;
  columns: string[] | null;
}

export function toRecordEntry(row: RecordRow): RecordEntry {
  return {
    id: row.recordId,
    summary: row.summary,
    createdAt: row.createdAt === null ? null : row.createdAt.toISOString(),
    ...(row.columns === null ? {} : { columns: row.columns }),
  };
}

export function recordList(
  count: number,
  records: RecordEntry[] | undefined,
): { count: number; records: RecordEntry[] } {
  return { count, records: records ?? [] };
}

function describeKey(key: string): string {
  const [table, kind] = JSON.parse(key) as [string, string];
  return `${table}.${kind}`;
}

/** Where the stored records (list key → count) disagree with the counts a summary announces. */
export function countProblems(expected: Map<string, number>, actual: Map<string, number>): string[] {
  const problems: string[] = [];
  for (const [key, count] of expected) {
    const found = actual.get(key) ?? 0;
    if (found !== count) {
      problems.push(`${describeKey(key)}: ${count} announced, ${found} stored`);
    }
  }
  for (const [key, found] of actual) {
    if (!expected.has(key)) {
      problems.push(`${describeKey(key)}: not in the summary, ${found} stored`);
    }
  }
  return problems;
}

// Narrows a row known to be complete (the CHECK constraint sets the three columns together).
export function completed<
  Row extends {
    finishedAt: Date | null;
    durationMs: number | null;
    summary: unknown;
  },
>(row: Row): Row & { finishedAt: Date; durationMs: number; summary: StoredSummary } {
  if (row.finishedAt === null || row.durationMs === null || row.summary === null) {
    throw new ComparisonStoreError('a comparison that is not complete was read as complete');
  }
  return {
    ...row,
    finishedAt: row.finishedAt,
    durationMs: row.durationMs,
    summary: row.summary as StoredSummary,
  };
}

export function decodeListCursor(cursor: string): { startedAt: Date; id: string } {
  const [startedAt = '', id = ''] = decodeCursor(LIST_CURSOR, cursor).split('|');
  const time = Date.parse(startedAt);
  if (Number.isNaN(time) || !isUuid(id)) {
    throw new InvalidQueryError('cursor is not valid for this list');
  }
  return { startedAt: new Date(time), id };
}

export function decodeRecordsCursor(cursor: string): number {
  const position = decodeIntegerCursor(RECORDS_CURSOR, cursor);
  // position is an int column: a larger number cannot come from a cursor we issued.
  if (position > BigInt(2_147_483_647)) {
    throw new InvalidQueryError('cursor is not valid for this list');
  }
  return Number(position);
}

export function assertUuid(id: string): void {
  if (!isUuid(id)) {
    throw new ComparisonStoreError(`comparison id must be a uuid, got "${id}"`);
  }
}
