import { Global, Logger, Module } from '@nestjs/common';
import { AUDIT_DATABASE, AuditDatabase, auditStoreLabel, AuditLog, chainKeysFor, FileAnchor } from '@vantix/audit';
import { SyncStore } from '@vantix/report-store';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { AuditController } from './audit.controller';
import { ProvenanceController } from './provenance.controller';

/**
 * The audit log, available to every module (auth, comparisons, syncs): keyed
 * with AUDIT_HMAC_KEY (the demo's own in demo mode), its head anchored after
 * every append to AUDIT_ANCHOR_FILE and to the server log.
 */
@Global()
@Module({
  controllers: [AuditController, ProvenanceController],
  providers: [
    // Provenance reads the stored syncs; the stores are stateless, so this one is not the sync module's.
    { provide: SyncStore, inject: [AUDIT_DATABASE], useFactory: (db: AuditDatabase) => new SyncStore(db) },
    {
      provide: AuditLog,
      inject: [AUDIT_DATABASE, RUNTIME],
      useFactory: (db: AuditDatabase, runtime: Runtime) => {
        const logger = new Logger('AuditAnchor');
        const { trust } = runtime.config;
        return new AuditLog(db, {
          keys: chainKeysFor(trust, runtime.demo?.credentials.auditHmacKey),
          anchor: new FileAnchor(
            trust.auditAnchorFile,
            auditStoreLabel(runtime),
            (line) => logger.log(line),
            (message) => logger.error(message),
          ),
        });
      },
    },
  ],
  exports: [AuditLog],
})
export class AuditModule {}
