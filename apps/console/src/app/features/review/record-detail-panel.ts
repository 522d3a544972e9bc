import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { DatePipe, NgTemplateOutlet } from '@angular/common';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import {
  LiveRecordState,
  RecordColumnDetail,
  RecordDetail,
  RecordKind,
  RecordProvenance,
  RecordRef,
} from '@vantix/contracts';
import { AuditApi } from '../../core/api/audit-api';
import { ReviewApi } from '../../core/api/review-api';
import { RecordProvenanceView } from '../../shared/provenance/record-provenance';
import { toApiProblem } from '../../core/api/api-problem';
import { countOf } from './dependency-index';

export interface RecordDetailData {
  comparisonId: string;
  table: string;
  id: string;
  /** The list the record was opened from. */
  kind: RecordKind;
  /** Present when the record can be selected for the sync (a row of "missing in Production"). */
  select?: {
    isSelected(table: string, id: string): boolean;
    selectMany(records: readonly RecordRef[]): void;
  };
}

/** Above this many characters a value gets its own scrollable box instead of a plain cell. */
const LONG_VALUE = 160;

const STATE_TEXT: Record<LiveRecordState, string> = {
  missingInProduction: 'in Development only (missing in Production)',
  missingInDevelopment: 'in Production only (missing in Development)',
  differing: 'on both sides, with different values',
  identical: 'on both sides, identical',
  absent: 'on neither side',
};

/**
 * One record, read live on both sides: every column with its value (secrets
 * masked, long text scrollable), Development and Production side by side with
 * the changed cells marked, its parents with their status in Production and
 * its children in Development. Opened as a side sheet from any list row.
 */
@Component({
  selector: 'vx-record-detail-panel',
  imports: [
    DatePipe,
    NgTemplateOutlet,
    MatButton,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatProgressBar,
    RecordProvenanceView,
  ],
  templateUrl: './record-detail-panel.html',
  styleUrl: './record-detail-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordDetailPanel implements OnInit {
  protected readonly data = inject<RecordDetailData>(MAT_DIALOG_DATA);
  private readonly api = inject(ReviewApi);
  private readonly dialogRef = inject(MatDialogRef<RecordDetailPanel>);
  private readonly audit = inject(AuditApi);

  protected readonly detail = signal<RecordDetail | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly provenance = signal<RecordProvenance | null>(null);
  protected readonly provenanceError = signal<string | null>(null);
  protected readonly longValue = LONG_VALUE;
  protected readonly countOf = countOf;

  /** Both sides have the record: the split view. */
  protected readonly split = computed(() => {
    const state = this.detail()?.state;
    return state === 'differing' || state === 'identical';
  });
  /** Production has the record now: its provenance is worth showing. */
  protected readonly inProduction = computed(() => {
    const state = this.detail()?.state;
    return state === 'differing' || state === 'identical' || state === 'missingInDevelopment';
  });
  protected readonly changedCount = computed(() => this.detail()?.columns.filter((c) => c.differs).length ?? 0);
  protected readonly stateText = computed(() => {
    const state = this.detail()?.state;
    return state ? STATE_TEXT[state] : '';
  });
  /** The children Production lacks, for "select with its notes and files". */
  protected readonly missingChildren = computed(() =>
    (this.detail()?.children ?? []).flatMap((c) => c.missingInProduction.map(({ table, id }) => ({ table, id }))),
  );
  protected readonly childrenText = computed(() =>
    (this.detail()?.children ?? [])
      .filter((c) => c.missingInProductionCount > 0)
      .map((c) => countOf(c.table, c.missingInProductionCount))
      .join(', '),
  );
  protected readonly canSelect = computed(
    () => Boolean(this.data.select) && this.detail()?.state === 'missingInProduction',
  );

  ngOnInit(): void {
    this.api.detail(this.data.comparisonId, this.data.table, this.data.id, this.data.kind).subscribe({
      next: (detail) => {
        this.detail.set(detail);
        if (this.inProduction()) {
          this.loadProvenance();
        }
      },
      error: (error: unknown) => this.error.set(toApiProblem(error).message),
    });
  }

  private loadProvenance(): void {
    this.audit.provenance(this.data.table, this.data.id).subscribe({
      next: (provenance) => this.provenance.set(provenance),
      error: (error: unknown) => this.provenanceError.set(toApiProblem(error).message),
    });
  }

  protected isLong(column: RecordColumnDetail): boolean {
    return (column.development?.length ?? 0) > LONG_VALUE || (column.production?.length ?? 0) > LONG_VALUE;
  }

  protected selectRecord(withChildren: boolean): void {
    const select = this.data.select;
    if (!select) {
      return;
    }
    select.selectMany([{ table: this.data.table, id: this.data.id }, ...(withChildren ? this.missingChildren() : [])]);
    this.dialogRef.close();
  }
}
