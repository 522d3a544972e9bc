import {
  type AuditActor,
  Page,
  RecordSyncResult,
  StoredSync,
  STORED_SYNC_STATUSES,
  StoredSyncStatus,
  SyncApproval,
  SyncDecision,
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

/** What an approver's run needs of the request besides its pinned plan (stored with a pending request). */
export interface SyncRequestOptions {
  includeParents: boolean;
  allowAdminAccounts: boolean;
  acknowledgeDroppedColumns: { table: string; columns: string[] }[];
  skipChanged: boolean;
}

/** A request waiting for a second admin (SYNC_APPROVALS=2). */
export interface PendingSyncStart extends SyncStart {
  expiresAt: Date;
  options: SyncRequestOptions;
}

/** A stored request as approve/reject/cancel see it: the stored sync, who asked (id too), and its options. */
export interface ApprovalCandidate {
  sync: StoredSync;
  requesterId: string | null;
  options: SyncRequestOptions | null;
}

/** A pending request found expired and marked so. */
export interface ExpiredSync {
  id: string;
  comparisonId: string;
  requestedBy: string | null;
  expiresAt: string;
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
  expiresAt: Date | null;
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
    expiresAt: row.expiresAt?.toISOString() ?? null,
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

  /** The columns every stored request starts with, whatever its first status. */
  private firstRow(start: SyncStart) {
    return {
      id: start.id,
      comparisonId: start.comparisonId,
      requestedAt: start.requestedAt,
      actorId: start.actor?.id ?? null,
      actorEmail: start.actor?.email ?? null,
      reason: start.reason,
      plan: start.plan as object,
      direction: this.direction,
    };
  }

  async start(start: SyncStart): Promise<void> {
    await whileAvailable(() => this.db.prisma.sync.create({ data: { ...this.firstRow(start), status: 'running' } }));
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
        select: DETAIL_FIELDS,
      }),
    );
    return row === null ? null : toStoredSync(row);
  }

  /** Stores a request that waits for another admin's approval (status pending_approval). */
  async request(start: PendingSyncStart): Promise<void> {
    await whileAvailable(() =>
      this.db.prisma.sync.create({
        data: {
          ...this.firstRow(start),
          status: 'pending_approval',
          expiresAt: start.expiresAt,
          options: start.options as object,
        },
      }),
    );
  }

  /** A stored request with its requester's id and options, for approve/reject/cancel; null when unknown. */
  async candidate(id: string): Promise<ApprovalCandidate | null> {
    if (!isUuid(id)) {
      return null;
    }
    const row = await whileAvailable(() =>
      this.db.prisma.sync.findFirst({
        where: { id, direction: this.direction },
        select: { ...DETAIL_FIELDS, actorId: true, options: true },
      }),
    );
    if (row === null) {
      return null;
    }
    return {
      sync: toStoredSync(row),
      requesterId: row.actorId,
      options: (row.options as unknown as SyncRequestOptions | null) ?? null,
    };
  }

  /**
   * Takes a pending, unexpired request for approval: it becomes `running` with
   * the approval recorded. Conditional in one statement, so of two approvers
   * racing only one gets true.
   */
  async claimForApproval(id: string, approval: SyncApproval, now: Date): Promise<boolean> {
    const { count } = await whileAvailable(() =>
      this.db.prisma.sync.updateMany({
        where: { id, status: 'pending_approval', expiresAt: { gt: now } },
        data: { status: 'running', approvals: [approval] as object[] },
      }),
    );
    return count === 1;
  }

  /** Ends a pending, unexpired request without running it (rejected or cancelled); false if it was not pending. */
  async decide(id: string, decision: SyncDecision, now: Date): Promise<boolean> {
    const { count } = await whileAvailable(() =>
      this.db.prisma.sync.updateMany({
        where: { id, status: 'pending_approval', expiresAt: { gt: now } },
        data: { status: decision.action, decision: decision as object, finishedAt: new Date(decision.at) },
      }),
    );
    return count === 1;
  }

  /**
   * Puts a claimed or decided request back to pending (its step could not be
   * audited: no event, no step). Only from the status the step gave it.
   */
  async reopen(id: string, from: 'running' | 'rejected' | 'cancelled'): Promise<void> {
    await whileAvailable(() =>
      this.db.pool.query(
        `UPDATE syncs SET status = 'pending_approval', approvals = '[]', decision = NULL, finished_at = NULL
          WHERE id = $1 AND status = $2`,
        [id, from],
      ),
    );
  }

  /** Marks every pending request whose time ran out as expired; returns those it marked (each once). */
  async expireDue(now: Date): Promise<ExpiredSync[]> {
    const rows = await whileAvailable(() =>
      this.db.prisma.sync.updateManyAndReturn({
        where: { status: 'pending_approval', expiresAt: { lte: now } },
        data: { status: 'expired', finishedAt: now },
        select: { id: true, comparisonId: true, actorEmail: true, expiresAt: true },
      }),
    );
    return rows.map((row) => ({
      id: row.id,
      comparisonId: row.comparisonId,
      requestedBy: row.actorEmail,
      expiresAt: (row.expiresAt ?? now).toISOString(),
    }));
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
  expiresAt: true,
} as const;

const DETAIL_FIELDS = {
  ...LIST_FIELDS,
  plan: true,
  results: true,
  recheckComparisonId: true,
  error: true,
  approvals: true,
  decision: true,
} as const;

function toStoredSync(
  row: SyncRow & {
    plan: unknown;
    results: unknown;
    recheckComparisonId: string | null;
    error: string | null;
    approvals: unknown;
    decision: unknown;
  },
): StoredSync {
  return {
    ...toListItem(row),
    plan: row.plan as SyncPlan,
    results: (row.results as RecordSyncResult[] | null) ?? [],
    recheckComparisonId: row.recheckComparisonId,
    error: row.error,
    approvals: (row.approvals as SyncApproval[] | null) ?? [],
    decision: (row.decision as SyncDecision | null) ?? null,
  };
}
