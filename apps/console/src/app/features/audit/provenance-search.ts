import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { CRM_TABLES, RecordProvenance } from '@vantix/contracts';
import { AuditApi } from '../../core/api/audit-api';
import { toApiProblem } from '../../core/api/api-problem';
import { RecordProvenanceView } from '../../shared/provenance/record-provenance';

/** "Where did this Production record come from?": a table and an id, answered by GET /api/audit/provenance. */
@Component({
  selector: 'vx-provenance-search',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatFormFieldModule,
    MatInput,
    MatProgressBar,
    MatSelectModule,
    RecordProvenanceView,
  ],
  templateUrl: './provenance-search.html',
  styleUrl: './provenance-search.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProvenanceSearch {
  private readonly api = inject(AuditApi);
  protected readonly tables = CRM_TABLES;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    table: ['customers', Validators.required],
    // Blanks only is no id either: the same message as an empty field.
    id: ['', [Validators.required, Validators.pattern(/\S/)]],
  });
  protected readonly result = signal<RecordProvenance | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly loading = signal(false);

  protected search(): void {
    const { table, id } = this.form.getRawValue();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.loading.set(true);
    this.error.set(null);
    this.result.set(null);
    this.api.provenance(table, id.trim()).subscribe({
      next: (provenance) => {
        this.result.set(provenance);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.error.set(toApiProblem(error).message);
        this.loading.set(false);
      },
    });
  }
}
