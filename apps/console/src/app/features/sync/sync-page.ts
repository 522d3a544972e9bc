import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { DatePipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBar } from '@angular/material/progress-bar';
import { StoredSync } from '@vantix/contracts';
import { SyncApi } from '../../core/api/sync-api';
import { saveFile } from '../../shared/download/save-file';
import { toApiProblem } from '../../core/api/api-problem';
import { RecordResultsTable } from '../../shared/record-results/record-results-table';

const STATUS_TITLES: Record<StoredSync['status'], string> = {
  running: 'Sync running',
  committed: 'Sync committed',
  rolled_back: 'Sync rolled back: nothing was written',
  nothing_to_do: 'Nothing to do',
  failed: 'Sync failed: nothing was written',
  pending_approval: 'Awaiting approval by another admin',
  rejected: 'Sync request rejected: nothing was written',
  cancelled: 'Sync request cancelled: nothing was written',
  expired: 'Sync request expired unapproved: nothing was written',
};

/**
 * One stored sync at its own address (/dev-console/syncs/:id), read from the
 * API, so its results survive a reload and can be linked: who asked, why,
 * from which comparison, and what happened to each record — named by its
 * summary, the id beside it.
 */
@Component({
  selector: 'vx-sync-page',
  imports: [DatePipe, RouterLink, MatButton, MatCardModule, MatProgressBar, RecordResultsTable],
  templateUrl: './sync-page.html',
  styleUrl: './sync-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncPage {
  /** Route parameter. */
  readonly id = input.required<string>();

  private readonly api = inject(SyncApi);
  protected readonly sync = signal<StoredSync | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly titles = STATUS_TITLES;
  protected readonly downloading = signal(false);
  protected readonly downloadError = signal<string | null>(null);

  constructor() {
    effect((onCleanup) => {
      const id = this.id();
      this.sync.set(null);
      this.error.set(null);
      const subscription = this.api.get(id).subscribe({
        next: (sync) => this.sync.set(sync),
        error: (error: unknown) => this.error.set(toApiProblem(error).message),
      });
      onCleanup(() => subscription.unsubscribe());
    });
  }

  /** Fetches the evidence bundle and hands it to the browser as `sync-<id>-evidence.json`. */
  protected downloadEvidence(): void {
    const id = this.id();
    this.downloading.set(true);
    this.downloadError.set(null);
    this.api.evidence(id).subscribe({
      next: (evidence) => {
        saveFile(`sync-${id}-evidence.json`, `${JSON.stringify(evidence, null, 2)}\n`, 'application/json');
        this.downloading.set(false);
      },
      error: (error: unknown) => {
        this.downloadError.set(`The evidence could not be downloaded: ${toApiProblem(error).message}`);
        this.downloading.set(false);
      },
    });
  }
}
