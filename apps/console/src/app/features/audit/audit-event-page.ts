import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { DatePipe, JsonPipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBar } from '@angular/material/progress-bar';
import { AuditEventDto } from '@vantix/contracts';
import { AuditApi } from '../../core/api/audit-api';
import { toApiProblem } from '../../core/api/api-problem';
import { comparisonIdOf, recheckComparisonIdOf, summarizeAuditEvent } from './audit-event-summary';

/** One audit event: its fields, the payload as JSON, and the comparison it concerns. */
@Component({
  selector: 'vx-audit-event-page',
  imports: [DatePipe, JsonPipe, RouterLink, MatButton, MatCardModule, MatProgressBar],
  templateUrl: './audit-event-page.html',
  styleUrl: './audit-event-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditEventPage {
  /** Route parameter. */
  readonly id = input.required<string>();

  private readonly api = inject(AuditApi);
  protected readonly event = signal<AuditEventDto | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly comparisonId = computed(() => {
    const event = this.event();
    return event ? comparisonIdOf(event) : null;
  });
  protected readonly recheckId = computed(() => {
    const event = this.event();
    return event ? recheckComparisonIdOf(event) : null;
  });
  protected readonly summary = computed(() => {
    const event = this.event();
    return event ? summarizeAuditEvent(event) : '';
  });

  constructor() {
    effect((onCleanup) => {
      const id = this.id();
      this.event.set(null);
      this.error.set(null);
      const subscription = this.api.event(id).subscribe({
        next: (event) => this.event.set(event),
        error: (error: unknown) => this.error.set(toApiProblem(error).message),
      });
      onCleanup(() => subscription.unsubscribe());
    });
  }
}
