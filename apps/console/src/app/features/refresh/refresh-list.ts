import { ChangeDetectionStrategy, Component, OnInit, inject, input, signal } from '@angular/core';
import { Router } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RefreshPlan, Selection } from '@vantix/contracts';
import { switchMap } from 'rxjs';
import { RefreshApi } from '../../core/api/refresh-api';
import { toApiProblem } from '../../core/api/api-problem';
import { RecordNames, recordKey } from '../review/record-names';
import { RecordFeed } from '../sync/record-feed';
import { RecordList } from '../sync/record-list';
import { SyncSelection } from '../sync/sync-selection';
import { ConfirmRefreshData, ConfirmRefreshDecision, ConfirmRefreshDialog } from './confirm-refresh-dialog';

/**
 * One table's "Missing in Development" list with checkboxes and select-all,
 * and "Refresh Development": a dry run (parents included) gives the plan and
 * the data rules, the confirmation names them and asks the reason, then the
 * refresh writes and its stored page opens.
 */
@Component({
  selector: 'vx-refresh-list',
  imports: [MatButton, MatProgressBar, RecordList],
  template: `
    <div [attr.data-testid]="'refresh-list-' + feed().table">
      <div class="refresh-bar" [attr.data-testid]="'refresh-bar-' + feed().table">
        <span aria-live="polite">{{ selection.total() }} selected</span>
        <button
          mat-flat-button
          type="button"
          (click)="start()"
          [disabled]="selection.isEmpty() || busy()"
          [attr.data-testid]="'refresh-development-' + feed().table"
        >
          Refresh Development
        </button>
      </div>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Refreshing Development" />
      }
      @if (error(); as message) {
        <p class="error-box" role="alert" data-testid="refresh-error">The refresh was refused: {{ message }}</p>
      }
      <vx-record-list [feed]="feed()" [selection]="selection" />
    </div>
  `,
  styles: `
    .refresh-bar {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      gap: 12px;
      margin-bottom: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RefreshList implements OnInit {
  readonly feed = input.required<RecordFeed>();

  private readonly api = inject(RefreshApi);
  private readonly dialog = inject(MatDialog);
  private readonly names = inject(RecordNames);
  private readonly router = inject(Router);

  protected readonly selection = new SyncSelection();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  ngOnInit(): void {
    this.selection.reset([{ table: this.feed().table, missing: this.feed().total }]);
  }

  protected start(): void {
    const feed = this.feed();
    const selections = this.selection.toSelections();
    this.busy.set(true);
    this.error.set(null);
    this.names.remember(feed.records().map((r) => [recordKey(feed.table, r.id), r.summary] as [string, string]));
    let plan: RefreshPlan;
    this.api
      .refresh({ comparisonId: feed.comparisonId, selections, includeParents: true, dryRun: true })
      .pipe(
        switchMap((dry) => {
          plan = dry.plan;
          return this.names.resolve(
            plan.tables.flatMap((t) => [...t.selected, ...t.addedParents].map((id) => ({ table: t.table, id }))),
          );
        }),
      )
      .subscribe({
        next: () => {
          this.busy.set(false);
          this.confirm(selections, plan);
        },
        error: (error: unknown) => this.fail(error),
      });
  }

  private confirm(selections: Selection[], plan: RefreshPlan): void {
    this.dialog
      .open<ConfirmRefreshDialog, ConfirmRefreshData, ConfirmRefreshDecision>(ConfirmRefreshDialog, {
        data: { plan, names: this.names.names() },
        width: '680px',
        maxWidth: '95vw',
        ariaLabel: 'Confirm the refresh of Development',
        autoFocus: 'first-tabbable',
        restoreFocus: true,
      })
      .afterClosed()
      .subscribe((decision) => {
        if (!decision) {
          return;
        }
        this.busy.set(true);
        this.api
          .refresh({
            comparisonId: this.feed().comparisonId,
            selections,
            includeParents: true,
            reason: decision.reason,
          })
          .subscribe({
            next: (result) => {
              this.busy.set(false);
              this.selection.clear();
              void this.router.navigate(['/refreshes', result.id]);
            },
            error: (error: unknown) => this.fail(error),
          });
      });
  }

  private fail(error: unknown): void {
    this.busy.set(false);
    this.error.set(toApiProblem(error).message);
  }
}
