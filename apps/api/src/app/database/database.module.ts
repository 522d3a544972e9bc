import { Global, Module } from '@nestjs/common';
import { AUDIT_DATABASE } from '@vantix/audit';
import { DEV_DATABASE, PROD_DATABASE } from '@vantix/sync-core';
import { RUNTIME, Runtime } from '../runtime/runtime';

/**
 * The three connections, one token each: Dev and Prod CRM databases, and the
 * audit store. Opened by openEnvironment before Nest starts, and closed by
 * whoever opened it (main.ts, the test harness) after the app has closed.
 */
@Global()
@Module({
  providers: [
    { provide: DEV_DATABASE, inject: [RUNTIME], useFactory: (runtime: Runtime) => runtime.development },
    { provide: PROD_DATABASE, inject: [RUNTIME], useFactory: (runtime: Runtime) => runtime.production },
    { provide: AUDIT_DATABASE, inject: [RUNTIME], useFactory: (runtime: Runtime) => runtime.audit },
  ],
  exports: [DEV_DATABASE, PROD_DATABASE, AUDIT_DATABASE],
})
export class DatabaseModule {}
