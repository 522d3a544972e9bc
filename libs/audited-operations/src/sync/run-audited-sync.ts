import { randomUUID } from 'node:crypto';
import type { SyncResult, TableColumns } from '@vantix/contracts';
import { type PlannedSync, type SelectionRequest, SyncEngine } from '@vantix/sync-core';
import { eventFields, type OperationContext, type OperationResources } from '../resources';
import { applyRecorded } from './apply-recorded';
import { requestSize, reviewRequest } from './reviewed-selection';
import { describeSelections, planCounts } from './sync-events';

export interface AuditedSyncRequest {
  /** The stored comparison the selection was made from. */
  comparisonId: string;
  selections: readonly SelectionRequest[];
  /** Add missing parents instead of refusing with MissingParentsError. */
  includeParents?: boolean;
  /** Return the plan after a trial insert that is always rolled back; write nothing, audit nothing. */
  dryRun?: boolean;
  /** Copy admin accounts (users rows of a privileged role) too; refused with InvalidSelectionError otherwise. */
  allowAdminAccounts?: boolean;
  /** Development-only columns the caller accepts will not be copied; must name exactly the plan's droppedColumns. */
  acknowledgeDroppedColumns?: readonly TableColumns[];
  /** Why the sync is needed (10–1,000 characters; a dry run may leave it out): stored with it and audited. */
  reason?: string;
  /** Leave out records Development changed since the comparison instead of refusing the sync. */
  skipChanged?: boolean;
  /** Records per list in the re-comparison's report. */
  recordCap: number;
}

export { InvalidSyncReasonError } from './reviewed-selection';

/**
 * A selective sync, audit first — the one sequence the API and the CLI share:
 *
 * 1. the selection's sense and the reason (InvalidSyncReasonError) are
 *    checked before anything is read;
 * 2. the referenced stored comparison is loaded (ComparisonNotFoundError) and
 *    the selection resolved against *its* list of records missing in
 *    Production, with their pinned fingerprints (InvalidSelectionError for
 *    ids it did not list; `all: true` is that list, not the live state);
 * 3. the plan is built read-only from the live databases (InvalidSelectionError,
 *    MissingParentsError, RefusedRecordsError for values Production cannot
 *    hold exactly and unique keys it has); a selected record Production has by
 *    now is skipped (staleness is per record), one Development lost refuses
 *    the sync unless skipChanged (ChangedSinceReviewError); a dry run tries the
 *    plan in a Production transaction that is always rolled back and returns
 *    it; a real sync that would drop Development-only values needs them
 *    acknowledged (DroppedColumnsError). Any refusal up to here is audited as
 *    `sync.refused` (the request's size and reason, no record contents);
 * 4. `sync.requested` is appended before anything touches Production — no
 *    event, no sync (AuditUnavailableError, Production untouched) — and the
 *    sync is stored as running (resources.syncs);
 * 5. the engine, holding the sync lock, compares each Development row with
 *    its pin and inserts in one Production transaction; a changed row refuses
 *    the whole sync (ChangedSinceReviewError) or, with skipChanged, is left
 *    out. The outcome is audited as `sync.committed` or `sync.rolled_back`, a
 *    thrown error as `sync.failed` (ChangedSinceReviewError,
 *    SyncInProgressError, DatabaseUnavailableError), and stored;
 * 6. after a commit, a full stored and audited comparison runs again; its id
 *    is the result's `recheck.comparisonId` and goes into `sync.committed`. If
 *    it fails, the sync stays committed and the event says why.
 */
export async function runAuditedSync(
  resources: OperationResources,
  request: AuditedSyncRequest,
  context: OperationContext,
): Promise<SyncResult> {
  const { audit } = resources;
  const engine = new SyncEngine(resources.dev, resources.prod);
  const { event, via } = eventFields(context);
  const plan = await planAudited(resources, engine, request, context, { trial: false });
  if (request.dryRun) {
    return dryRun(plan);
  }

  // A real sync got here only with a valid reason (planReviewed).
  const reason = request.reason ?? '';
  const syncId = randomUUID();
  const requested = await audit.append({
    type: 'sync.requested',
    ...event,
    payload: {
      syncId,
      comparisonId: request.comparisonId,
      ...via,
      syncReason: reason,
      includeParents: request.includeParents ?? false,
      skipChanged: request.skipChanged ?? false,
      selections: describeSelections(request.selections),
      plan: planCounts(plan),
    },
  });
  await resources.syncs.start({
    id: syncId,
    comparisonId: request.comparisonId,
    requestedAt: new Date(requested.occurredAt),
    actor: context.actor,
    reason,
    plan: plan.toSyncPlan(),
  });
  return applyRecorded(resources, engine, plan, context, {
    syncId,
    comparisonId: request.comparisonId,
    requestedEventId: requested.id,
    reason,
    recordCap: request.recordCap,
  });
}

/**
 * Steps 1–3 with every refusal of a write audited as `sync.refused` (the
 * request's size and reason, no record contents): the plan, tried in a
 * rolled-back Production transaction for a dry run — and for a write too when
 * `trial` says so (a request that waits for approval is tried now, so the
 * approver is not the first to hear Production refuse a value).
 */
export async function planAudited(
  resources: OperationResources,
  engine: SyncEngine,
  request: AuditedSyncRequest,
  context: OperationContext,
  options: { trial: boolean },
): Promise<PlannedSync> {
  try {
    const plan = await planReviewed(resources, engine, request);
    if (request.dryRun) {
      await engine.tryPlan(plan);
      return plan;
    }
    plan.assertDropsAcknowledged();
    plan.assertReviewHolds();
    if (options.trial) {
      await engine.tryPlan(plan);
    }
    return plan;
  } catch (error) {
    if (!request.dryRun) {
      const { event, via } = eventFields(context);
      // Every attempt leaves a trace; a failing audit store must not hide the refusal's own cause.
      await resources.audit
        .append({
          type: 'sync.refused',
          ...event,
          payload: {
            comparisonId: request.comparisonId,
            ...via,
            syncReason: request.reason ?? null,
            refusal: { error: (error as Error).name, message: (error as Error).message },
            size: requestSize(request.selections),
          },
        })
        .catch(() => undefined);
    }
    throw error;
  }
}

/**
 * Steps 1–3: the selection's sense, the reason, the stored comparison, the
 * selection resolved against that comparison's list (never the live state),
 * then the plan from the live databases with the comparison's pins.
 */
async function planReviewed(
  resources: OperationResources,
  engine: SyncEngine,
  request: AuditedSyncRequest,
): Promise<PlannedSync> {
  const { selections, pins } = await reviewRequest(resources.store, engine, request, 'sync', 'missingInProduction');
  return engine.plan({
    selections,
    includeParents: request.includeParents ?? false,
    allowAdminAccounts: request.allowAdminAccounts === true,
    acknowledgeDroppedColumns: request.acknowledgeDroppedColumns,
    pins,
    skipChanged: request.skipChanged ?? false,
  });
}

/** The plan as a result with status `dry_run`: nothing written, nothing audited. */
function dryRun(plan: PlannedSync): SyncResult {
  return {
    id: randomUUID(),
    status: 'dry_run',
    summary: { inserted: 0, skipped: 0, failed: 0 },
    results: [],
    plan: plan.toSyncPlan(),
    recheck: null,
  };
}
