import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root, found by walking up from this file: the same code runs
 * from its source (tests, tools) and from the API bundle in dist/.
 */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'prisma', 'crm', 'migrations'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`cannot find the repository root (prisma/crm/migrations) above ${__dirname}`);
    }
    dir = parent;
  }
  return dir;
}

/** The migrations of the CRM tables (Dev, Prod: demo and test databases only). */
export const crmMigrationsDir = (): string => join(repoRoot(), 'prisma', 'crm', 'migrations');

/** The migrations of Vantix Sync's own store (audit log and stored comparisons). */
export const auditMigrationsDir = (): string => join(repoRoot(), 'prisma', 'audit', 'migrations');
