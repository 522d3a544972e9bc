import {
  AfterViewInit,
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  untracked,
  viewChild,
} from '@angular/core';
import { MatPaginator, PageEvent } from '@angular/material/paginator';
import { MatTableDataSource, MatTableModule } from '@angular/material/table';
import { RecordSyncResult } from '@vantix/contracts';
import { RecordNames, recordKey } from '../../features/review/record-names';

/** What the reason cell says: the result's reason, and for a record changed since review, which columns changed. */
export function describeResult(row: RecordSyncResult): string {
  return row.columns && row.columns.length > 0 ? `${row.reason ?? ''}: ${row.columns.join(', ')}` : (row.reason ?? '');
}

/**
 * The per-record results of a sync or a refresh, paged: status, table, the
 * record by its name (the id beside it, never alone) and the reason. Names the
 * console has not loaded yet (parents, "select all", a reloaded page) are
 * asked for one page at a time.
 */
@Component({
  selector: 'vx-record-results-table',
  imports: [MatTableModule, MatPaginator],
  templateUrl: './record-results-table.html',
  styles: ['.records { width: 100%; }'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordResultsTable implements AfterViewInit {
  readonly results = input.required<readonly RecordSyncResult[]>();
  /** data-testid of the table, which the browser tests find it by. */
  readonly testId = input.required<string>();
  readonly pageSize = input(25);
  /** Names already known to the caller (e.g. the records the sync panel loaded), used until RecordNames has one. */
  readonly knownNames = input<ReadonlyMap<string, string>>(new Map());

  private readonly names = inject(RecordNames);
  private readonly paginator = viewChild(MatPaginator);
  protected readonly records = new MatTableDataSource<RecordSyncResult>([]);
  protected readonly columns = ['status', 'table', 'record', 'reason'];
  protected readonly describe = describeResult;

  constructor() {
    effect(() => {
      const results = this.results();
      const pageSize = this.pageSize();
      this.records.data = [...results];
      // Untracked: the names it reads change when they arrive, which must not ask again.
      untracked(() => this.nameRows(0, pageSize));
    });
  }

  ngAfterViewInit(): void {
    this.records.paginator = this.paginator() ?? null;
  }

  protected nameOf(row: RecordSyncResult): string {
    const key = recordKey(row.table, row.id);
    return this.names.names().get(key) ?? this.knownNames().get(key) ?? 'unnamed record';
  }

  protected onPage(event: PageEvent): void {
    this.nameRows(event.pageIndex * event.pageSize, event.pageSize);
  }

  private nameRows(start: number, size: number): void {
    this.names.resolve(this.results().slice(start, start + size)).subscribe();
  }
}
