import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { DatePipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBar } from '@angular/material/progress-bar';
import { StoredRefresh } from '@vantix/contracts';
import { RecordResultsTable } from '../../shared/record-results/record-results-table';
import { RefreshApi } from '../../core/api/refresh-api';
import { toApiProblem } from '../../core/api/api-problem';

const STATUS_TITLES: Record<StoredRefresh['status'], string> = {
  running: 'Refresh running',
  committed: 'Development refreshed',
  rolled_back: 'Refresh rolled back: nothing was written to Development',
  nothing_to_do: 'Nothing to do',
  failed: 'Refresh failed: nothing was written to Development',
  // A refresh writes Development only and never waits for a second admin; the
  // stored statuses are shared with syncs, so these are named all the same.
  pending_approval: 'Waiting for approval',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

/**
 * One stored refresh of Development at its own address (/refreshes/:id): the
 * Development database, who asked and why, the data rules that applied, and
 * what happened to each record — as a sync's page shows a sync.
 */
@Component({
  selector: 'vx-refresh-page',
  imports: [DatePipe, RouterLink, MatButton, MatCardModule, MatProgressBar, RecordResultsTable],
  templateUrl: './refresh-page.html',
  styleUrl: '../sync/sync-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RefreshPage {
  /** Route parameter. */
  readonly id = input.required<string>();

  private readonly api = inject(RefreshApi);
  protected readonly refresh = signal<StoredRefresh | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly titles = STATUS_TITLES;

  constructor() {
    effect((onCleanup) => {
      const id = this.id();
      this.refresh.set(null);
      this.error.set(null);
      const subscription = this.api.get(id).subscribe({
        next: (refresh) => this.refresh.set(refresh),
        error: (error: unknown) => this.error.set(toApiProblem(error).message),
      });
      onCleanup(() => subscription.unsubscribe());
    });
  }
}
