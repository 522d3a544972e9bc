import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { DatePipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { RecordProvenance } from '@vantix/contracts';

/**
 * Where a Production record came from (GET /api/audit/provenance): the sync
 * that inserted it — when, who asked, who approved, why, from which
 * comparison — or that Vantix Sync never wrote it. Shown in the record detail
 * and in the audit page's search.
 */
@Component({
  selector: 'vx-record-provenance',
  imports: [DatePipe, RouterLink],
  templateUrl: './record-provenance.html',
  styleUrl: './record-provenance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordProvenanceView {
  readonly provenance = input.required<RecordProvenance>();

  protected approvers(write: RecordProvenance['writes'][number]): string {
    return write.approvedBy.length === 0
      ? 'no approval required'
      : write.approvedBy.map((a) => a.actorEmail ?? a.actorId ?? 'unknown').join(', ');
  }
}
