import {
  AuditActor,
  ComparisonListItem,
  ComparisonReport,
  Page,
  RECORD_KINDS,
  RecordEntry,
  RecordPin,
  RecordsQuery,
  TableComparison,
} from '@vantix/contracts';
import {
  AuditDatabase,
  encodeCursor,
  InvalidQueryError,
  isUuid,
  pageLimit,
  toPage,
  whileAvailable,
} from '@vantix/audit';
import { pinnedRecords } from './comparison-pins';
import { ComparisonRecordWriter } from './comparison-record-writer';
import {
  assertUuid,
  completed,
  ComparisonStoreError,
  decodeListCursor,
  decodeRecordsCursor,
  countProblems,
  LIST_CURSOR,
  RECORDS_CURSOR,
  RecordRow,
  recordList,
  toRecordEntry,
} from './comparison-rows';
import {
  announcedCounts,
  ComparisonSummary,
  recordListKey,
  StoredSummary,
  toListItem,
  toStoredSummary,
} from './comparison-summary';

export { ComparisonStoreError };

export interface ComparisonStart {
  id: string;
  startedAt: string | Date;
}

export interface LatestComparison {
  id: string;
  startedAt: string;
  finishedAt: string;
}

export interface ComparisonStoreOptions {
  /** Records per INSERT statement (default 1,000). */
  batchSize?: number;
}

/** Records per kind that get() includes when the caller does not say. */
export const DEFAULT_RECORDS_PER_KIND = 100;

const KNOWN_KINDS: ReadonlySet<string> = new Set(RECORD_KINDS);

/**
 * The stored comparison reports. A comparison is written in three steps:
 * `begin` (a writer for its records), the writer's `add`/`flush`, then
 * `saveSummary`, which completes it. Until then it is invisible to readers;
 * `discard` removes a comparison that failed half way.
 */
export class ComparisonStore {
  private readonly batchSize: number;

  constructor(
    private readonly db: AuditDatabase,
    options: ComparisonStoreOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1_000;
  }

  /** Starts a comparison and returns the writer for its records. */
  async begin(start: ComparisonStart): Promise<ComparisonRecordWriter> {
    assertUuid(start.id);
    // ON CONFLICT: an id used twice is the caller's bug, reported as such rather than as a driver error.
    const created = await whileAvailable(
      () => this.db.prisma.$executeRaw`
        INSERT INTO comparisons (id, started_at) VALUES (${start.id}::uuid, ${new Date(start.startedAt)})
        ON CONFLICT (id) DO NOTHING`,
    );
    if (created === 0) {
      throw new ComparisonStoreError(`comparison ${start.id} already exists`);
    }
    return new ComparisonRecordWriter(this.db.pool, start.id, this.batchSize);
  }

  /**
   * Completes a comparison: stores its summary (record lists, if any, are
   * ignored: the records come from the writer) and who ran it. Works without
   * begin() for a comparison that found nothing. Refuses, changing nothing,
   * when the stored records do not add up to the summary's counts — a report
   * whose pages disagree with its numbers would mislead — or when the
   * comparison was already completed.
   */
  async saveSummary(summary: ComparisonSummary, actor: AuditActor): Promise<void> {
    assertUuid(summary.id);
    await this.assertRecordsMatch(summary);
    const stored = JSON.stringify(toStoredSummary(summary));
    const saved = await whileAvailable(
      () => this.db.prisma.$executeRaw`
        INSERT INTO comparisons (id, started_at, finished_at, duration_ms, actor_id, actor_email, summary)
        VALUES (${summary.id}::uuid, ${new Date(summary.startedAt)}, ${new Date(summary.finishedAt)},
                ${summary.durationMs}::int, ${actor.id}, ${actor.email}, ${stored}::jsonb)
        ON CONFLICT (id) DO UPDATE
          SET started_at = excluded.started_at, finished_at = excluded.finished_at, duration_ms = excluded.duration_ms,
              actor_id = excluded.actor_id, actor_email = excluded.actor_email, summary = excluded.summary
          WHERE comparisons.finished_at IS NULL`,
    );
    if (saved === 0) {
      throw new ComparisonStoreError(`comparison ${summary.id} was already completed`);
    }
  }

  /** Removes a comparison that will not be completed, with its records. */
  async discard(id: string): Promise<void> {
    if (!isUuid(id)) {
      return;
    }
    await whileAvailable(() => this.db.prisma.comparison.deleteMany({ where: { id } }));
  }

  /** Completed comparisons, newest first (by start time). */
  async list(query: { cursor?: string; limit?: number } = {}): Promise<Page<ComparisonListItem>> {
    const limit = pageLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeListCursor(query.cursor);
    const rows = await whileAvailable(() =>
      this.db.prisma.comparison.findMany({
        where: {
          finishedAt: { not: null },
          ...(after === undefined
            ? {}
            : {
                OR: [{ startedAt: { lt: after.startedAt } }, { startedAt: after.startedAt, id: { lt: after.id } }],
              }),
        },
        orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
        select: {
          id: true,
          startedAt: true,
          finishedAt: true,
          durationMs: true,
          actorEmail: true,
          summary: true,
        },
      }),
    );
    return toPage(
      rows.map(completed),
      limit,
      (row) => toListItem(row, row.summary),
      (row) => encodeCursor(LIST_CURSOR, `${row.startedAt.toISOString()}|${row.id}`),
    );
  }

