import {
  type AuditActor,
  Page,
  RecordSyncResult,
  StoredSync,
  STORED_SYNC_STATUSES,
  StoredSyncStatus,
  SyncListItem,
  SyncPlan,
  SyncResult,
  type ProvenanceWrite,
  type RecordProvenance,
  type WrittenRecord,
} from '@vantix/contracts';
import {
  type AuditDatabase,
  decodeCursor,
  encodeCursor,
  InvalidQueryError,
  isUuid,
  pageLimit,
  toPage,
  whileAvailable,
} from '@vantix/audit';

const SYNCS_CURSOR = 'syncs';

export interface SyncStart {
  id: string;
  comparisonId: string;
  requestedAt: Date;
  actor: AuditActor | null;
  reason: string;
  plan: SyncPlan;
}

export interface SyncFinish {
  status: Exclude<StoredSyncStatus, 'running'>;
  summary: SyncResult['summary'] | null;
  results: RecordSyncResult[];
  recheckComparisonId: string | null;
  error: string | null;
  /** Committed syncs: the Production fingerprint of each inserted row (kept as the records' provenance). */
  written?: readonly WrittenRecord[];
}

interface SyncRow {
  id: string;
  comparisonId: string;
  requestedAt: Date;
  finishedAt: Date | null;
  actorEmail: string | null;
  reason: string;
  status: string;
  summary: unknown;
}

function toListItem(row: SyncRow): SyncListItem {
  return {
    id: row.id,
    comparisonId: row.comparisonId,
    requestedAt: row.requestedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    requestedBy: row.actorEmail,
    reason: row.reason,
    status: row.status as StoredSyncStatus,
    summary: (row.summary as SyncResult['summary'] | null) ?? null,
  };
}

/** Which way a stored sync copied: Dev → Prod (a sync) or Prod → Dev (a refresh of Development). */
export type SyncDirection = 'to_production' | 'to_development';

/**
 * Every sync request (dry runs aside): stored as `running` once its
 * `sync.requested` event is written, completed with its outcome — so a sync's
 * results survive the response that carried them (GET /api/dev/syncs/:id).
 * One store per direction over the same table: each lists and finds only its
 * own (a refresh is not a sync to Production, and the other way round).
 */
export class SyncStore {
  constructor(
    private readonly db: AuditDatabase,
    readonly direction: SyncDirection = 'to_production',
  ) {}

  async start(start: SyncStart): Promise<void> {
    await whileAvailable(() =>
      this.db.prisma.sync.create({
        data: {
          id: start.id,
          comparisonId: start.comparisonId,
          requestedAt: start.requestedAt,
          actorId: start.actor?.id ?? null,
          actorEmail: start.actor?.email ?? null,
          reason: start.reason,
          status: 'running',
          plan: start.plan as object,
          direction: this.direction,
        },
      }),
    );
  }

  /**
   * Stores the outcome; for a commit, in the same transaction, one provenance
   * row per inserted record (GET /api/audit/provenance): the results and the
   * answer to "which sync wrote this record?" never disagree.
   */
  async finish(id: string, finish: SyncFinish): Promise<void> {
    const finishedAt = new Date();
    // Provenance answers "which sync wrote this Production record": a refresh writes Development, so none.
    const rows =
      finish.status === 'committed' && this.direction === 'to_production' ? provenanceRows(id, finishedAt, finish) : [];
    await whileAvailable(() =>
      this.db.prisma.$transaction(
        async (tx) => {
          await tx.sync.update({
            where: { id },
            data: {
              finishedAt,
              status: finish.status,
              summary: finish.summary ?? undefined,
              results: finish.results as object[],
              recheckComparisonId: finish.recheckComparisonId,
              error: finish.error,
            },
          });
          if (rows.length > 0) {
            await tx.syncedRecord.createMany({ data: rows });
          }
        }, // A sync of 100,000 records writes as many provenance rows: more than the default 5 s may take.
        { timeout: 120_000 },
      ),
    );
  }

  /** The Production fingerprints a committed sync recorded for the rows it inserted. */
  async written(id: string): Promise<WrittenRecord[]> {
    if (!isUuid(id)) {
      return [];
    }
    const rows = await whileAvailable(() =>
      this.db.prisma.syncedRecord.findMany({
        where: { syncId: id },
        select: { tableName: true, recordId: true, prodFingerprint: true },
      }),
    );
    return rows
      .filter((row) => row.prodFingerprint !== null)
      .map((row) => ({ table: row.tableName, id: row.recordId, fingerprint: row.prodFingerprint as string }));
  }

