import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { Runtime } from '../runtime/runtime';

/** The built Angular console (dist/apps/console/browser, found by the runtime), served at /dev-console. */
@Module({})
export class ConsoleModule {
  static forRuntime(runtime: Runtime): DynamicModule {
    return {
      module: ConsoleModule,
      imports: runtime.consoleDir
        ? [
            ServeStaticModule.forRoot({
              rootPath: runtime.consoleDir,
              serveRoot: '/dev-console',
              exclude: ['/api/{*path}'],
            }),
          ]
        : [],
    };
  }
}
