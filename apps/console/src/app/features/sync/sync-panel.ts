import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { DatePipe, DecimalPipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { ComparisonReport, PendingSyncResponse, RecordKind, SyncResult, TableComparison } from '@vantix/contracts';
import { Subscription } from 'rxjs';
import { ComparisonApi } from '../../core/api/comparison-api';
import { ReviewApi } from '../../core/api/review-api';
import { SyncApi } from '../../core/api/sync-api';
import { toApiProblem } from '../../core/api/api-problem';
import { HealthStore } from '../../core/health/health-store';
import { RefreshList } from '../refresh/refresh-list';
import { DependencyIndex } from '../review/dependency-index';
import { RecordNames, recordKey } from '../review/record-names';
import { ConfirmSyncData, ConfirmSyncDecision, ConfirmSyncDialog } from './confirm-sync-dialog';
import { RecordFeed } from './record-feed';
import { RecordList } from './record-list';
import { PRIORITIES, ReviewRecommendation, reviewRecommendations } from './review-recommendations';
import { SyncOutcomeStore } from './sync-outcome-store';
import { SyncSelection } from './sync-selection';

interface TableFeeds {
  table: TableComparison;
  missingInProduction: RecordFeed;
  missingInDevelopment: RecordFeed;
  differing: RecordFeed;
}

/**
 * The review and the selective sync: a selection bar that stays in view, the
 * recommendations in plain words with "Select these", per table the records
 * missing in Production to tick (with what they depend on) and the read-only
 * lists, and "Execute Selected Sync" → confirmation → sync.
 */
@Component({
  selector: 'vx-sync-panel',
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    MatTabsModule,
    MatExpansionModule,
    MatButton,
    MatProgressBar,
    RecordList,
    RefreshList,
  ],
  templateUrl: './sync-panel.html',
  styleUrl: './sync-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncPanel {
  readonly report = input.required<ComparisonReport>();
  /** Emitted after the API answered the real (not dry-run) sync. */
  readonly synced = output<SyncResult>();

  private readonly comparisonApi = inject(ComparisonApi);
  private readonly reviewApi = inject(ReviewApi);
  private readonly syncApi = inject(SyncApi);
  private readonly dialog = inject(MatDialog);
  private readonly health = inject(HealthStore);
  private readonly outcomes = inject(SyncOutcomeStore);
  private readonly names = inject(RecordNames);
  private readonly lists = viewChild<ElementRef<HTMLElement>>('lists');

  protected readonly selection = new SyncSelection();
  protected readonly syncing = signal(false);
  /** The open table tab; a new report opens the first table with records to sync. */
  protected readonly tabIndex = signal(0);
  protected readonly error = signal<string | null>(null);
  /** Two-person approval: the request the last "Execute" left waiting for another admin. */
  protected readonly pending = signal<PendingSyncResponse | null>(null);
  protected readonly dependencies = signal(new DependencyIndex(null));
  protected readonly dependencyError = signal<string | null>(null);
  protected readonly priorities = PRIORITIES;
  /** What the last "Select these" did, for the live region. */
  protected readonly selectedNote = signal('');

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

  protected readonly recommendations = computed(() => reviewRecommendations(this.report(), this.dependencies()));

  private dependencySubscription: Subscription | null = null;

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
        this.loadDependencies(this.report());
      });
    });
    inject(DestroyRef).onDestroy(() => {
      previous.forEach(stopAll);
      this.dependencySubscription?.unsubscribe();
    });
  }

  /** "Select these": exactly the recommendation's records, then the lists come into view on its table. */
  protected selectThese(recommendation: ReviewRecommendation): void {
    const target = recommendation.target;
    if (!target) {
      return;
    }
    const index = this.feeds().findIndex((f) => f.table.table === recommendation.table);
    const feed = this.feeds()[index]?.missingInProduction;
    if (target.kind === 'all') {
      this.selection.replaceWith({ table: target.table, all: true });
    } else if (target.kind === 'records') {
      this.selection.replaceWith(target.records);
    } else {
      // Loaded in full before the button is enabled (see canSelect).
      this.selection.replaceWith(
        (feed?.records() ?? []).filter((r) => !target.except.has(r.id)).map((r) => ({ table: target.table, id: r.id })),
      );
    }
    this.selectedNote.set(`${this.selection.total()} record(s) of ${recommendation.table} selected.`);
    this.tabIndex.set(Math.max(0, index));
    const lists = this.lists()?.nativeElement;
    lists?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    lists?.focus({ preventScroll: true });
  }

  /** "All except some" needs every id of the table: it waits for the list to be loaded in full. */
  protected canSelect(recommendation: ReviewRecommendation): boolean {
    const target = recommendation.target;
    if (!target || this.syncing()) {
      return false;
    }
    if (target.kind !== 'allExcept') {
      return true;
    }
    return (
      this.feeds()
        .find((f) => f.table.table === target.table)
        ?.missingInProduction.complete() ?? false
    );
  }

  protected execute(): void {
    if (this.selection.isEmpty() || this.syncing()) {
      return;
    }
    const report = this.report();
    const production = this.health.production();
    this.names.remember(this.loadedSummaries());
    const data: ConfirmSyncData = {
      comparisonId: report.id,
      selections: this.selection.toSelections(),
      selectedCount: this.selection.total(),
      productionTarget: production?.target ?? '',
      productionDatabase: this.health.productionDatabaseName(),
      summaries: this.names.names(),
    };
    this.dialog
      .open<ConfirmSyncDialog, ConfirmSyncData, ConfirmSyncDecision>(ConfirmSyncDialog, {
        data,
        width: '680px',
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

  private loadDependencies(report: ComparisonReport): void {
    this.dependencySubscription?.unsubscribe();
    this.dependencies.set(new DependencyIndex(null));
    this.dependencyError.set(null);
    if (!report.tables.some((t) => t.missingInProduction.count > 0)) {
      this.dependencies.set(
        new DependencyIndex({ comparisonId: report.id, readAt: '', complete: true, needsParents: [], privileged: [] }),
      );
      return;
    }
    this.dependencySubscription = this.reviewApi.dependencies(report.id).subscribe({
      next: (dependencies) => {
        this.dependencies.set(new DependencyIndex(dependencies));
        if (!dependencies.complete) {
          this.dependencyError.set('the comparison lists too many records missing in Production to check them all');
          return;
        }
        // "Ready" records of a table where others need parents are "all but those": load the whole list for it.
        for (const rec of this.recommendations()) {
          if (rec.target?.kind === 'allExcept') {
            this.feeds()
              .find((f) => f.table.table === rec.table)
              ?.missingInProduction.start();
          }
        }
      },
      error: (error: unknown) => this.dependencyError.set(toApiProblem(error).message),
    });
  }

  /** Every loaded record missing in Production, by `table:id`: the parents the dialog lists are among them. */
  private loadedSummaries(): [string, string][] {
    const summaries: [string, string][] = [];
    for (const { missingInProduction } of this.feeds()) {
      for (const record of missingInProduction.records()) {
        summaries.push([recordKey(missingInProduction.table, record.id), record.summary]);
      }
    }
    return summaries;
  }

  private run(data: ConfirmSyncData, decision: ConfirmSyncDecision, before: TableComparison[]): void {
    this.syncing.set(true);
    this.error.set(null);
    this.pending.set(null);
    const { includeParents, acknowledgeDroppedColumns, reason, allowAdminAccounts, selections } = decision;
    this.syncApi
      .submit({
        comparisonId: data.comparisonId,
        confirm: true,
        includeParents,
        allowAdminAccounts,
        acknowledgeDroppedColumns,
        reason,
        // The dialog's: the panel's selection less any refused records left out there.
        selections,
      })
      .subscribe({
        next: (result) => {
          this.syncing.set(false);
          if (result.status === 'pending_approval') {
            // Nothing was written: the request waits on the approvals page for another admin.
            this.pending.set(result);
            this.selection.clear();
            return;
          }
          this.outcomes.record(result, before, data.comparisonId, this.names.names());
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
