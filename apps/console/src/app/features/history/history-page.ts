import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { DatePipe } from '@angular/common';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Page, STORED_SYNC_STATUSES, StoredSyncStatus, SyncListItem } from '@vantix/contracts';
import { Observable } from 'rxjs';
import { HistoryQuery } from '../../core/api/history-query';
import { RefreshApi } from '../../core/api/refresh-api';
import { SyncApi } from '../../core/api/sync-api';
import { toApiProblem } from '../../core/api/api-problem';

export type HistoryDirection = 'to_production' | 'to_development';

const PAGE_SIZE = 25;

/** Where a stored sync or refresh opens: each has its own page. */
export function historyLink(direction: HistoryDirection, id: string): string[] {
  return [direction === 'to_production' ? '/syncs' : '/refreshes', id];
}

/** The badge colour of a stored status: written, refused or failed, still open, or ended without writing. */
export function statusTone(status: StoredSyncStatus): 'ok' | 'bad' | 'info' | 'neutral' {
  switch (status) {
    case 'committed':
      return 'ok';
    case 'rolled_back':
    case 'failed':
    case 'rejected':
      return 'bad';
    case 'running':
    case 'pending_approval':
      return 'info';
    default:
      return 'neutral';
  }
}

/** "3 inserted · 1 skipped · 0 failed", or what a request without results is waiting for. */
export function describeCounts(item: SyncListItem): string {
  if (!item.summary) {
    return item.status === 'pending_approval' ? 'waiting for a second admin' : 'no records written';
  }
  const { inserted, skipped, failed } = item.summary;
  return `${inserted} inserted · ${skipped} skipped · ${failed} failed`;
}

/**
 * Every stored sync to Production and refresh of Development, newest first,
 * filtered by status, each a link to its own page: where an admin finds an
 * earlier sync without knowing its id.
 */
@Component({
  selector: 'vx-history-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatFormFieldModule,
    MatProgressBar,
    MatSelectModule,
    MatTableModule,
  ],
  templateUrl: './history-page.html',
  styleUrl: './history-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HistoryPage {
  private readonly syncs = inject(SyncApi);
  private readonly refreshes = inject(RefreshApi);

  protected readonly statuses = STORED_SYNC_STATUSES;
  protected readonly tone = statusTone;
  protected readonly filters = new FormGroup({
    direction: new FormControl<HistoryDirection>('to_production', { nonNullable: true }),
    status: new FormControl<StoredSyncStatus | ''>('', { nonNullable: true }),
  });
  protected readonly items = signal<SyncListItem[]>([]);
  /** The direction the listed items belong to (the form may have changed since they were loaded). */
  protected readonly shown = signal<HistoryDirection>('to_production');
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly columns = ['requestedAt', 'status', 'requestedBy', 'reason', 'records'];
  protected readonly link = historyLink;
  protected readonly counts = describeCounts;

  constructor() {
    this.load(null);
  }

  protected search(): void {
    this.load(null);
  }

  protected load(cursor: string | null): void {
    const { direction, status } = this.filters.getRawValue();
    const query: HistoryQuery = { status: status || null, cursor, limit: PAGE_SIZE };
    const page: Observable<Page<SyncListItem>> =
      direction === 'to_production' ? this.syncs.page(query) : this.refreshes.page(query);
    this.loading.set(true);
    this.error.set(null);
    page.subscribe({
      next: ({ items, nextCursor }) => {
        this.items.update((shown) => (cursor ? shown.concat(items) : items));
        this.shown.set(direction);
        this.nextCursor.set(nextCursor);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.error.set(`The history could not be loaded: ${toApiProblem(error).message}`);
        this.loading.set(false);
      },
    });
  }
}
