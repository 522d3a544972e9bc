import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { DatePipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatListModule } from '@angular/material/list';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ComparisonListItem } from '@vantix/contracts';
import { ComparisonApi } from '../../core/api/comparison-api';
import { toApiProblem } from '../../core/api/api-problem';

const PAGE_SIZE = 15;

export function missingInProductionTotal(item: ComparisonListItem): number {
  return item.tables.reduce((sum, table) => sum + table.missingInProduction, 0);
}

/** Earlier comparisons, newest first, each a link to reopen it. */
@Component({
  selector: 'vx-comparison-history',
  imports: [DatePipe, RouterLink, MatListModule, MatButton, MatProgressBar],
  templateUrl: './comparison-history.html',
  styleUrl: './comparison-history.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ComparisonHistory {
  readonly currentId = input<string | null>(null);

  private readonly api = inject(ComparisonApi);
  protected readonly items = signal<ComparisonListItem[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly missingTotal = missingInProductionTotal;

  constructor() {
    // A comparison that is not listed yet was just made: load the first page again.
    effect(() => {
      const id = this.currentId();
      untracked(() => {
        if (!this.loading() && (this.items().length === 0 || (id && !this.items().some((item) => item.id === id)))) {
          this.load(null);
        }
      });
    });
  }

  protected load(cursor: string | null): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.list(cursor, PAGE_SIZE).subscribe({
      next: (page) => {
        this.items.update((items) => (cursor ? items.concat(page.items) : page.items));
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.error.set(toApiProblem(error).message);
        this.loading.set(false);
      },
    });
  }
}