  /**
   * A completed comparison as the API returns it, each record list holding its
   * first `recordsPerKind` records (the rest: records()). Null when unknown.
   */
  async get(id: string, options: { recordsPerKind?: number } = {}): Promise<ComparisonReport | null> {
    const perKind = options.recordsPerKind ?? DEFAULT_RECORDS_PER_KIND;
    if (!Number.isInteger(perKind) || perKind < 0) {
      throw new InvalidQueryError(`recordsPerKind must be a whole number ≥ 0, got ${String(perKind)}`);
    }
    if (!isUuid(id)) {
      return null;
    }
    const row = await whileAvailable(() => this.db.prisma.comparison.findUnique({ where: { id } }));
    if (row === null || row.finishedAt === null) {
      return null;
    }
    const { summary, startedAt, finishedAt, durationMs } = completed(row);
    const firstRecords =
      perKind === 0 ? new Map<string, RecordEntry[]>() : await this.firstRecords(id, summary, perKind);
    const tables: TableComparison[] = summary.tables.map((table) => ({
      ...table,
      missingInProduction: recordList(
        table.missingInProduction.count,
        firstRecords.get(recordListKey(table.table, 'missingInProduction')),
      ),
      missingInDevelopment: recordList(
        table.missingInDevelopment.count,
        firstRecords.get(recordListKey(table.table, 'missingInDevelopment')),
      ),
      differing: recordList(table.differing.count, firstRecords.get(recordListKey(table.table, 'differing'))),
    }));
    return {
      id,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs,
      tables,
      recommendations: summary.recommendations,
    };
  }

  /**
   * One record list of a completed comparison, in the order the records were
   * added. Null when the comparison is unknown; an empty page for a table it
   * did not compare.
   */
  async records(id: string, query: RecordsQuery): Promise<Page<RecordEntry> | null> {
    if (!KNOWN_KINDS.has(query.kind)) {
      throw new InvalidQueryError(`unknown record kind: ${String(query.kind)}`);
    }
    const limit = pageLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeRecordsCursor(query.cursor);
    if (!isUuid(id)) {
      return null;
    }
    const comparison = await whileAvailable(() =>
      this.db.prisma.comparison.findUnique({
        where: { id },
        select: { finishedAt: true },
      }),
    );
    if (comparison === null || comparison.finishedAt === null) {
      return null;
    }
    // Raw SQL: Prisma reads a NULL text[] as [], and "no columns" must stay absent.
    const rows = await whileAvailable(
      () => this.db.prisma.$queryRaw<RecordRow[]>`
        SELECT table_name AS "tableName", kind, position, record_id AS "recordId", summary,
               created_at AS "createdAt", columns
          FROM comparison_records
         WHERE comparison_id = ${id}::uuid AND table_name = ${query.table} AND kind = ${query.kind}
           AND position > ${after ?? -1}::int
         ORDER BY position
         LIMIT ${limit + 1}::int`,
    );
    return toPage(rows, limit, toRecordEntry, (row) => encodeCursor(RECORDS_CURSOR, String(row.position)));
  }

  /**
   * A table's records missing in Production (or, for a refresh, missing in
   * Development) as this comparison listed them, with their pins (comparison-pins).
   */
  pins(
    id: string,
    table: string,
    kind: 'missingInProduction' | 'missingInDevelopment' = 'missingInProduction',
  ): Promise<Map<string, RecordPin | null>> {
    assertUuid(id);
    return pinnedRecords(this.db, id, table, kind);
  }

  /** The newest completed comparison (by start time), or null when there is none. */
  async latest(): Promise<LatestComparison | null> {
    const row = await whileAvailable(() =>
      this.db.prisma.comparison.findFirst({
        where: { finishedAt: { not: null } },
        orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
        select: { id: true, startedAt: true, finishedAt: true },
      }),
    );
    if (row === null || row.finishedAt === null) {
      return null;
    }
    return {
      id: row.id,
      startedAt: row.startedAt.toISOString(),
      finishedAt: row.finishedAt.toISOString(),
    };
  }

  private async assertRecordsMatch(summary: ComparisonSummary): Promise<void> {
    const stored = await whileAvailable(() =>
      this.db.prisma.comparisonRecord.groupBy({
        by: ['tableName', 'kind'],
        where: { comparisonId: summary.id },
        _count: { _all: true },
      }),
    );
    const actual = new Map(stored.map((group) => [JSON.stringify([group.tableName, group.kind]), group._count._all]));
    const problems = countProblems(announcedCounts(summary), actual);
    if (problems.length > 0) {
      throw new ComparisonStoreError(
        `comparison ${summary.id}: stored records do not match the summary (flush the writer first?): ${problems.join('; ')}`,
      );
    }
  }

  // The first `perKind` records of every list in one round trip: positions
  // start at 0, so "position < perKind" is an index range per (table, kind).
  private async firstRecords(id: string, summary: StoredSummary, perKind: number): Promise<Map<string, RecordEntry[]>> {
    const lists = summary.tables.flatMap((table) => RECORD_KINDS.map((kind) => ({ table: table.table, kind })));
    const rows = await whileAvailable(
      () => this.db.prisma.$queryRaw<RecordRow[]>`
        SELECT r.table_name AS "tableName", r.kind, r.position, r.record_id AS "recordId", r.summary,
               r.created_at AS "createdAt", r.columns
          FROM unnest(${lists.map((list) => list.table)}::text[], ${lists.map((list) => list.kind)}::text[]) AS l(table_name, kind)
          CROSS JOIN LATERAL (
            SELECT * FROM comparison_records c
             WHERE c.comparison_id = ${id}::uuid AND c.table_name = l.table_name AND c.kind = l.kind
               AND c.position < ${perKind}::int
             ORDER BY c.position) r`,
    );
    const byList = new Map<string, RecordEntry[]>();
    for (const row of rows) {
      const key = JSON.stringify([row.tableName, row.kind]);
      const list = byList.get(key) ?? [];
      list.push(toRecordEntry(row));
      byList.set(key, list);
    }
    return byList;
  }
}
