import { Inject, Injectable } from '@nestjs/common';
import { DatabaseHealth, HealthResponse, PublicHealth } from '@vantix/contracts';
import { describeTarget } from '@vantix/config';
import { AUDIT_DATABASE, AuditDatabase, auditStoreRoleWarnings } from '@vantix/audit';
import { checkTablePrivileges, CrmDatabase, DEV_DATABASE, PROD_DATABASE } from '@vantix/sync-core';
import { Pool } from 'pg';
import { RUNTIME, Runtime } from '../runtime/runtime';

const PROBE_TIMEOUT_MS = 3000;

@Injectable()
export class HealthService {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(DEV_DATABASE) private readonly dev: CrmDatabase,
    @Inject(PROD_DATABASE) private readonly prod: CrmDatabase,
    @Inject(AUDIT_DATABASE) private readonly audit: AuditDatabase,
  ) {}

  /** The public answer: reachability only — no host, database, version, role, privilege or error text. */
  async check(): Promise<PublicHealth> {
    const [development, production, audit] = await this.probeAll();
    return {
      status: overall([development, production, audit]),
      databases: {
        development: { status: development.reachable ? 'ok' : 'down' },
        production: { status: production.reachable ? 'ok' : 'down' },
        audit: { status: audit.reachable ? 'ok' : 'down' },
      },
    };
  }

  /** For admins: everything an operator needs to find a fault. */
  async details(): Promise<HealthResponse> {
    const results = await this.probeAll();
    return {
      status: overall(results),
      environment: this.runtime.config.appEnv,
      demo: this.runtime.demo !== null,
      databases: results,
      ...(await this.warnings(results[1].reachable, results[2].reachable)),
    };
  }

  /** The Production role's privileges, and the audit store role's power to rewrite the log: one list of warnings. */
  private async warnings(
    productionUp: boolean,
    auditUp: boolean,
  ): Promise<Pick<HealthResponse, 'productionPrivileges' | 'warnings'>> {
    const production = productionUp ? await this.productionPrivileges() : {};
    const auditRole = auditUp ? await this.auditRoleWarnings() : [];
    const warnings = [...(production.warnings ?? []), ...auditRole];
    return { ...production, ...(warnings.length > 0 ? { warnings } : {}) };
  }

  private async auditRoleWarnings(): Promise<string[]> {
    try {
      return await withTimeout(auditStoreRoleWarnings(this.audit.pool), PROBE_TIMEOUT_MS);
    } catch (error) {
      return [`could not read the audit store role's rights: ${(error as Error).message}`];
    }
  }

  private probeAll(): Promise<DatabaseHealth[]> {
    const { urls } = this.runtime;
    return Promise.all([
      this.probe('development', urls.development, this.dev.pool),
      this.probe('production', urls.production, this.prod.pool),
      this.probe('audit', urls.audit, this.audit.pool),
    ]);
  }

  /** Least privilege: what the Production role may do to the CRM tables, and what it should not be able to. */
  private async productionPrivileges(): Promise<Pick<HealthResponse, 'productionPrivileges' | 'warnings'>> {
    try {
      const report = await withTimeout(checkTablePrivileges(this.prod.pool), PROBE_TIMEOUT_MS);
      return {
        productionPrivileges: report.tables.map(({ table, select, insert, update, delete: del, truncate }) => ({
          table,
          select,
          insert,
          update,
          delete: del,
          truncate,
        })),
        warnings: report.warnings,
      };
    } catch (error) {
      return {
        warnings: [`could not read the Production role's privileges: ${(error as Error).message}`],
      };
    }
  }

  private async probe(role: string, url: string, pool: Pool): Promise<DatabaseHealth> {
    const target = describeTarget(url);
    const started = performance.now();
    try {
      const { rows } = await withTimeout(
        pool.query<{ version: string }>("SELECT current_setting('server_version') AS version"),
        PROBE_TIMEOUT_MS,
      );
      return {
        role,
        target,
        reachable: true,
        serverVersion: rows[0]?.version ?? null,
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
      };
    } catch (error) {
      return {
        role,
        target,
        reachable: false,
        serverVersion: null,
        latencyMs: null,
        error: (error as Error).message,
      };
    }
  }
}

function overall(databases: DatabaseHealth[]): PublicHealth['status'] {
  const up = databases.filter((db) => db.reachable).length;
  if (up === databases.length) {
    return 'ok';
  }
  return up === 0 ? 'down' : 'degraded';
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
