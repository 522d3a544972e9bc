import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { DatePipe, DecimalPipe } from '@angular/common';
import { Router } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatProgressBar } from '@angular/material/progress-bar';
import {
  CRM_TABLES,
  ComparisonListItem,
  ComparisonReport,
  RECORD_KINDS,
  RecordEntry,
  RecordKind,
  SyncResult,
} from '@vantix/contracts';
import { Subscription, concatMap, from, map, toArray } from 'rxjs';
import { ComparisonApi } from '../../core/api/comparison-api';
import { toApiProblem } from '../../core/api/api-problem';
import { saveFile } from '../../shared/download/save-file';
import { SyncOutcomeStore } from '../sync/sync-outcome-store';
import { SyncPanel } from '../sync/sync-panel';
import { SyncResults } from '../sync/sync-results';
import { ComparisonHistory } from './comparison-history';
import { FullRecordLists, exportFileName, reportToCsv, reportWithAllRecords } from './report-export';
import { describeDrift } from './describe-drift';

export { describeDrift };

@Component({
  selector: 'vx-comparison-page',
  imports: [
    DatePipe,
    DecimalPipe,
    MatButton,
    MatCardModule,
    MatCheckbox,
    MatProgressBar,
    ComparisonHistory,
    SyncPanel,
    SyncResults,
  ],
  templateUrl: './comparison-page.html',
  styleUrl: './comparison-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ComparisonPage {
  /** Route parameter of `/comparisons/:id`; absent on `/comparison`. */
  readonly id = input<string>();

  private readonly api = inject(ComparisonApi);
  private readonly router = inject(Router);
  protected readonly outcomes = inject(SyncOutcomeStore);

  protected readonly report = signal<ComparisonReport | null>(null);
  protected readonly loadingReport = signal(false);
  protected readonly comparing = signal(false);
  protected readonly elapsed = signal(0);
  protected readonly error = signal<string | null>(null);
  protected readonly exporting = signal<string | null>(null);
  protected readonly describeDrift = describeDrift;
  /** The tables the next comparison covers: all by default (the API's own default). */
  protected readonly allTables = CRM_TABLES;
  protected readonly scope = signal<ReadonlySet<string>>(new Set(CRM_TABLES));
  /** The newest stored comparison, to tell whether the open report is still the latest. */
  protected readonly latest = signal<ComparisonListItem | null>(null);

  /** Set when the open report is not the newest comparison (a sync's re-comparison counts: Production changed). */
  protected readonly stale = computed(() => {
    const report = this.report();
    const latest = this.latest();
    return report && latest && latest.id !== report.id ? latest : null;
  });

  /** The last sync's results belong on this page when it shows that sync's re-comparison. */
  protected readonly outcome = computed(() => {
    const outcome = this.outcomes.outcome();
    const report = this.report();
    return outcome && report && outcome.shownWith === report.id ? outcome : null;
  });

  protected readonly totals = computed(() => {
    const tables = this.report()?.tables ?? [];
    return {
      missingInProduction: tables.reduce((sum, t) => sum + t.missingInProduction.count, 0),
      missingInDevelopment: tables.reduce((sum, t) => sum + t.missingInDevelopment.count, 0),
      differing: tables.reduce((sum, t) => sum + t.differing.count, 0),
    };
  });

  private loadSubscription: Subscription | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.open(id ?? null));
    });
    inject(DestroyRef).onDestroy(() => {
      this.loadSubscription?.unsubscribe();
      this.stopTimer();
    });
  }

  protected tableNames(report: ComparisonReport): string {
    return report.tables.map((t) => t.table).join(', ');
  }

  protected openComparison(id: string): void {
    void this.router.navigate(['/comparisons', id]);
  }

  protected toggleScope(table: string): void {
    const next = new Set(this.scope());
    if (next.has(table)) {
      next.delete(table);
    } else {
      next.add(table);
    }
    this.scope.set(next);
  }

  protected compare(): void {
    if (this.comparing() || this.scope().size === 0) {
      return;
    }
    // A fresh comparison wins over the newest stored one still being looked up:
    // that answer must not arrive late and replace the report (and the selection).
    this.loadSubscription?.unsubscribe();
    this.loadingReport.set(false);
    this.comparing.set(true);
    this.error.set(null);
    this.elapsed.set(0);
    const started = Date.now();
    this.timer = setInterval(() => this.elapsed.set(Math.round((Date.now() - started) / 1000)), 1000);
    const tables = this.allTables.filter((t) => this.scope().has(t));
    this.api.compare(tables.length === this.allTables.length ? undefined : tables).subscribe({
      next: (report) => {
        this.stopTimer();
        this.comparing.set(false);
        this.report.set(report);
        this.latest.set(null);
        void this.router.navigate(['/comparisons', report.id]);
      },
      error: (error: unknown) => {
        this.stopTimer();
        this.comparing.set(false);
        this.error.set(`The comparison failed: ${toApiProblem(error).message}`);
      },
    });
  }

  protected onSynced(result: SyncResult): void {
    const report = this.report();
    if (result.recheck && result.recheck.comparisonId !== report?.id) {
      // The API stored the re-comparison: open it, so the lists show what is still missing.
      void this.router.navigate(['/comparisons', result.recheck.comparisonId]);
    }
  }

  /** JSON: the report with every record; CSV: one row per record. Both page through all lists first. */
  protected exportReport(format: 'json' | 'csv'): void {
    const report = this.report();
    if (!report || this.exporting()) {
      return;
    }
    const jobs = report.tables.flatMap((table) =>
      RECORD_KINDS.map((kind) => ({ table: table.table, kind, count: table[kind].count })),
    );
    let done = 0;
    this.exporting.set(`Fetching records… 0 of ${jobs.length} lists`);
    from(jobs)
      .pipe(
        concatMap((job) =>
          (job.count === 0 ? from([[] as RecordEntry[]]) : this.api.allRecords(report.id, job.table, job.kind)).pipe(
            map((records) => {
              done += 1;
              this.exporting.set(`Fetching records… ${done} of ${jobs.length} lists`);
              return { ...job, records };
            }),
          ),
        ),
        toArray(),
      )
      .subscribe({
        next: (results) => {
          const lists: FullRecordLists = new Map();
          for (const { table, kind, records } of results) {
            const entry =
              lists.get(table) ??
              ({ missingInProduction: [], missingInDevelopment: [], differing: [] } as Record<
                RecordKind,
                RecordEntry[]
              >);
            entry[kind] = records;
            lists.set(table, entry);
          }
          if (format === 'json') {
            saveFile(
              exportFileName(report, 'json'),
              JSON.stringify(reportWithAllRecords(report, lists), null, 2),
              'application/json',
            );
          } else {
            saveFile(exportFileName(report, 'csv'), reportToCsv(report, lists), 'text/csv;charset=utf-8');
          }
          this.exporting.set(null);
        },
        error: (error: unknown) => {
          this.exporting.set(null);
          this.error.set(`The export failed: ${toApiProblem(error).message}`);
        },
      });
  }

  private open(id: string | null): void {
    this.loadSubscription?.unsubscribe();
    this.error.set(null);
    if (!id) {
      this.report.set(null);
      this.openLatest();
      return;
    }
    this.checkFreshness();
    if (this.report()?.id === id) {
      return;
    }
    this.loadingReport.set(true);
    this.loadSubscription = this.api.get(id).subscribe({
      next: (report) => {
        this.report.set(report);
        this.loadingReport.set(false);
      },
      error: (error: unknown) => {
        this.report.set(null);
        this.loadingReport.set(false);
        this.error.set(`Comparison ${id} could not be opened: ${toApiProblem(error).message}`);
      },
    });
  }

  /** `/comparison` with no report: the newest one opens, so the admin starts where they left off. */
  private openLatest(): void {
    this.loadingReport.set(true);
    this.loadSubscription = this.api.list(null, 1).subscribe({
      next: (page) => {
        this.loadingReport.set(false);
        const newest = page.items[0];
        if (newest && !this.comparing() && !this.report()) {
          void this.router.navigate(['/comparisons', newest.id], { replaceUrl: true });
        }
      },
      error: () => this.loadingReport.set(false),
    });
  }

  private checkFreshness(): void {
    this.api.list(null, 1).subscribe({
      next: (page) => this.latest.set(page.items[0] ?? null),
      // Freshness is a warning, not a condition: without it the report still shows.
      error: () => this.latest.set(null),
    });
  }

  private stopTimer(): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
