import { Module } from '@nestjs/common';
import { AUDIT_DATABASE, AuditDatabase, AuditLog } from '@vantix/audit';
import { OperationResources, Semaphore } from '@vantix/audited-operations';
import { ComparisonStore, SyncStore } from '@vantix/report-store';
import { CrmDatabase, DEV_DATABASE, PROD_DATABASE } from '@vantix/sync-core';

/** Injection token of what the audited comparison and sync run on. */
export const OPERATIONS = Symbol('OPERATIONS');

/**
 * How many comparisons run at once, a sync's re-comparison included; the rest
 * wait their turn. Each keeps a read transaction open on both databases, so
 * twenty at once would only make all of them slower and hold twenty snapshots.
 */
const CONCURRENT_COMPARISONS = 2;

/** The report store and the resources of the audited operations, shared by the comparison and sync endpoints. */
@Module({
  providers: [
    {
      provide: ComparisonStore,
      inject: [AUDIT_DATABASE],
      useFactory: (db: AuditDatabase) => new ComparisonStore(db),
    },
    {
      provide: SyncStore,
      inject: [AUDIT_DATABASE],
      useFactory: (db: AuditDatabase) => new SyncStore(db),
    },
    {
      provide: OPERATIONS,
      inject: [DEV_DATABASE, PROD_DATABASE, AuditLog, ComparisonStore, SyncStore],
      useFactory: (
        dev: CrmDatabase,
        prod: CrmDatabase,
        audit: AuditLog,
        store: ComparisonStore,
        syncs: SyncStore,
      ): OperationResources => ({
        dev,
        prod,
        audit,
        store,
        syncs,
        comparisonSlots: new Semaphore(CONCURRENT_COMPARISONS),
      }),
    },
  ],
  exports: [ComparisonStore, SyncStore, OPERATIONS],
})
export class OperationsModule {}
