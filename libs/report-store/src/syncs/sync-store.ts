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

  async finish(id: string, finish: SyncFinish): Promise<void> {
    await whileAvailable(() =>
      this.db.prisma.sync.update({
        where: { id },
        data: {
          finishedAt: new Date(),
          status: finish.status,
          summary: finish.summary ?? undefined,
          results: finish.results as object[],
          recheckComparisonId: finish.recheckComparisonId,
          error: finish.error,
        },
      }),
    );
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
