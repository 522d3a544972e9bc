import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { StoredSync } from '@vantix/contracts';
import { forkJoin, map, of, switchMap } from 'rxjs';
import { SyncApi } from '../../core/api/sync-api';
import { toApiProblem } from '../../core/api/api-problem';
import { AuthStore } from '../../core/auth/auth-store';
import { PendingSyncCard } from './pending-sync-card';

/**
 * Two-person approval (SYNC_APPROVALS=2): every sync request waiting for a
 * second admin, with its pinned plan, its records by name and the requester's
 * reason; another admin approves or rejects it, the requester may cancel it.
 */
@Component({
  selector: 'vx-approvals-page',
  imports: [MatButton, MatProgressBar, PendingSyncCard],
  templateUrl: './approvals-page.html',
  styleUrl: './approvals-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApprovalsPage {
  private readonly api = inject(SyncApi);
  protected readonly auth = inject(AuthStore);
  protected readonly requests = signal<StoredSync[] | null>(null);
  protected readonly error = signal<string | null>(null);
  /** What the last approve/reject/cancel did, for the live region (the card itself leaves the list). */
  protected readonly note = signal('');

  constructor() {
    this.load();
  }

  protected load(): void {
    this.error.set(null);
    this.api
      .list('pending_approval')
      .pipe(
        // The list has no plans: read each request in full.
        switchMap((page) =>
          page.items.length === 0 ? of([]) : forkJoin(page.items.map((item) => this.api.get(item.id))),
        ),
        map((syncs) => syncs.filter((s) => s.status === 'pending_approval')),
      )
      .subscribe({
        next: (syncs) => this.requests.set(syncs),
        error: (error: unknown) => this.error.set(toApiProblem(error).message),
      });
  }

  protected done(message: string): void {
    this.note.set(message);
    this.load();
  }
}
