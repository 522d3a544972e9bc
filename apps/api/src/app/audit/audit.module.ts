import { Global, Module } from '@nestjs/common';
import { AUDIT_DATABASE, AuditDatabase, AuditLog } from '@vantix/audit';
import { AuditController } from './audit.controller';

/** The audit log, available to every module (auth, comparisons, syncs). */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: AuditLog,
      inject: [AUDIT_DATABASE],
      useFactory: (db: AuditDatabase) => new AuditLog(db),
    },
  ],
  exports: [AuditLog],
})
export class AuditModule {}