  /** Which syncs inserted a Production record, newest first; `written: false` when none did. */
  async provenance(table: string, id: string): Promise<RecordProvenance> {
    const rows = await whileAvailable(() =>
      this.db.prisma.syncedRecord.findMany({
        where: { tableName: table, recordId: id },
        orderBy: { insertedAt: 'desc' },
        select: { syncId: true, insertedAt: true, prodFingerprint: true },
      }),
    );
    const writes: ProvenanceWrite[] = [];
    for (const row of rows) {
      const sync = await this.get(row.syncId);
      if (sync === null) {
        continue;
      }
      writes.push({
        syncId: sync.id,
        comparisonId: sync.comparisonId,
        insertedAt: row.insertedAt.toISOString(),
        requestedBy: sync.requestedBy,
        approvedBy: sync.approvals ?? [],
        reason: sync.reason,
        productionFingerprint: row.prodFingerprint,
      });
    }
    return { table, id, written: writes.length > 0, writes };
  }

  /** Newest first (by request time), optionally only one status. */
  async list(query: { status?: string; cursor?: string; limit?: number } = {}): Promise<Page<SyncListItem>> {
    const limit = pageLimit(query.limit);
    if (query.status !== undefined && !STATUSES.has(query.status)) {
      throw new InvalidQueryError(`status must be one of ${[...STATUSES].join(', ')}`);
    }
    let after: { requestedAt: Date; id: string } | undefined;
    if (query.cursor !== undefined) {
      const [at = '', id = ''] = decodeCursor(SYNCS_CURSOR, query.cursor).split('|');
      if (Number.isNaN(Date.parse(at)) || !isUuid(id)) {
        throw new InvalidQueryError('cursor is not valid for this list');
      }
      after = { requestedAt: new Date(at), id };
    }
    const rows = await whileAvailable(() =>
      this.db.prisma.sync.findMany({
        where: {
          direction: this.direction,
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(after === undefined
            ? {}
            : {
                OR: [
                  { requestedAt: { lt: after.requestedAt } },
                  { requestedAt: after.requestedAt, id: { lt: after.id } },
                ],
              }),
        },
        orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
        select: LIST_FIELDS,
      }),
    );
    return toPage(rows, limit, toListItem, (row) =>
      encodeCursor(SYNCS_CURSOR, `${row.requestedAt.toISOString()}|${row.id}`),
    );
  }

  /** One stored sync, or null when the id is unknown. */
  async get(id: string): Promise<StoredSync | null> {
    if (!isUuid(id)) {
      return null;
    }
    const row = await whileAvailable(() =>
      this.db.prisma.sync.findFirst({
        where: { id, direction: this.direction },
        select: { ...LIST_FIELDS, plan: true, results: true, recheckComparisonId: true, error: true },
      }),
    );
    if (row === null) {
      return null;
    }
    return {
      ...toListItem(row),
      plan: row.plan as unknown as SyncPlan,
      results: (row.results as unknown as RecordSyncResult[] | null) ?? [],
      recheckComparisonId: row.recheckComparisonId,
      error: row.error,
    };
  }
}

const STATUSES: ReadonlySet<string> = new Set(STORED_SYNC_STATUSES);

/** One provenance row per inserted record, with the fingerprint the apply step read back (if it did). */
function provenanceRows(syncId: string, insertedAt: Date, finish: SyncFinish) {
  const fingerprints = new Map((finish.written ?? []).map((w) => [`${w.table}\0${w.id}`, w.fingerprint]));
  return finish.results
    .filter((r) => r.status === 'inserted')
    .map((r) => ({
      syncId,
      tableName: r.table,
      recordId: r.id,
      prodFingerprint: fingerprints.get(`${r.table}\0${r.id}`) ?? null,
      insertedAt,
    }));
}

const LIST_FIELDS = {
  id: true,
  comparisonId: true,
  requestedAt: true,
  finishedAt: true,
  actorEmail: true,
  reason: true,
  status: true,
  summary: true,
} as const;
