import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  afterRenderEffect,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { DatePipe } from '@angular/common';
import { CdkFixedSizeVirtualScroll, CdkVirtualForOf, CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTooltip } from '@angular/material/tooltip';
import { RecordEntry } from '@vantix/contracts';
import { DependencyIndex, countOf } from '../review/dependency-index';
import { RecordDetailData, RecordDetailPanel } from '../review/record-detail-panel';
import { RecordFeed } from './record-feed';
import { SyncSelection } from './sync-selection';

const ROW_HEIGHT = 48;
/** Rows in view at most; more scroll inside the viewport. */
const VISIBLE_ROWS = 8;

const KIND_LABELS = {
  missingInProduction: 'missing in Production',
  missingInDevelopment: 'missing in Development',
  differing: 'differing',
} as const;

export type SortKey = 'summary' | 'id' | 'createdAt';
export type DependencyFilter = 'all' | 'needsParents' | 'ready';

/** Lower-cased text a search matches against: summary, id and changed columns. */
function searchText(record: RecordEntry): string {
  return `${record.summary} ${record.id} ${(record.columns ?? []).join(' ')}`.toLowerCase();
}

/** Sorted copy; nulls (no created_at) last in either direction. */
export function sortRecords(records: readonly RecordEntry[], key: SortKey, direction: 'asc' | 'desc'): RecordEntry[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...records].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === y) {
      return 0;
    }
    if (x === null) {
      return 1;
    }
    if (y === null) {
      return -1;
    }
    return sign * (x < y ? -1 : 1);
  });
}

/**
 * One record list as a grid: column headers that sort (summary, id, created),
 * flags per row (parent missing in Production, children coming along, admin
 * accounts, changed columns), a search and — for lists that can be synced — a
 * "needs parents / ready to sync" filter and checkboxes. Rows sit in a CDK
 * virtual scroll viewport (only the rows in view are in the DOM, so 5,000
 * records scroll smoothly); the summary opens the record's detail.
 */
@Component({
  selector: 'vx-record-list',
  imports: [
    DatePipe,
    CdkVirtualScrollViewport,
    CdkFixedSizeVirtualScroll,
    CdkVirtualForOf,
    MatCheckbox,
    MatFormField,
    MatLabel,
    MatInput,
    MatProgressBar,
    MatButton,
    MatTooltip,
  ],
  templateUrl: './record-list.html',
  styleUrl: './record-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordList implements OnInit {
  readonly feed = input.required<RecordFeed>();
  readonly selection = input<SyncSelection | null>(null);
  readonly dependencies = input<DependencyIndex | null>(null);

  private readonly dialog = inject(MatDialog);

  protected readonly query = signal('');
  protected readonly filter = signal<DependencyFilter>('all');
  protected readonly sort = signal<{ key: SortKey; direction: 'asc' | 'desc' } | null>(null);
  protected readonly rowHeight = ROW_HEIGHT;
  protected readonly countOf = countOf;
  protected readonly kindLabel = computed(() => KIND_LABELS[this.feed().kind]);
  /**
   * The table, and the list's kind unless it is the sync's (missing in
   * Production): two selectable lists of one table — the sync's and the
   * refresh's (missing in Development) — keep apart test ids.
   */
  protected readonly testKey = computed(() =>
    this.feed().kind === 'missingInProduction' ? this.feed().table : `${this.feed().table}-${this.feed().kind}`,
  );
  protected readonly filtered = computed(() => {
    const records = this.feed().records();
    const query = this.query().trim().toLowerCase();
    const filter = this.filter();
    const deps = this.dependencies();
    const table = this.feed().table;
    let shown = query ? records.filter((record) => searchText(record).includes(query)) : records;
    if (filter !== 'all' && deps?.loaded) {
      const needs = filter === 'needsParents';
      shown = shown.filter((record) => deps.needsParents(table, record.id) === needs);
    }
    const sort = this.sort();
    return sort ? sortRecords(shown, sort.key, sort.direction) : shown;
  });

  /** Short lists take only the room they need; long ones scroll inside a fixed height. */
  protected readonly viewportHeight = computed(
    () => Math.max(1, Math.min(VISIBLE_ROWS, this.filtered().length)) * ROW_HEIGHT + 2,
  );
  private readonly viewport = viewChild(CdkVirtualScrollViewport);

  constructor() {
    // The viewport measures itself once; tell it when its height changed.
    afterRenderEffect(() => {
      this.viewportHeight();
      this.viewport()?.checkViewportSize();
    });
  }

  ngOnInit(): void {
    this.feed().start();
  }

  protected trackById(_index: number, record: RecordEntry): string {
    return record.id;
  }

  protected onSearch(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
  }

  protected onFilter(event: Event): void {
    this.filter.set((event.target as HTMLSelectElement).value as DependencyFilter);
  }

  /** Click on a header: ascending, then descending, then back to the report's order. */
  protected toggleSort(key: SortKey): void {
    const current = this.sort();
    if (current?.key !== key) {
      this.sort.set({ key, direction: 'asc' });
    } else if (current.direction === 'asc') {
      this.sort.set({ key, direction: 'desc' });
    } else {
      this.sort.set(null);
    }
  }

  protected ariaSort(key: SortKey): 'ascending' | 'descending' | 'none' {
    const sort = this.sort();
    return sort?.key === key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  }

  protected childText(record: RecordEntry): string {
    return (this.dependencies()?.childCounts(this.feed().table, record.id) ?? [])
      .map(({ table, count }) => countOf(table, count))
      .join(', ');
  }

  protected selectWithChildren(record: RecordEntry): void {
    const table = this.feed().table;
    this.selection()?.selectMany([
      { table, id: record.id },
      ...(this.dependencies()?.children(table, record.id) ?? []),
    ]);
  }

  protected openDetail(record: RecordEntry): void {
    const feed = this.feed();
    const selection = this.selection();
    const data: RecordDetailData = {
      comparisonId: feed.comparisonId,
      table: feed.table,
      id: record.id,
      kind: feed.kind,
      select: selection
        ? { isSelected: (t, id) => selection.isSelected(t, id), selectMany: (r) => selection.selectMany(r) }
        : undefined,
    };
    this.dialog.open(RecordDetailPanel, {
      data,
      position: { right: '0', top: '0' },
      height: '100dvh',
      width: 'min(760px, 100vw)',
      maxWidth: '100vw',
      panelClass: 'vx-side-sheet',
      ariaLabel: `Details of ${feed.table} record ${record.summary}`,
      autoFocus: 'first-tabbable',
      restoreFocus: true,
    });
  }
}
