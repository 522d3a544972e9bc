import { DynamicModule } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth';
import { DevModule } from './dev/dev.module';
import { Runtime } from './runtime/runtime';

/** The feature modules of the API; the /api/dev ones only when APP_ENV is development. */
export function apiFeatures(runtime: Runtime): NonNullable<DynamicModule['imports']> {
  const development = runtime.config.appEnv === 'development';
  return [AuditModule, AuthModule, ...(development ? [DevModule] : [])];
}
