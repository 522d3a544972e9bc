import type { AuditLog } from '@vantix/audit';
import type { AuditEventDto, ComparisonReport } from '@vantix/contracts';
import { InvalidSelectionError, InvalidSelectionReason } from '@vantix/sync-core';

/** The comparison a sync refers to no longer describes Production (API: 409). */
export class StaleComparisonError extends Error {
  override readonly name = 'StaleComparisonError';

  constructor(
    readonly comparisonId: string,
    /** When the sync that made it stale was committed or started. */
    readonly lastSyncAt: string,
    message: string,
  ) {
    super(message);
  }
}

async function latest(audit: AuditLog, type: 'sync.committed' | 'sync.requested'): Promise<AuditEventDto | undefined> {
  return (await audit.list({ type, limit: 1 })).items[0];
}

/**
 * The staleness rule: a comparison taken before the last committed sync no
 * longer describes Production — except that sync's own re-comparison, which
 * ran after its commit but before the event that records it.
 */
export async function assertFresh(audit: AuditLog, comparison: ComparisonReport): Promise<void> {
  const lastSync = await latest(audit, 'sync.committed');
  if (!lastSync || lastSync.payload['recheckComparisonId'] === comparison.id) {
    return;
  }
  if (new Date(lastSync.occurredAt) > new Date(comparison.finishedAt)) {
    throw new StaleComparisonError(
      comparison.id,
      lastSync.occurredAt,
      `comparison ${comparison.id} is stale: a sync was committed after it (at ${lastSync.occurredAt}); run a new comparison`,
    );
  }
}

/**
 * For a plan that failed only because selected records are already in
 * Production: when another sync committed or started after the comparison,
 * that is why — its records arrived in Production while this request was on
 * its way (a sync writes `sync.requested` before it touches Production, and
 * `sync.committed` only after its re-comparison). The honest answer is then
 * "your comparison is stale" (409), as it would have been a moment later,
 * not "you selected records that are in Production" (400). Anything else is
 * rethrown as it is.
 */
export async function explainPlanFailure(
  audit: AuditLog,
  comparison: ComparisonReport,
  error: unknown,
): Promise<never> {
  const onlyInProduction =
    error instanceof InvalidSelectionError &&
    error.invalid.length > 0 &&
    error.invalid.every((entry) => entry.reason === InvalidSelectionReason.alreadyInProduction);
  if (onlyInProduction) {
    await assertFresh(audit, comparison);
    const started = await latest(audit, 'sync.requested');
    if (started && new Date(started.occurredAt) > new Date(comparison.finishedAt)) {
      throw new StaleComparisonError(
        comparison.id,
        started.occurredAt,
        `comparison ${comparison.id} is stale: another sync into production started after it (at ${started.occurredAt}), and the selected records are in production now; run a new comparison`,
      );
    }
  }
  throw error;
}
