import { Global, Module } from '@nestjs/common';
import { AUDIT_DATABASE, AuditDatabase, AuditLog, ComparisonStore } from '@vantix/audit';
import { AuditController } from './audit.controller';

/** The audit log and the comparison store, available to every module (auth, dev). */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: AuditLog,
      inject: [AUDIT_DATABASE],
      useFactory: (db: AuditDatabase) => new AuditLog(db),
    },
    {
      provide: ComparisonStore,
      inject: [AUDIT_DATABASE],
      useFactory: (db: AuditDatabase) => new ComparisonStore(db),
    },
  ],
  exports: [AuditLog, ComparisonStore],
})
export class AuditModule {}
