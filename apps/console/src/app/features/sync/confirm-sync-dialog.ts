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
  RefusedRecord,
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
  /** The admin opted in to copy the admin accounts the plan shows (with their password hashes). */
  allowAdminAccounts: boolean;
  /** What the plan was made for: the panel's selection less any refused records the admin left out. */
  selections: Selection[];
}

type PlanState =
  | { kind: 'planning' }
  | { kind: 'plan'; plan: SyncPlan; nothingToDo: boolean }
  | { kind: 'missing-parents'; message: string; parents: MissingParent[] }
  /** The selection holds admin accounts and the admin has not opted in to copy them. */
  | { kind: 'admin-accounts'; message: string; accounts: RecordRef[] }
  /** Records Production cannot take as they are (unique keys it already has, values that do not fit). */
  | { kind: 'refused'; message: string; refused: RefusedRecord[] }
  | { kind: 'error'; message: string };

/** How many parents the dialog names before "and N more". */
const PARENT_PREVIEW = 12;
/** How many of the records to be written the dialog names before "and N more". */
const RECORD_PREVIEW = 20;
/** How many refused records (and admin accounts) the dialog names before "and N more". */
const REFUSED_PREVIEW = 20;

/**
 * The selection without the refused records, or null when that cannot be
 * said: a refused record that was not picked by id (a parent brought along,
 * or a table selected with "all", which the API cannot narrow).
 */
export function withoutRefused(selections: readonly Selection[], refused: readonly RecordRef[]): Selection[] | null {
  const byTable = new Map(selections.map((s) => [s.table, s]));
  const leaveOut = new Set(refused.map((r) => recordKey(r.table, r.id)));
  for (const record of refused) {
    const selection = byTable.get(record.table);
    if (!selection || !('ids' in selection) || !selection.ids.includes(record.id)) {
      return null;
    }
  }
  return selections
    .map((s) => ('ids' in s ? { table: s.table, ids: s.ids.filter((id) => !leaveOut.has(recordKey(s.table, id))) } : s))
    .filter((s) => !('ids' in s) || s.ids.length > 0);
}

/** The admin accounts of an InvalidSelectionError (400 `details.invalid`), when they are its only cause. */
export function adminAccountsOf(details: Record<string, unknown> | undefined): RecordRef[] | null {
  const invalid = details?.['invalid'];
  if (!Array.isArray(invalid) || invalid.length === 0) {
    return null;
  }
  const entries = invalid as { table: string; id: string | null; reason: string }[];
  // The API's reason for a privileged account starts so (sync-core InvalidSelectionReason.privilegedAccount).
  return entries.every((e) => e.id !== null && e.reason.startsWith('an admin account'))
    ? entries.map((e) => ({ table: e.table, id: e.id as string }))
    : null;
}

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
  protected readonly allowAdminAccounts = signal(false);
  /** The selection the dry run plans: the panel's, less the refused records the admin chose to leave out. */
  private readonly selections = signal<Selection[]>([]);
  /** Records left out because Production refused them: named in the plan. */
  protected readonly leftOut = signal<RecordRef[]>([]);
  /** The selection without the refused records, when the dialog can leave them out itself. */
  protected readonly narrowed = computed(() => {
    const state = this.state();
    return state.kind === 'refused' ? withoutRefused(this.selections(), state.refused) : null;
  });
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
  protected readonly refusedPreviewSize = REFUSED_PREVIEW;

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
  protected readonly adminCount = computed(() => {
    const state = this.state();
    return state.kind === 'plan' ? state.plan.adminAccounts.count : 0;
  });
  protected readonly mustType = computed(() => requiresTypedConfirmation(this.recordCount(), this.adminCount()));
  protected readonly parentCount = computed(() => {
    const state = this.state();
    return state.kind === 'plan' ? state.plan.tables.reduce((sum, t) => sum + t.addedParents.length, 0) : 0;
  });
  protected readonly confirmable = computed(() => {
    const state = this.state();
    return (
      state.kind === 'plan' &&
      !state.nothingToDo &&
      canConfirm(state.plan.total, this.data.productionTarget, this.typed(), state.plan.adminAccounts.count) &&
      this.reasonValid()
    );
  });

  ngOnInit(): void {
    this.names.remember(this.data.summaries);
    this.selections.set(this.data.selections);
    this.plan(false);
  }

  /**
   * Dry run: the API resolves "all", orders parents first, checks foreign
   * keys, admin accounts, unique keys and values, and names the sequences it
   * will advance and the columns it cannot copy.
   */
  protected plan(includeParents: boolean, allowAdminAccounts = this.allowAdminAccounts()): void {
    this.includeParents.set(includeParents);
    this.allowAdminAccounts.set(allowAdminAccounts);
    this.state.set({ kind: 'planning' });
    this.api
      .sync({
        comparisonId: this.data.comparisonId,
        confirm: true,
        dryRun: true,
        includeParents,
        allowAdminAccounts,
        selections: this.selections(),
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
          const admins = result.plan.adminAccounts.ids.slice(0, REFUSED_PREVIEW).map((id) => ({ table: 'users', id }));
          this.names.resolve([...parents, ...this.planned().refs, ...admins]).subscribe();
          if (includeParents || allowAdminAccounts) {
            // "Include parents" is gone once the new plan shows: put the focus back on the safe choice.
            afterNextRender(() => this.cancelButton()?.nativeElement.focus(), { injector: this.injector });
          }
        },
        error: (error: unknown) => {
          const problem = toApiProblem(error);
          const parents = problem.details?.['missingParents'];
          const refused = problem.details?.['refused'];
          const admins = problem.status === 400 ? adminAccountsOf(problem.details) : null;
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
          } else if (admins) {
            this.state.set({ kind: 'admin-accounts', message: problem.message, accounts: admins });
            this.names.resolve(admins.slice(0, REFUSED_PREVIEW)).subscribe();
          } else if (problem.status === 400 && Array.isArray(refused) && refused.length > 0) {
            const records = refused as RefusedRecord[];
            this.state.set({ kind: 'refused', message: problem.message, refused: records });
            this.names
              .resolve(
                records
                  .slice(0, REFUSED_PREVIEW)
                  .flatMap((r) => [{ table: r.table, id: r.id }, ...(r.conflictsWith ? [r.conflictsWith] : [])]),
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

  /** "Leave these out": plan again without the refused records (all of them refused: nothing is left to plan). */
  protected leaveOutRefused(): void {
    const state = this.state();
    const narrowed = this.narrowed();
    if (state.kind !== 'refused' || narrowed === null) {
      return;
    }
    this.leftOut.update((before) => [...before, ...state.refused.map((r) => ({ table: r.table, id: r.id }))]);
    this.selections.set(narrowed);
    if (narrowed.length === 0) {
      this.state.set({ kind: 'error', message: 'Production refused every selected record: nothing is left to write.' });
      return;
    }
    this.plan(this.includeParents());
  }

  /** Why Production refuses a record, in words that name records rather than ids. */
  protected refusal(record: RefusedRecord): string {
    if (record.conflictsWith && record.constraint) {
      const other = this.describe(record.conflictsWith.table, record.conflictsWith.id);
      const key = record.column ? `the same ${record.column}` : 'the same unique key';
      return record.reason.startsWith('selected record')
        ? `another selected record, ${other}, has ${key} (unique key “${record.constraint}”)`
        : `Production already has ${other} with ${key} (unique key “${record.constraint}”)`;
    }
    return record.reason;
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
        allowAdminAccounts: this.allowAdminAccounts(),
        selections: this.selections(),
      });
    }
  }
}
