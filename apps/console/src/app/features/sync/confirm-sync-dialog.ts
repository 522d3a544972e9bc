import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  OnInit,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { A11yModule } from '@angular/cdk/a11y';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import {
  MissingParent,
  RecordRef,
  Selection,
  SYNC_REASON_MAX,
  SYNC_REASON_MIN,
  SyncPlan,
  TableColumns,
} from '@vantix/contracts';
import { SyncApi } from '../../core/api/sync-api';
import { toApiProblem } from '../../core/api/api-problem';
import { RecordNames, recordKey } from '../review/record-names';
import { canConfirm, requiresTypedConfirmation } from './confirmation-rule';

export interface ConfirmSyncData {
  comparisonId: string;
  selections: Selection[];
  /** What the panel counted; the plan's total is what counts once it is in. */
  selectedCount: number;
  /** `host:port/database` of Production as the status bar shows it (/api/health): what a large sync wants typed. */
  productionTarget: string;
  productionDatabase: string;
  /** Summaries of records the panel has loaded, by `table:id`, to name parents by more than a key. */
  summaries: ReadonlyMap<string, string>;
}

/** Returned on Confirm; Cancel, Escape and a backdrop click return undefined. */
export interface ConfirmSyncDecision {
  includeParents: boolean;
  /** The plan's Development-only columns, shown in the dialog: confirming acknowledges exactly them. */
  acknowledgeDroppedColumns: TableColumns[];
  /** Why the sync is needed, as typed (10–1,000 characters): stored with the sync and audited. */
  reason: string;
}

type PlanState =
  | { kind: 'planning' }
  | { kind: 'plan'; plan: SyncPlan; nothingToDo: boolean }
  | { kind: 'missing-parents'; message: string; parents: MissingParent[] }
  | { kind: 'error'; message: string };

/** How many parents the dialog names before "and N more". */
const PARENT_PREVIEW = 12;
/** How many of the records to be written the dialog names before "and N more". */
const RECORD_PREVIEW = 20;

/**
 * The last stop before Production is written: shows the dry-run plan (or the
 * refusal for missing parents), names the Production database, and for large
 * syncs asks for that name to be typed. Cancel takes the focus when it opens.
 */
