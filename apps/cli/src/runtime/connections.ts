import { AuditDatabase, AuditLog } from '@vantix/audit';
import { ComparisonStore } from '@vantix/report-store';
import { AppConfig, DatabaseUrls } from '@vantix/config';
import { startDemoEnvironment } from '@vantix/demo';
import { applyMigrations, auditMigrationsDir } from '@vantix/migrations';
import { CrmDatabase } from '@vantix/sync-core';

/** The three databases the CLI works with, opened the way the API opens them. */
export interface Connections {
  urls: DatabaseUrls;
  demo: boolean;
  dev: CrmDatabase;
  prod: CrmDatabase;
  auditDb: AuditDatabase;
  audit: AuditLog;
  store: ComparisonStore;
  close(): Promise<void>;
}

/**
 * Configured databases, or — with nothing configured — the embedded demo,
 * exactly as the API resolves them. The audit store is Vantix Sync's own and
 * is migrated on every start (idempotent; the runner takes Prisma's lock).
 */
export async function openConnections(config: AppConfig): Promise<Connections> {
  let urls: DatabaseUrls;
  let stopDemo = async (): Promise<void> => undefined;
  if (config.demo) {
    const demo = await startDemoEnvironment(config.demoDataDir);
    urls = demo.urls;
    stopDemo = demo.stop;
  } else {
    if (!config.databases) {
      throw new Error('configuration without databases outside demo mode');
    }
    urls = config.databases;
  }
  const dev = new CrmDatabase('development', urls.development, {
    applicationName: 'vantix-sync-cli-development',
  });
  const prod = new CrmDatabase('production', urls.production, {
    applicationName: 'vantix-sync-cli-production',
  });
  const auditDb = new AuditDatabase(urls.audit, {
    applicationName: 'vantix-sync-cli-audit',
  });
  const close = async (): Promise<void> => {
    await Promise.all([dev.close(), prod.close(), auditDb.close()]);
    await stopDemo();
  };
  try {
    if (!config.demo) {
      await applyMigrations(urls.audit, auditMigrationsDir());
    }
  } catch (error) {
    await close();
    throw new Error(`the audit store is unavailable: ${(error as Error).message}`, { cause: error });
  }
  return {
    urls,
    demo: config.demo,
    dev,
    prod,
    auditDb,
    audit: new AuditLog(auditDb),
    store: new ComparisonStore(auditDb),
    close,
  };
}
