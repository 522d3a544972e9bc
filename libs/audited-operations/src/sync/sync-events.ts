import type { AuditLog } from '@vantix/audit';
import type { SyncResult } from '@vantix/contracts';
import type { PlannedSync, SelectionRequest, SyncOutcome } from '@vantix/sync-core';
import { writtenDigest } from '../evidence/written-digest';

type EventFields = Pick<Parameters<AuditLog['append']>[0], 'actor' | 'requestId' | 'clientRequestId' | 'clientIp'>;

/** The selection as the audit log keeps it: ids listed up to 100 per table, counted beyond. */
export function describeSelections(selections: readonly SelectionRequest[]) {
  return selections.map((s) =>
    s.all === true
      ? { table: s.table, all: true }
      : { table: s.table, ids: (s.ids ?? []).length <= 100 ? [...(s.ids ?? [])] : (s.ids ?? []).length },
  );
}

/**
 * How many records the plan inserts, per table, which admin accounts (with their password hashes) are among
 * them, and Production's schema facts it found (generated columns, sequences, dropped columns).
 */
export function planCounts(plan: PlannedSync) {
  return {
    total: plan.total,
    // Worded without "password" or "hash" in a key: the audit log's scrubber would redact such a key's value.
    adminAccounts: {
      count: plan.adminAccounts.length,
      ids: [...plan.adminAccounts],
      copiedWith: 'their password hashes',
    },
    tables: plan.tables.map((t) => ({
      table: t.table.name,
      selected: t.selected.length,
      addedParents: t.addedParents.length,
    })),
    ...plan.facts,
  };
}

/** What the re-comparison after a commit gave: the stored comparison's tables the sync touched, or why it failed. */
export interface Recheck {
  recheck: SyncResult['recheck'];
  recheckError?: string;
}

/** `sync.rolled_back`, or `sync.committed` (also for nothing_to_do) with the results and the re-comparison's id. */
export async function auditOutcome(
  audit: AuditLog,
  event: EventFields,
  facts: { outcome: SyncOutcome; requestedEventId: string; comparisonId: string; via: object } & Recheck,
): Promise<void> {
  const { outcome } = facts;
  const common = {
    requestedEventId: facts.requestedEventId,
    syncId: outcome.id,
    comparisonId: facts.comparisonId,
    ...facts.via,
    summary: outcome.summary,
  };
  if (outcome.status === 'rolled_back') {
    await audit.append({
      type: 'sync.rolled_back',
      ...event,
      payload: { ...common, reason: outcome.error ?? 'rolled back', failure: outcome.failure ?? null },
    });
    return;
  }
  await audit.append({
    type: 'sync.committed',
    ...event,
    payload: {
      ...common,
      status: outcome.status,
      results: outcome.results,
      // Production's fingerprints of the inserted rows, as one digest: chained, so the evidence bundle's can be checked.
      writtenFingerprints: writtenDigest(outcome.written ?? []),
      sequencesAdvanced: outcome.sequencesAdvanced ?? [],
      recheckComparisonId: facts.recheck?.comparisonId ?? null,
      ...(facts.recheckError ? { recheckError: facts.recheckError } : {}),
    },
  });
}

/** The engine's outcome as the contract's SyncResult (the rollback's structured cause stays in the audit log). */
export function toSyncResult(outcome: SyncOutcome, recheck: SyncResult['recheck']): SyncResult {
  const { failure: _failure, written: _written, ...result } = outcome;
  return { ...result, recheck };
}
