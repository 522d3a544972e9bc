import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@vantix/migrations';

/** The built Angular console (dist/apps/console/browser), served at /dev-console. */
export function consoleDistDir(): string {
  return join(repoRoot(), 'dist', 'apps', 'console', 'browser');
}

@Module({
  imports: existsSync(consoleDistDir())
    ? [
        ServeStaticModule.forRoot({
          rootPath: consoleDistDir(),
          serveRoot: '/dev-console',
          exclude: ['/api/{*path}'],
        }),
      ]
    : [],
})
export class ConsoleModule {}