@Component({
  selector: 'vx-confirm-sync-dialog',
  imports: [
    A11yModule,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatButton,
    MatFormField,
    MatLabel,
    MatHint,
    MatInput,
    MatProgressBar,
  ],
  templateUrl: './confirm-sync-dialog.html',
  styleUrl: './confirm-sync-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmSyncDialog implements OnInit {
  protected readonly data = inject<ConfirmSyncData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ConfirmSyncDialog, ConfirmSyncDecision>>(MatDialogRef);
  private readonly api = inject(SyncApi);
  private readonly injector = inject(Injector);
  private readonly cancelButton = viewChild('cancelButton', { read: ElementRef<HTMLButtonElement> });
  private readonly names = inject(RecordNames);

  protected readonly includeParents = signal(false);
  protected readonly state = signal<PlanState>({ kind: 'planning' });
  protected readonly typed = signal('');
  protected readonly reason = signal('');
  protected readonly reasonMin = SYNC_REASON_MIN;
  protected readonly reasonMax = SYNC_REASON_MAX;
  protected readonly reasonValid = computed(() => {
    const length = this.reason().trim().length;
    return length >= SYNC_REASON_MIN && length <= SYNC_REASON_MAX;
  });
  protected readonly previewSize = PARENT_PREVIEW;
  protected readonly recordPreviewSize = RECORD_PREVIEW;

  /** The records the plan writes, in insert order (parents first), the first RECORD_PREVIEW of them. */
  protected readonly planned = computed<{ refs: (RecordRef & { parent: boolean })[]; total: number }>(() => {
    const state = this.state();
    if (state.kind !== 'plan') {
      return { refs: [], total: 0 };
    }
    const refs = state.plan.tables.flatMap((t) => [
      ...t.addedParents.map((id) => ({ table: t.table, id, parent: true })),
      ...t.selected.map((id) => ({ table: t.table, id, parent: false })),
    ]);
    return { refs: refs.slice(0, RECORD_PREVIEW), total: refs.length };
  });
  /** File records carry storage keys; the files behind them stay where they are. */
  protected readonly fileRecords = computed(() => {
    const state = this.state();
    return state.kind === 'plan'
      ? state.plan.tables
          .filter((t) => t.table === 'customer_files')
          .reduce((sum, t) => sum + t.selected.length + t.addedParents.length, 0)
      : 0;
  });

  protected readonly recordCount = computed(() => {
    const state = this.state();
    return state.kind === 'plan' ? state.plan.total : this.data.selectedCount;
  });
  protected readonly mustType = computed(() => requiresTypedConfirmation(this.recordCount()));
  protected readonly parentCount = computed(() => {
    const state = this.state();
    return state.kind === 'plan' ? state.plan.tables.reduce((sum, t) => sum + t.addedParents.length, 0) : 0;
  });
  protected readonly confirmable = computed(() => {
    const state = this.state();
    return (
      state.kind === 'plan' &&
      !state.nothingToDo &&
      canConfirm(state.plan.total, this.data.productionTarget, this.typed()) &&
      this.reasonValid()
    );
  });

  ngOnInit(): void {
    this.names.remember(this.data.summaries);
    this.plan(false);
  }

  /** Dry run: the API resolves "all", orders parents first and checks foreign keys. */
  protected plan(includeParents: boolean): void {
    this.includeParents.set(includeParents);
    this.state.set({ kind: 'planning' });
    this.api
      .sync({
        comparisonId: this.data.comparisonId,
        confirm: true,
        dryRun: true,
        includeParents,
        selections: this.data.selections,
      })
      .subscribe({
        next: (result) => {
          this.state.set({
            kind: 'plan',
            plan: result.plan,
            nothingToDo: result.status === 'nothing_to_do' || result.plan.total === 0,
          });
          const parents = result.plan.tables.flatMap((t) =>
            t.addedParents.slice(0, PARENT_PREVIEW).map((id) => ({ table: t.table, id })),
          );
          this.names.resolve([...parents, ...this.planned().refs]).subscribe();
          if (includeParents) {
            // "Include parents" is gone once the new plan shows: put the focus back on the safe choice.
            afterNextRender(() => this.cancelButton()?.nativeElement.focus(), { injector: this.injector });
          }
        },
        error: (error: unknown) => {
          const problem = toApiProblem(error);
          const parents = problem.details?.['missingParents'];
          if (problem.status === 409 && Array.isArray(parents)) {
            const missing = parents as MissingParent[];
            this.state.set({ kind: 'missing-parents', message: problem.message, parents: missing });
            this.names
              .resolve(
                missing
                  .slice(0, PARENT_PREVIEW)
                  .flatMap((p) => [{ table: p.table, id: p.id }, ...p.neededBy.slice(0, 2)]),
              )
              .subscribe();
          } else {
            this.state.set({ kind: 'error', message: problem.message });
          }
        },
      });
  }

  /** A record by its name, the id after it; a record no side has a name for says so. */
  protected describe(table: string, id: string): string {
    const summary = this.names.names().get(recordKey(table, id));
    return summary ? `${summary} (${id})` : `unnamed ${table} record (${id})`;
  }

  protected nameOf(table: string, id: string): string | undefined {
    return this.names.names().get(recordKey(table, id));
  }

  /** A selected record in a sentence: its summary cut short, or its table and id. */
  protected shortSummary(table: string, id: string): string {
    const summary = this.names.names().get(recordKey(table, id));
    if (!summary) {
      return `${table} ${id}`;
    }
    return summary.length > 60 ? `${summary.slice(0, 59)}…` : summary;
  }

  protected onReason(event: Event): void {
    this.reason.set((event.target as HTMLTextAreaElement).value);
  }

  protected onTyped(event: Event): void {
    this.typed.set((event.target as HTMLInputElement).value);
  }

  protected confirm(): void {
    if (this.confirmable()) {
      const state = this.state();
      this.dialogRef.close({
        includeParents: this.includeParents(),
        acknowledgeDroppedColumns: state.kind === 'plan' ? state.plan.droppedColumns : [],
        reason: this.reason().trim(),
      });
    }
  }
}
