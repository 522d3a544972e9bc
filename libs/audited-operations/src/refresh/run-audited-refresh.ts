import { randomUUID } from 'node:crypto';
import type { RefreshRules } from '@vantix/config';
import type { RefreshResult } from '@vantix/contracts';
import type { SyncStore } from '@vantix/report-store';
import { type PlannedSync, type SelectionRequest, SyncEngine, type SyncOutcome } from '@vantix/sync-core';
import { runAuditedComparison } from '../comparison/run-audited-comparison';
import { eventFields, type OperationContext, type OperationResources } from '../resources';
import { requestSize, reviewRequest } from '../sync/reviewed-selection';
import { describeSelections } from '../sync/sync-events';
import { DataRules } from './data-rules';
import type { Masks } from './masks';
import { mirrorError, mirrorSides } from './mirror-sides';
import { refreshCounts, refreshPlan, toRefreshResult } from './refresh-plan';

export interface AuditedRefreshRequest {
  /** The stored comparison whose records missing in Development are refreshed. */
  comparisonId: string;
  selections: readonly SelectionRequest[];
  /** Add the Production parents Development lacks instead of refusing with MissingParentsError. */
  includeParents?: boolean;
  /** Return the plan after a trial insert into Development that is always rolled back; audit nothing. */
  dryRun?: boolean;
  /** Why the refresh is needed (10–1,000 characters; a dry run may leave it out). */
  reason?: string;
  /** Records per list in the re-comparison's report. */
  recordCap: number;
}

/** What a refresh runs with besides the operations' resources. */
export interface RefreshSettings {
  /** The stored refreshes: a SyncStore of direction `to_development`. */
  store: SyncStore;
  rules: RefreshRules;
  masks: Masks;
  /** The Development database as `host:port/database`, for the plan and the confirmation. */
  developmentDatabase: string;
}

/**
 * Refresh Development from Production: the audited sync's sequence with the
 * engine's roles swapped — Production is the source (only read), Development
 * the target (only inserted into, in one transaction) — and the data rules
 * applied to every row before it is written:
 *
 * 1. the selection's sense and the reason are checked; the stored comparison
 *    is loaded and the selection resolved against its list of records
 *    missing in Development, with their pinned fingerprints (ids it did not
 *    list: InvalidSelectionError, 400);
 * 2. the plan is built read-only (FK closure with includeParents); a dry run
 *    tries it in a Development transaction that is always rolled back and
 *    returns it with the data rules per table. A refusal of a real refresh is
 *    audited as `refresh.refused`;
 * 3. `refresh.requested` (plan counts and rules, never values) is appended
 *    before Development is touched, and the refresh stored as running;
 * 4. the engine compares each Production row with its pin and inserts the
 *    rewritten rows; `refresh.committed` / `refresh.rolled_back` (a
 *    Development constraint, naming the record) / `refresh.failed`;
 * 5. after a commit a full audited comparison runs again (its id in the result).
 */
