import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { RefreshPlan, SYNC_REASON_MAX, SYNC_REASON_MIN } from '@vantix/contracts';

export interface ConfirmRefreshData {
  /** The dry run's plan: the records, the parents it adds and the data rules per table. */
  plan: RefreshPlan;
  /** `table:id` → the record's name, for the records the lists have loaded. */
  names: ReadonlyMap<string, string>;
}

/** The reason the admin gave; closing the dialog any other way refreshes nothing. */
export interface ConfirmRefreshDecision {
  reason: string;
}

/**
 * The confirmation before a refresh writes: the Development database by name,
 * every record it inserts (by name where the list knows it, parents marked),
 * the data rules that apply per table, and the reason. Cancel has the focus.
 */
@Component({
  selector: 'vx-confirm-refresh-dialog',
  imports: [MatDialogModule, MatButton, MatFormField, MatLabel, MatHint, MatInput],
  templateUrl: './confirm-refresh-dialog.html',
  styleUrl: './confirm-refresh-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmRefreshDialog {
  protected readonly data = inject<ConfirmRefreshData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ConfirmRefreshDialog, ConfirmRefreshDecision>>(MatDialogRef);

  protected readonly min = SYNC_REASON_MIN;
  protected readonly max = SYNC_REASON_MAX;
  protected readonly reason = signal('');
  protected readonly reasonValid = computed(() => {
    const length = this.reason().trim().length;
    return length >= SYNC_REASON_MIN && length <= SYNC_REASON_MAX;
  });

  protected readonly records = computed(() =>
    this.data.plan.tables.flatMap((t) => [
      ...t.selected.map((id) => ({ table: t.table, id, name: this.name(t.table, id), parent: false })),
      ...t.addedParents.map((id) => ({ table: t.table, id, name: this.name(t.table, id), parent: true })),
    ]),
  );

  protected readonly rules = computed(() => this.data.plan.dataRules.filter((t) => t.columns.length > 0));

  protected onReason(event: Event): void {
    this.reason.set((event.target as HTMLTextAreaElement).value);
  }

  protected confirm(): void {
    if (this.reasonValid()) {
      this.ref.close({ reason: this.reason().trim() });
    }
  }

  private name(table: string, id: string): string {
    return this.data.names.get(`${table}:${id}`) ?? id;
  }
}
