import { Injectable, signal } from '@angular/core';
import { SyncResult, TableComparison } from '@vantix/contracts';

export interface SyncOutcome {
  result: SyncResult;
  /** The tables of the comparison the sync was planned from: the "before". */
  before: TableComparison[];
  /** The comparison page that shows these results (the re-comparison, when there is one). */
  shownWith: string;
  /** Summaries of the records the panel had loaded, by `table:id`, so results name records by more than a key. */
  summaries: ReadonlyMap<string, string>;
}

/**
 * The last sync's results. Kept outside the comparison page because a committed
 * sync moves the page to its re-comparison (a new route), and the admin must
 * still see what happened.
 */
@Injectable({ providedIn: 'root' })
export class SyncOutcomeStore {
  readonly outcome = signal<SyncOutcome | null>(null);

  record(
    result: SyncResult,
    before: TableComparison[],
    sourceComparisonId: string,
    summaries: ReadonlyMap<string, string>,
  ): void {
    this.outcome.set({ result, before, shownWith: result.recheck?.comparisonId ?? sourceComparisonId, summaries });
  }

  dismiss(): void {
    this.outcome.set(null);
  }
}
