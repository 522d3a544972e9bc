import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AUDIT_DATABASE, AuditDatabase } from '@vantix/audit';
import { CrmDatabase, DEV_DATABASE, PROD_DATABASE } from '@vantix/sync-core';
import { RUNTIME, Runtime } from '../runtime/runtime';

/** The three connections, one token each: Dev and Prod CRM databases, and the audit store. */
@Global()
@Module({
  providers: [
    {
      provide: DEV_DATABASE,
      inject: [RUNTIME],
      useFactory: (runtime: Runtime) => new CrmDatabase('development', runtime.databases.development),
    },
    {
      provide: PROD_DATABASE,
      inject: [RUNTIME],
      useFactory: (runtime: Runtime) => new CrmDatabase('production', runtime.databases.production),
    },
    {
      provide: AUDIT_DATABASE,
      inject: [RUNTIME],
      useFactory: (runtime: Runtime) => new AuditDatabase(runtime.databases.audit),
    },
  ],
  exports: [DEV_DATABASE, PROD_DATABASE, AUDIT_DATABASE],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(DEV_DATABASE) private readonly dev: CrmDatabase,
    @Inject(PROD_DATABASE) private readonly prod: CrmDatabase,
    @Inject(AUDIT_DATABASE) private readonly audit: AuditDatabase,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.dev.close(), this.prod.close(), this.audit.close()]);
  }
}
