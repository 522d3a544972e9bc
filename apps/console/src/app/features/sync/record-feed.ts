import { signal } from '@angular/core';
import { RecordEntry, RecordKind } from '@vantix/contracts';
import { Subscription } from 'rxjs';
import { ComparisonApi } from '../../core/api/comparison-api';
import { toApiProblem } from '../../core/api/api-problem';

/**
 * One record list of a comparison (table × kind), loaded page by page from the
 * records endpoint in the background. Held by the sync panel, not by the list
 * component, so switching tabs does not load 5,000 records again; the list
 * search covers everything once the last page is in.
 */
export class RecordFeed {
  private readonly loaded = signal<RecordEntry[]>([]);
  private readonly done = signal(false);
  private readonly failure = signal<string | null>(null);
  private subscription: Subscription | null = null;

  readonly records = this.loaded.asReadonly();
  readonly complete = this.done.asReadonly();
  readonly error = this.failure.asReadonly();

  constructor(
    private readonly api: ComparisonApi,
    readonly comparisonId: string,
    readonly table: string,
    readonly kind: RecordKind,
    /** The full count from the report. */
    readonly total: number,
  ) {}

  /** Idempotent: the first call starts loading, later ones do nothing. */
  start(): void {
    if (this.subscription || this.total === 0) {
      if (this.total === 0) {
        this.done.set(true);
      }
      return;
    }
    this.failure.set(null);
    this.subscription = this.api.recordPages(this.comparisonId, this.table, this.kind).subscribe({
      next: (page) => this.loaded.update((records) => records.concat(page.items)),
      error: (error: unknown) => this.failure.set(toApiProblem(error).message),
      complete: () => this.done.set(true),
    });
  }

  retry(): void {
    this.stop();
    this.loaded.set([]);
    this.done.set(false);
    this.start();
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }
}
