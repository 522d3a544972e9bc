import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from '../generated/client';

/** Which side of the comparison a CRM database is. */
export type CrmSide = 'development' | 'production';

/** Injection tokens: plain symbols, so this lib needs no Nest. */
export const DEV_DATABASE = Symbol('DEV_DATABASE');
export const PROD_DATABASE = Symbol('PROD_DATABASE');

/**
 * One CRM database (Dev or Prod): a Prisma client over the `pg` driver adapter,
 * and the same pool for the engine's streaming queries. The only way this lib
 * reaches a CRM database.
 */
export class CrmDatabase {
  readonly prisma: PrismaClient;
  readonly pool: Pool;

  constructor(
    readonly side: CrmSide,
    connectionString: string,
    options: { maxConnections?: number; applicationName?: string } = {},
  ) {
    this.pool = new Pool({
      connectionString,
      max: options.maxConnections ?? 5,
      application_name: options.applicationName ?? `vantix-sync-${side}`,
    });
    // A broken idle connection must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
    this.prisma = new PrismaClient({ adapter: new PrismaPg(this.pool) });
  }

  async close(): Promise<void> {
    await this.prisma.$disconnect();
    await this.pool.end().catch(() => undefined);
  }
}
