import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@vantix/migrations';

/**
 * The built Angular console (`nx run console:build` → dist/apps/console/browser),
 * or null when it was not built. Found from the installation's root, so the
 * same answer comes from the sources (tests) and from the bundle in dist/.
 */
export function consoleBuildDir(): string | null {
  const dir = join(repoRoot(), 'dist', 'apps', 'console', 'browser');
  return existsSync(dir) ? dir : null;
}
