import type { SyncResult } from '@vantix/contracts';
import { ChangedSinceReviewError, type PlannedSync, type SyncEngine, type SyncOutcome } from '@vantix/sync-core';
import { runAuditedComparison } from '../comparison/run-audited-comparison';
import { eventFields, type OperationContext, type OperationResources } from '../resources';
import { auditOutcome, type Recheck, toSyncResult } from './sync-events';

/** The stored sync a write belongs to, and the event that announced it (sync.requested or sync.approved). */
export interface RecordedSync {
  syncId: string;
  comparisonId: string;
  /** The event appended before anything touches Production: no event, no sync. */
  requestedEventId: string;
  reason: string;
  /** Records per list in the re-comparison's report. */
  recordCap: number;
}

/**
 * Steps 5–6 of a sync, shared by a direct sync and an approved request: the
 * engine, holding the sync lock, compares each Development row with its pin
 * and inserts in one Production transaction; the outcome is audited
 * (`sync.committed`, `sync.rolled_back`, or `sync.failed` for a thrown error)
 * and stored; after a commit a full stored comparison runs again.
 */
export async function applyRecorded(
  resources: OperationResources,
  engine: SyncEngine,
  plan: PlannedSync,
  context: OperationContext,
  sync: RecordedSync,
): Promise<SyncResult> {
  const { audit } = resources;
  const { event, via } = eventFields(context);
  const { syncId, reason } = sync;
  let outcome: SyncOutcome;
  try {
    outcome = { ...(await engine.apply(plan)), id: syncId };
  } catch (error) {
    await recordFailure(resources, context, sync, error);
    throw error;
  }
  const recheck: Recheck =
    outcome.status === 'committed' ? await compareAgain(resources, sync.recordCap, context, plan) : { recheck: null };
  await auditOutcome(audit, event, {
    outcome,
    requestedEventId: sync.requestedEventId,
    comparisonId: sync.comparisonId,
    via: { ...via, syncReason: reason },
    ...recheck,
  });
  await resources.syncs.finish(syncId, {
    status: outcome.status,
    summary: outcome.summary,
    results: outcome.results,
    recheckComparisonId: recheck.recheck?.comparisonId ?? null,
    error: outcome.error ?? null,
    written: outcome.written,
  });
  return toSyncResult(outcome, recheck.recheck);
}

/** `sync.failed` and the stored sync ended as failed: a write that threw before or while applying. */
export async function recordFailure(
  resources: OperationResources,
  context: OperationContext,
  sync: RecordedSync,
  error: unknown,
): Promise<void> {
  const { event, via } = eventFields(context);
  const message = (error as Error).message;
  await resources.audit
    .append({
      type: 'sync.failed',
      ...event,
      payload: {
        requestedEventId: sync.requestedEventId,
        syncId: sync.syncId,
        comparisonId: sync.comparisonId,
        ...via,
        syncReason: sync.reason,
        reason: message,
        ...(error instanceof ChangedSinceReviewError ? { changed: error.records } : {}),
      },
    })
    .catch(() => undefined);
  await resources.syncs
    .finish(sync.syncId, { status: 'failed', summary: null, results: [], recheckComparisonId: null, error: message })
    .catch(() => undefined);
}

/**
 * The next step after a commit: a complete, stored and audited comparison, so
 * the admin can go on from it; the result shows the tables the sync touched.
 */
async function compareAgain(
  resources: OperationResources,
  recordCap: number,
  context: OperationContext,
  plan: PlannedSync,
): Promise<Recheck> {
  const touched = new Set(plan.tables.map((t) => t.table.name));
  try {
    const report = await runAuditedComparison(resources, { recordCap }, context);
    return {
      recheck: { comparisonId: report.id, tables: report.tables.filter((t) => touched.has(t.table)) },
    };
  } catch (error) {
    // The rows are committed: a failed re-comparison must not turn the outcome into an error.
    return { recheck: null, recheckError: error instanceof Error ? error.message : String(error) };
  }
}
