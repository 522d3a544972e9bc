import { DynamicModule } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth';
import { ComparisonsModule } from './comparisons/comparisons.module';
import { RefreshesModule } from './refreshes/refreshes.module';
import { Runtime } from './runtime/runtime';
import { SyncsModule } from './syncs/syncs.module';

/** The feature modules of the API; the /api/dev ones (comparisons, syncs, refreshes) only when APP_ENV is development. */
export function apiFeatures(runtime: Runtime): NonNullable<DynamicModule['imports']> {
  const development = runtime.config.appEnv === 'development';
  return [AuditModule, AuthModule, ...(development ? [ComparisonsModule, SyncsModule, RefreshesModule] : [])];
}
