import type { AuditLog } from '@vantix/audit';
import type { AuditActor } from '@vantix/contracts';
import type { ComparisonStore, SyncStore } from '@vantix/report-store';
import type { CrmDatabase } from '@vantix/sync-core';
import type { Semaphore } from './semaphore';

/** What the audited operations run on: both CRM databases, the audit log and the report store. */
export interface OperationResources {
  dev: CrmDatabase;
  prod: CrmDatabase;
  audit: AuditLog;
  store: ComparisonStore;
  /** Every sync request (dry runs aside), its plan, reason and results. */
  syncs: SyncStore;
  /**
   * Bounds how many comparisons run at once, a sync's re-comparison included
   * (each holds a read transaction on both databases). None: no bound.
   */
  comparisonSlots?: Semaphore;
}

/** Who asked, from where; recorded in every event of the operation. */
export interface OperationContext {
  actor: AuditActor;
  requestId: string | null;
  /** The X-Request-Id the client sent, kept beside the server's own requestId. */
  clientRequestId?: string | null;
  clientIp: string | null;
  /** Where the request came from, when not the API (e.g. `cli`). */
  via?: string;
}

/** The fields every event of an operation carries, and the `via` its payloads carry when given. */
export function eventFields(context: OperationContext) {
  return {
    event: {
      actor: context.actor,
      requestId: context.requestId,
      clientRequestId: context.clientRequestId ?? null,
      clientIp: context.clientIp,
    },
    via: context.via ? { via: context.via } : {},
  };
}
