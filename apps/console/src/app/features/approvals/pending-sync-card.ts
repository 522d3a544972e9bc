import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { DatePipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { AuthUser, StoredSync, SYNC_REASON_MAX, SYNC_REASON_MIN } from '@vantix/contracts';
import { Observable } from 'rxjs';
import { SyncApi } from '../../core/api/sync-api';
import { toApiProblem } from '../../core/api/api-problem';
import { RecordNames } from '../review/record-names';

/** Records listed by name per request; a larger plan shows the count of the rest. */
const SHOWN_RECORDS = 50;

interface PlannedRecord {
  table: string;
  id: string;
  parent: boolean;
}

/**
 * One pending sync request: who asked, why, until when, the pinned plan and
 * its records by name; Approve / Reject (with a reason) for another admin,
 * Cancel for the requester.
 */
@Component({
  selector: 'vx-pending-sync-card',
  imports: [DatePipe, RouterLink, MatButton, MatCardModule, MatFormField, MatHint, MatLabel, MatInput],
  templateUrl: './pending-sync-card.html',
  styleUrl: './pending-sync-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PendingSyncCard {
  readonly sync = input.required<StoredSync>();
  readonly me = input.required<AuthUser | null>();
  /** A one-line account of what was done (approved, rejected, cancelled). */
  readonly done = output<string>();

  private readonly api = inject(SyncApi);
  protected readonly names = inject(RecordNames);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly rejecting = signal(false);
  protected readonly rejectReason = signal('');
  protected readonly reasonMin = SYNC_REASON_MIN;
  protected readonly reasonMax = SYNC_REASON_MAX;

  protected readonly mine = computed(
    () => (this.sync().requestedBy ?? '').toLowerCase() === (this.me()?.email ?? '').toLowerCase(),
  );
  protected readonly records = computed<PlannedRecord[]>(() =>
    this.sync().plan.tables.flatMap((t) => [
      ...t.selected.map((id) => ({ table: t.table, id, parent: false })),
      ...t.addedParents.map((id) => ({ table: t.table, id, parent: true })),
    ]),
  );
  protected readonly shown = computed(() => this.records().slice(0, SHOWN_RECORDS));
  protected readonly rejectValid = computed(() => {
    const length = this.rejectReason().trim().length;
    return length >= SYNC_REASON_MIN && length <= SYNC_REASON_MAX;
  });

  constructor() {
    // Records are named, not just keyed: the names come from the API for the ones not loaded yet.
    effect((onCleanup) => {
      // Only table and id: the API refuses any other property of a record reference.
      const refs = this.shown().map(({ table, id }) => ({ table, id }));
      const subscription = this.names.resolve(refs).subscribe();
      onCleanup(() => subscription.unsubscribe());
    });
  }

  protected approve(): void {
    this.run(
      () => this.api.approve(this.sync().id),
      (result) =>
        `Approved sync ${result.id}: ${result.summary.inserted} inserted, ${result.summary.skipped} skipped, ` +
        `${result.summary.failed} failed (${result.status.replace('_', ' ')}).`,
    );
  }

  protected reject(): void {
    this.run(
      () => this.api.reject(this.sync().id, this.rejectReason().trim()),
      () => `Rejected the sync request of ${this.sync().requestedBy ?? 'an admin'}.`,
    );
  }

  protected cancel(): void {
    this.run(
      () => this.api.cancel(this.sync().id),
      () => 'Cancelled your sync request.',
    );
  }

  protected onRejectReason(event: Event): void {
    this.rejectReason.set((event.target as HTMLTextAreaElement).value);
  }

  private run<T>(call: () => Observable<T>, describe: (value: T) => string): void {
    this.busy.set(true);
    this.error.set(null);
    call().subscribe({
      next: (value) => {
        this.busy.set(false);
        this.done.emit(describe(value));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(toApiProblem(error).message);
      },
    });
  }
}
