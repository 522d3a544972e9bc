import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from '../generated/client';
import { whileAvailable } from './audit-unavailable-error';

/** Injection token of the audit store: a plain symbol, so this lib needs no Nest. */
export const AUDIT_DATABASE = Symbol('AUDIT_DATABASE');

export interface AuditDatabaseOptions {
  maxConnections?: number;
  applicationName?: string;
  /**
   * How long to wait for a connection before giving up (default 5 s): an
   * unreachable audit store must fail an append quickly, because the API
   * refuses the sync then rather than letting the request hang.
   */
  connectionTimeoutMs?: number;
}

/**
 * Vantix Sync's own database: the audit event log (this lib) and the stored
 * reports (@vantix/report-store, which reaches it through this wrapper too). A
 * Prisma client over the `pg` driver adapter; one pool for both.
 */
export class AuditDatabase {
  readonly prisma: PrismaClient;
  readonly pool: Pool;

  constructor(connectionString: string, options: AuditDatabaseOptions = {}) {
    this.pool = new Pool({
      connectionString,
      max: options.maxConnections ?? 5,
      application_name: options.applicationName ?? 'vantix-sync-audit',
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    });
    // A broken idle connection must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
    this.prisma = new PrismaClient({ adapter: new PrismaPg(this.pool) });
  }

  /** Resolves when the store answers; AuditUnavailableError when it does not (for health checks). */
  async ping(): Promise<void> {
    await whileAvailable(() => this.pool.query('SELECT 1'));
  }

  async close(): Promise<void> {
    await this.prisma.$disconnect();
    await this.pool.end().catch(() => undefined);
  }
}
