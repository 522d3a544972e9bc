import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatTableModule } from '@angular/material/table';
import { RecordResultsTable } from '../../shared/record-results/record-results-table';
import { RouterLink } from '@angular/router';
import { SyncResult, TableComparison } from '@vantix/contracts';

export interface BeforeAfterRow {
  table: string;
  missingInProductionBefore: number | null;
  missingInProductionAfter: number;
  prodCountBefore: number | null;
  prodCountAfter: number;
  missingInDevelopmentAfter: number;
  differingAfter: number;
}

/** The re-compared tables next to the same tables of the comparison the sync started from. */
export function beforeAfter(before: TableComparison[], after: TableComparison[]): BeforeAfterRow[] {
  return after.map((table) => {
    const previous = before.find((b) => b.table === table.table);
    return {
      table: table.table,
      missingInProductionBefore: previous?.missingInProduction.count ?? null,
      missingInProductionAfter: table.missingInProduction.count,
      prodCountBefore: previous?.prodCount ?? null,
      prodCountAfter: table.prodCount,
      missingInDevelopmentAfter: table.missingInDevelopment.count,
      differingAfter: table.differing.count,
    };
  });
}

const STATUS_TITLES = {
  committed: 'Sync committed',
  rolled_back: 'Sync rolled back: nothing was written',
  nothing_to_do: 'Nothing to do',
  dry_run: 'Dry run',
} as const;

/**
 * Per-record results of a sync (each record by its name), the counts, and the
 * automatic re-comparison as before → after. When it appears it takes the
 * focus and scrolls into view, and a live region reads out the counts: after
 * Confirm the admin is looking at the outcome, not at an emptied panel.
 */
@Component({
  selector: 'vx-sync-results',
  imports: [
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardContent,
    MatTableModule,
    MatButton,
    RouterLink,
    RecordResultsTable,
  ],
  templateUrl: './sync-results.html',
  styleUrl: './sync-results.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncResults {
  readonly result = input.required<SyncResult>();
  readonly before = input.required<TableComparison[]>();
  readonly summaries = input<ReadonlyMap<string, string>>(new Map());
  readonly dismissed = output<void>();

  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly injector = inject(Injector);

  /** Set after the first render so screen readers announce it as a change. */
  protected readonly announcement = signal('');

  protected readonly title = computed(() => STATUS_TITLES[this.result().status]);
  protected readonly rows = computed(() => beforeAfter(this.before(), this.result().recheck?.tables ?? []));
  protected readonly compareColumns = [
    'table',
    'missingInProduction',
    'prodCount',
    'missingInDevelopment',
    'differing',
  ];

  constructor() {
    effect(() => {
      const result = this.result();
      afterNextRender(
        () => {
          const heading = this.heading()?.nativeElement;
          heading?.scrollIntoView({ block: 'start' });
          heading?.focus({ preventScroll: true });
          const { inserted, skipped, failed } = result.summary;
          this.announcement.set(`${this.title()}: ${inserted} inserted, ${skipped} skipped, ${failed} failed.`);
        },
        { injector: this.injector },
      );
    });
  }
}
