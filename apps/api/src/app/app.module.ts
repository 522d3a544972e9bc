import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { loggerParams } from './common/logging';
import { ConsoleModule } from './console/console.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { RUNTIME, Runtime } from './runtime/runtime';

@Module({})
export class AppModule {
  /**
   * The development-only modules are not even registered when APP_ENV is
   * production: their routes answer 404 there.
   */
  static forRuntime(runtime: Runtime, features: DynamicModule['imports'] = []): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerParams(runtime.config.logLevel, runtime.config.logFormat)),
        DatabaseModule,
        HealthModule,
        ...(features ?? []),
        ConsoleModule.forRuntime(runtime),
      ],
      providers: [{ provide: RUNTIME, useValue: runtime }],
      exports: [RUNTIME],
    };
  }
}
