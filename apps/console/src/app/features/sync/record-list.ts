import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  afterRenderEffect,
  computed,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { DatePipe } from '@angular/common';
import { CdkFixedSizeVirtualScroll, CdkVirtualForOf, CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RecordEntry } from '@vantix/contracts';
import { RecordFeed } from './record-feed';
import { SyncSelection } from './sync-selection';

const ROW_HEIGHT = 52;
/** Rows in view at most; more scroll inside the viewport. */
const VISIBLE_ROWS = 7;

const KIND_LABELS = {
  missingInProduction: 'missing in Production',
  missingInDevelopment: 'missing in Development',
  differing: 'differing',
} as const;

/** Lower-cased text a search matches against: summary, id and changed columns. */
function searchText(record: RecordEntry): string {
  return `${record.summary} ${record.id} ${(record.columns ?? []).join(' ')}`.toLowerCase();
}

/**
 * One record list with a search box in a CDK virtual scroll viewport (only the
 * rows in view are in the DOM, so 5,000 records scroll smoothly). With a
 * `selection` the rows get checkboxes and the header a "Select all"; without, it
 * is read-only.
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
  ],
  templateUrl: './record-list.html',
  styleUrl: './record-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordList implements OnInit {
  readonly feed = input.required<RecordFeed>();
  readonly selection = input<SyncSelection | null>(null);

  protected readonly query = signal('');
  protected readonly rowHeight = ROW_HEIGHT;
  protected readonly kindLabel = computed(() => KIND_LABELS[this.feed().kind]);
  protected readonly filtered = computed(() => {
    const records = this.feed().records();
    const query = this.query().trim().toLowerCase();
    return query ? records.filter((record) => searchText(record).includes(query)) : records;
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
}
