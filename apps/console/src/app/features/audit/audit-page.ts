import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { DatePipe } from '@angular/common';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import {
  AUDIT_EVENT_TYPES,
  AuditEventDto,
  AuditEventType,
  AuditEventsQuery,
  AuditVerifyResponse,
} from '@vantix/contracts';
import { AuditApi } from '../../core/api/audit-api';
import { toApiProblem } from '../../core/api/api-problem';
import { summarizeAuditEvent } from './audit-event-summary';
import { DriftChart } from './drift-chart';
import { ProvenanceSearch } from './provenance-search';

const PAGE_SIZE = 50;

export interface AuditFilterValues {
  type: AuditEventType | '';
  actor: string;
  from: Date | null;
  to: Date | null;
}

/** The filter form as query parameters; the "to" day is included up to its last millisecond. */
export function toAuditQuery(filters: AuditFilterValues): AuditEventsQuery {
  const query: AuditEventsQuery = {};
  if (filters.type) {
    query.type = filters.type;
  }
  if (filters.actor.trim()) {
    query.actor = filters.actor.trim();
  }
  if (filters.from) {
    const from = new Date(filters.from);
    from.setHours(0, 0, 0, 0);
    query.from = from.toISOString();
  }
  if (filters.to) {
    const to = new Date(filters.to);
    to.setHours(23, 59, 59, 999);
    query.to = to.toISOString();
  }
  return query;
}

@Component({
  selector: 'vx-audit-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInput,
    MatProgressBar,
    MatSelectModule,
    MatTableModule,
    MatTabsModule,
    DriftChart,
    ProvenanceSearch,
  ],
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPage {
  private readonly api = inject(AuditApi);

  protected readonly types = AUDIT_EVENT_TYPES;
  protected readonly columns = ['occurredAt', 'type', 'actor', 'summary'];
  protected readonly filters = inject(FormBuilder).nonNullable.group({
    type: ['' as AuditEventType | ''],
    actor: [''],
    from: [null as Date | null],
    to: [null as Date | null],
  });

  protected readonly events = signal<AuditEventDto[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly verification = signal<AuditVerifyResponse | null>(null);
  protected readonly verifyError = signal<string | null>(null);
  protected readonly summarize = summarizeAuditEvent;

  private query: AuditEventsQuery = {};

  constructor() {
    this.search();
    this.verify();
  }

  protected search(): void {
    this.query = toAuditQuery(this.filters.getRawValue());
    this.load(null);
  }

  protected resetFilters(): void {
    this.filters.reset();
    this.search();
  }

  protected load(cursor: string | null): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.events({ ...this.query, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }).subscribe({
      next: (page) => {
        this.events.update((events) => (cursor ? events.concat(page.items) : page.items));
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.error.set(toApiProblem(error).message);
        this.loading.set(false);
      },
    });
  }

  protected verify(): void {
    this.verification.set(null);
    this.verifyError.set(null);
    this.api.verify().subscribe({
      next: (result) => this.verification.set(result),
      error: (error: unknown) => this.verifyError.set(toApiProblem(error).message),
    });
  }
}