export async function runAuditedRefresh(
  resources: OperationResources,
  settings: RefreshSettings,
  request: AuditedRefreshRequest,
  context: OperationContext,
): Promise<RefreshResult> {
  const { audit } = resources;
  const rules = new DataRules(settings.rules, settings.masks);
  // Swapped roles: the engine reads its `dev` argument and writes its `prod` argument.
  const engine = new SyncEngine(resources.prod, resources.dev, { transform: rules.transform });
  const { event, via } = eventFields(context);
  let plan: PlannedSync;
  try {
    plan = await planRefresh(resources, engine, request);
    if (request.dryRun) {
      await engine.tryPlan(plan);
      return dryRun(refreshPlan(plan, rules.describe(plan), settings.developmentDatabase));
    }
    plan.assertReviewHolds();
  } catch (error) {
    mirrorError(error);
    if (!request.dryRun) {
      await audit
        .append({
          type: 'refresh.refused',
          ...event,
          payload: {
            comparisonId: request.comparisonId,
            ...via,
            refreshReason: request.reason ?? null,
            refusal: { error: (error as Error).name, message: (error as Error).message },
            size: requestSize(request.selections),
          },
        })
        .catch(() => undefined);
    }
    throw error;
  }

  const dataRules = rules.describe(plan);
  const shown = refreshPlan(plan, dataRules, settings.developmentDatabase);
  const reason = request.reason?.trim() ?? '';
  const refreshId = randomUUID();
  const common = { refreshId, comparisonId: request.comparisonId, ...via, refreshReason: reason };
  const requested = await audit.append({
    type: 'refresh.requested',
    ...event,
    payload: {
      ...common,
      developmentDatabase: settings.developmentDatabase,
      rulesFile: settings.rules.file,
      includeParents: request.includeParents ?? false,
      selections: describeSelections(request.selections),
      plan: refreshCounts(plan, dataRules),
    },
  });
  await settings.store.start({
    id: refreshId,
    comparisonId: request.comparisonId,
    requestedAt: new Date(requested.occurredAt),
    actor: context.actor,
    reason,
    plan: shown as unknown as Parameters<SyncStore['start']>[0]['plan'],
  });
  let outcome: SyncOutcome;
  try {
    outcome = { ...(await engine.apply(plan)), id: refreshId };
  } catch (error) {
    mirrorError(error);
    const message = (error as Error).message;
    await audit
      .append({
        type: 'refresh.failed',
        ...event,
        payload: { ...common, requestedEventId: requested.id, reason: message },
      })
      .catch(() => undefined);
    await settings.store
      .finish(refreshId, { status: 'failed', summary: null, results: [], recheckComparisonId: null, error: message })
      .catch(() => undefined);
    throw error;
  }
  const result = toRefreshResult(outcome, shown, null);
  if (outcome.error !== undefined) {
    result.error = mirrorSides(outcome.error);
  }
  let recheckError: string | undefined;
  if (outcome.status === 'committed') {
    const touched = new Set(plan.tables.map((t) => t.table.name));
    try {
      const report = await runAuditedComparison(resources, { recordCap: request.recordCap }, context);
      result.recheck = { comparisonId: report.id, tables: report.tables.filter((t) => touched.has(t.table)) };
    } catch (error) {
      // The rows are committed: a failed re-comparison must not turn the outcome into an error.
      recheckError = error instanceof Error ? error.message : String(error);
    }
  }
  const outcomeFields = { ...common, requestedEventId: requested.id, summary: result.summary };
  if (result.status === 'rolled_back') {
    await audit.append({
      type: 'refresh.rolled_back',
      ...event,
      payload: { ...outcomeFields, reason: result.error ?? 'rolled back', failure: outcome.failure ?? null },
    });
  } else {
    await audit.append({
      type: 'refresh.committed',
      ...event,
      payload: {
        ...outcomeFields,
        status: result.status,
        results: result.results,
        dataRules,
        sequencesAdvanced: outcome.sequencesAdvanced ?? [],
        recheckComparisonId: result.recheck?.comparisonId ?? null,
        ...(recheckError ? { recheckError } : {}),
      },
    });
  }
  await settings.store.finish(refreshId, {
    status: outcome.status,
    summary: result.summary,
    results: result.results,
    recheckComparisonId: result.recheck?.comparisonId ?? null,
    error: result.error ?? null,
  });
  return result;
}

/** The reason, the stored comparison, the selection against its missing-in-Development list, then the plan. */
async function planRefresh(
  resources: OperationResources,
  engine: SyncEngine,
  request: AuditedRefreshRequest,
): Promise<PlannedSync> {
  const { selections, pins } = await reviewRequest(resources.store, engine, request, 'refresh', 'missingInDevelopment');
  return engine.plan({
    selections,
    includeParents: request.includeParents ?? false,
    // Accounts come without usable passwords unless a rule copies them; the plan names them.
    allowAdminAccounts: true,
    // Production-only columns do not exist in Development: nothing to acknowledge, the plan lists them.
    acknowledgeDroppedColumns: 'all',
    pins,
    skipChanged: false,
  });
}

/** The plan as a result with status `dry_run`: nothing written, nothing audited. */
function dryRun(plan: RefreshResult['plan']): RefreshResult {
  return {
    id: randomUUID(),
    status: 'dry_run',
    summary: { inserted: 0, skipped: 0, failed: 0 },
    results: [],
    plan,
    recheck: null,
  };
}
