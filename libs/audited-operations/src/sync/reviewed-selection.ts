import { SYNC_REASON_MAX, SYNC_REASON_MIN } from '@vantix/contracts';
import { ComparisonNotFoundError, type ComparisonStore } from '@vantix/report-store';
import {
  InvalidSelectionError,
  type InvalidSelectionEntry,
  InvalidSelectionReason,
  type Pins,
  type SelectionRequest,
  type SyncEngine,
} from '@vantix/sync-core';
import type { RecordPin } from '@vantix/contracts';

/** The request's reason is missing, too short or too long (API: 400). */
export class InvalidSyncReasonError extends Error {
  override readonly name = 'InvalidSyncReasonError';
}

/** What a sync and a refresh both ask for before anything is planned. */
export interface ReviewedRequest {
  comparisonId: string;
  selections: readonly SelectionRequest[];
  reason?: string;
  dryRun?: boolean;
}

/**
 * The steps before a plan, the same for a sync and a refresh: the
 * selection's sense, the reason (a dry run may go without one), the stored
 * comparison (ComparisonNotFoundError), then the selection resolved against
 * that comparison's list of `kind` — never the live state.
 */
export async function reviewRequest(
  store: ComparisonStore,
  engine: SyncEngine,
  request: ReviewedRequest,
  what: 'sync' | 'refresh',
  kind: 'missingInProduction' | 'missingInDevelopment',
): Promise<{ selections: SelectionRequest[]; pins: Pins }> {
  engine.checkSelections(request.selections);
  const reason = request.reason?.trim() ?? '';
  if (
    !(request.dryRun && request.reason === undefined) &&
    (reason.length < SYNC_REASON_MIN || reason.length > SYNC_REASON_MAX)
  ) {
    throw new InvalidSyncReasonError(
      `reason must say why this ${what} is needed, in ${SYNC_REASON_MIN} to ${SYNC_REASON_MAX} characters`,
    );
  }
  const comparison = await store.get(request.comparisonId, { recordsPerKind: 0 });
  if (!comparison) {
    throw new ComparisonNotFoundError(request.comparisonId);
  }
  return reviewedSelections(store, request.comparisonId, request.selections, kind);
}

/**
 * The review's scope: a selection resolved against the stored comparison, not
 * the live databases. `{table, all: true}` becomes every record that
 * comparison listed as missing in Production for the table (a row added to
 * Development since is not among them); listed ids must be on that list —
 * every other id is refused (InvalidSelectionError, naming them all). The
 * pins go with the plan, so apply can compare each row with what was
 * reviewed.
 */
export async function reviewedSelections(
  store: ComparisonStore,
  comparisonId: string,
  selections: readonly SelectionRequest[],
  /** A refresh of Development reviews the comparison's records missing in Development. */
  kind: 'missingInProduction' | 'missingInDevelopment' = 'missingInProduction',
): Promise<{ selections: SelectionRequest[]; pins: Pins }> {
  const pins = new Map<string, Map<string, RecordPin | null>>();
  const resolved: SelectionRequest[] = [];
  const invalid: InvalidSelectionEntry[] = [];
  for (const selection of selections) {
    const listed = await store.pins(comparisonId, selection.table, kind);
    if (selection.all === true) {
      pins.set(selection.table, listed);
      if (listed.size > 0) {
        resolved.push({ table: selection.table, ids: [...listed.keys()] });
      }
      continue;
    }
    const ids = selection.ids ?? [];
    const tablePins = new Map<string, RecordPin | null>();
    for (const id of ids) {
      if (listed.has(id)) {
        tablePins.set(id, listed.get(id) ?? null);
      } else {
        invalid.push({ table: selection.table, id, reason: InvalidSelectionReason.notInComparison });
      }
    }
    pins.set(selection.table, tablePins);
    resolved.push({ table: selection.table, ids });
  }
  if (invalid.length > 0) {
    throw new InvalidSelectionError(invalid);
  }
  return { selections: resolved, pins };
}

/** What sync.refused says of the request: how big it was, never which records or their contents. */
export function requestSize(selections: readonly SelectionRequest[]) {
  return {
    tables: selections.length,
    ids: selections.reduce((n, s) => n + (s.ids?.length ?? 0), 0),
    allOf: selections.filter((s) => s.all === true).map((s) => s.table),
  };
}
