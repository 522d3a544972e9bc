import { randomUUID } from 'node:crypto';
import type { SyncResult, TableColumns } from '@vantix/contracts';
import { ComparisonNotFoundError } from '@vantix/report-store';
import { type PlannedSync, type SelectionRequest, SyncEngine, type SyncOutcome } from '@vantix/sync-core';
import { runAuditedComparison } from '../comparison/run-audited-comparison';
import { eventFields, type OperationContext, type OperationResources } from '../resources';
import { assertFresh, explainPlanFailure } from './staleness';
import { auditOutcome, describeSelections, planCounts, type Recheck, toSyncResult } from './sync-events';

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
  /** Records per list in the re-comparison's report. */
  recordCap: number;
}

/**
 * A selective sync, audit first — the one sequence the API and the CLI share:
 *
 * 1. the selection's sense is checked (InvalidSelectionError) before anything
 *    is read;
 * 2. the referenced stored comparison is loaded (ComparisonNotFoundError) and
 *    must not be stale (StaleComparisonError);
 * 3. the plan is built read-only from the live databases, never from the
 *    report (InvalidSelectionError, MissingParentsError, RefusedRecordsError
 *    for values Production cannot hold exactly and unique keys it has); a dry
 *    run tries it in a Production transaction that is always rolled back
 *    (RefusedRecordsError per record: NOT NULL, CHECK) and returns it; a real
 *    sync that would drop Development-only values needs them acknowledged
 *    (DroppedColumnsError);
 * 4. `sync.requested` is appended before anything touches Production — no
 *    event, no sync (AuditUnavailableError, Production untouched);
 * 5. the engine inserts in one Production transaction; its outcome is audited
 *    as `sync.committed` or `sync.rolled_back`, a thrown error as
 *    `sync.failed` (SyncInProgressError, DatabaseUnavailableError);
 * 6. after a commit, a full stored and audited comparison runs again; its id
 *    is the result's `recheck.comparisonId` and goes into `sync.committed`. If
 *    it fails, the sync stays committed and the event says why.
 */
export async function runAuditedSync(
  resources: OperationResources,
  request: AuditedSyncRequest,
  context: OperationContext,
): Promise<SyncResult> {
  const { audit, store } = resources;
  const engine = new SyncEngine(resources.dev, resources.prod);
  engine.checkSelections(request.selections);
  const comparison = await store.get(request.comparisonId, { recordsPerKind: 0 });
  if (!comparison) {
    throw new ComparisonNotFoundError(request.comparisonId);
  }
  await assertFresh(audit, comparison);
  const includeParents = request.includeParents ?? false;
  const plan = await engine
    .plan({
      selections: request.selections,
      includeParents,
      allowAdminAccounts: request.allowAdminAccounts === true,
      acknowledgeDroppedColumns: request.acknowledgeDroppedColumns,
    })
    .catch((error: unknown) => explainPlanFailure(audit, comparison, error));
  if (request.dryRun) {
    await engine.tryPlan(plan);
    return dryRun(plan);
  }
  plan.assertDropsAcknowledged();

  const { event, via } = eventFields(context);
  const requested = await audit.append({
    type: 'sync.requested',
    ...event,
    payload: {
      comparisonId: request.comparisonId,
      ...via,
      includeParents,
      selections: describeSelections(request.selections),
      plan: planCounts(plan),
    },
  });
  let outcome: SyncOutcome;
  try {
    outcome = await engine.apply(plan);
  } catch (error) {
    await audit
      .append({
        type: 'sync.failed',
        ...event,
        payload: {
          requestedEventId: requested.id,
          comparisonId: request.comparisonId,
          ...via,
          reason: (error as Error).message,
        },
      })
      .catch(() => undefined);
    throw error;
  }
  const recheck: Recheck =
    outcome.status === 'committed'
      ? await compareAgain(resources, request.recordCap, context, plan)
      : { recheck: null };
  await auditOutcome(audit, event, {
    outcome,
    requestedEventId: requested.id,
    comparisonId: request.comparisonId,
    via,
    ...recheck,
  });
  return toSyncResult(outcome, recheck.recheck);
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
