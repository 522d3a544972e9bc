import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { ComparisonReport, RecordKind, SyncResult, TableComparison } from '@vantix/contracts';
import { ComparisonApi } from '../../core/api/comparison-api';
import { SyncApi } from '../../core/api/sync-api';
import { toApiProblem } from '../../core/api/api-problem';
import { HealthStore } from '../../core/health/health-store';
import { ConfirmSyncData, ConfirmSyncDecision, ConfirmSyncDialog } from './confirm-sync-dialog';
import { RecordFeed } from './record-feed';
import { RecordList } from './record-list';
import { SyncOutcomeStore } from './sync-outcome-store';
import { SyncSelection } from './sync-selection';

interface TableFeeds {
  table: TableComparison;
  missingInProduction: RecordFeed;
  missingInDevelopment: RecordFeed;
  differing: RecordFeed;
}

/**
 * The selective sync panel: per table the records missing in Production to tick,
 * the read-only lists, and "Execute Selected Sync" → confirmation → sync.
 */
@Component({
  selector: 'vx-sync-panel',
  imports: [MatTabsModule, MatExpansionModule, MatButton, MatProgressBar, RecordList],
  templateUrl: './sync-panel.html',
  styleUrl: './sync-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncPanel {
  readonly report = input.required<ComparisonReport>();
  /** Emitted after the API answered the real (not dry-run) sync. */
  readonly synced = output<SyncResult>();

  private readonly comparisonApi = inject(ComparisonApi);
  private readonly syncApi = inject(SyncApi);
  private readonly dialog = inject(MatDialog);
  private readonly health = inject(HealthStore);
  private readonly outcomes = inject(SyncOutcomeStore);

  protected readonly selection = new SyncSelection();
  protected readonly syncing = signal(false);
  /** The open table tab; a new report opens the first table with records to sync. */
  protected readonly tabIndex = signal(0);
  protected readonly error = signal<string | null>(null);

  protected readonly feeds = computed<TableFeeds[]>(() => {
    const report = this.report();
    const feed = (table: TableComparison, kind: RecordKind) =>
      new RecordFeed(this.comparisonApi, report.id, table.table, kind, table[kind].count);
    return report.tables.map((table) => ({
      table,
      missingInProduction: feed(table, 'missingInProduction'),
      missingInDevelopment: feed(table, 'missingInDevelopment'),
      differing: feed(table, 'differing'),
    }));
  });

  constructor() {
    // A new report means new lists and nothing selected; stop the old lists' requests.
    let previous: TableFeeds[] = [];
    effect(() => {
      const feeds = this.feeds();
      untracked(() => {
        previous.forEach(stopAll);
        previous = feeds;
        this.selection.reset(
          feeds.map(({ table }) => ({ table: table.table, missing: table.missingInProduction.count })),
        );
        this.tabIndex.set(
          Math.max(
            0,
            feeds.findIndex(({ table }) => table.missingInProduction.count > 0),
          ),
        );
        this.error.set(null);
      });
    });
    inject(DestroyRef).onDestroy(() => previous.forEach(stopAll));
  }

  protected execute(): void {
    if (this.selection.isEmpty() || this.syncing()) {
      return;
    }
    const report = this.report();
    const production = this.health.production();
    const data: ConfirmSyncData = {
      comparisonId: report.id,
      selections: this.selection.toSelections(),
      selectedCount: this.selection.total(),
      productionTarget: production?.target ?? '',
      productionDatabase: this.health.productionDatabaseName(),
      summaries: this.loadedSummaries(),
    };
    this.dialog
      .open<ConfirmSyncDialog, ConfirmSyncData, ConfirmSyncDecision>(ConfirmSyncDialog, {
        data,
        width: '640px',
        maxWidth: '95vw',
        ariaLabel: 'Confirm the sync to Production',
        // Focus goes to the element marked cdkFocusInitial: Cancel.
        autoFocus: 'first-tabbable',
        restoreFocus: true,
      })
      .afterClosed()
      .subscribe((decision) => {
        if (decision) {
          this.run(data, decision, report.tables);
        }
      });
  }

  /** Every loaded record missing in Production, by `table:id`: the parents the dialog lists are among them. */
  private loadedSummaries(): Map<string, string> {
    const summaries = new Map<string, string>();
    for (const { missingInProduction } of this.feeds()) {
      for (const record of missingInProduction.records()) {
        summaries.set(`${missingInProduction.table}:${record.id}`, record.summary);
      }
    }
    return summaries;
  }

  private run(data: ConfirmSyncData, decision: ConfirmSyncDecision, before: TableComparison[]): void {
    this.syncing.set(true);
    this.error.set(null);
    const { includeParents, acknowledgeDroppedColumns, reason } = decision;
    this.syncApi
      .sync({
        comparisonId: data.comparisonId,
        confirm: true,
        includeParents,
        acknowledgeDroppedColumns,
        reason,
        selections: data.selections,
      })
      .subscribe({
        next: (result) => {
          this.syncing.set(false);
          this.outcomes.record(result, before, data.comparisonId, data.summaries);
          // What was selected is either in Production now or was refused as a whole: start clean.
          this.selection.clear();
          this.synced.emit(result);
        },
        error: (error: unknown) => {
          this.syncing.set(false);
          this.error.set(toApiProblem(error).message);
        },
      });
  }
}

function stopAll(feeds: TableFeeds): void {
  feeds.missingInProduction.stop();
  feeds.missingInDevelopment.stop();
  feeds.differing.stop();
}
