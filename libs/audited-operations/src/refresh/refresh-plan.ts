import type { RefreshPlan, RefreshResult, TableDataRules } from '@vantix/contracts';
import type { PlannedSync, SyncOutcome } from '@vantix/sync-core';
import { mirrorResults } from './mirror-sides';

/**
 * The plan as a refresh shows and stores it: the engine's plan (source
 * Production, target Development), the data rules per table and the
 * Development database written. Admin accounts come with their password
 * hashes only if a rule copies the users' password column as it is.
 */
export function refreshPlan(plan: PlannedSync, dataRules: TableDataRules[], developmentDatabase: string): RefreshPlan {
  const syncPlan = plan.toSyncPlan();
  const users = dataRules.find((t) => t.table === 'users');
  const hashesCopied = users?.columns.some((c) => c.column === 'password_hash' && c.rule === 'copy') ?? false;
  return {
    ...syncPlan,
    adminAccounts: { ...syncPlan.adminAccounts, passwordHashesIncluded: hashesCopied },
    dataRules,
    developmentDatabase,
  };
}

/** How big the plan is and which rules apply, for the audit log: counts and rules, never values. */
export function refreshCounts(plan: PlannedSync, dataRules: TableDataRules[]) {
  return {
    total: plan.total,
    adminAccounts: { count: plan.adminAccounts.length, ids: [...plan.adminAccounts] },
    tables: plan.tables.map((t) => ({
      table: t.table.name,
      selected: t.selected.length,
      addedParents: t.addedParents.length,
    })),
    dataRules,
    ...plan.facts,
  };
}

/** The engine's outcome as a refresh's result, wording mirrored (the engine names roles). */
export function toRefreshResult(
  outcome: SyncOutcome,
  plan: RefreshPlan,
  recheck: RefreshResult['recheck'],
): RefreshResult {
  // The rollback's structured cause stays in the audit log; `written` is Production provenance, not a refresh's.
  const { failure: _failure, plan: _plan, written: _written, ...result } = outcome;
  return { ...result, results: mirrorResults(result.results), plan, recheck };
}
