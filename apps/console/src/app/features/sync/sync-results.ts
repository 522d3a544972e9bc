import {
  AfterViewInit,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  input,
  output,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatPaginator } from '@angular/material/paginator';
import { MatTableDataSource, MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { RecordSyncResult, SyncResult, TableComparison } from '@vantix/contracts';

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

/** Per-record results of a sync, the counts, and the automatic re-comparison as before → after. */
@Component({
  selector: 'vx-sync-results',
  imports: [MatCard, MatCardHeader, MatCardTitle, MatCardContent, MatTableModule, MatPaginator, MatButton, RouterLink],
  templateUrl: './sync-results.html',
  styleUrl: './sync-results.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncResults implements AfterViewInit {
  readonly result = input.required<SyncResult>();
  readonly before = input.required<TableComparison[]>();
  readonly summaries = input<ReadonlyMap<string, string>>(new Map());
  readonly dismissed = output<void>();

  private readonly paginator = viewChild(MatPaginator);

  protected readonly title = computed(() => STATUS_TITLES[this.result().status]);
  protected readonly rows = computed(() => beforeAfter(this.before(), this.result().recheck?.tables ?? []));
  protected readonly records = new MatTableDataSource<RecordSyncResult>([]);
  protected readonly recordColumns = ['status', 'table', 'record', 'reason'];
  protected readonly compareColumns = [
    'table',
    'missingInProduction',
    'prodCount',
    'missingInDevelopment',
    'differing',
  ];

  constructor() {
    effect(() => {
      this.records.data = this.result().results;
    });
  }

  ngAfterViewInit(): void {
    this.records.paginator = this.paginator() ?? null;
  }
}
