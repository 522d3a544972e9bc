import { AuditDatabase, chainKeysFor, readChainHeadProblem } from '@vantix/audit';
import { AppConfig, DatabaseUrls, describeTarget } from '@vantix/config';
import { DemoCredentials, startDemoEnvironment } from '@vantix/demo';
import { MigrationOutcome } from '@vantix/migrations';
import { CrmDatabase } from '@vantix/sync-core';
import { checkAuditStorePrivileges, migrateAuditStore } from './audit-store';
import { consoleBuildDir } from './console-build';
import { checkEnvironmentSafety } from './environment-safety';
import { StartRefusal } from './start-refusal';

/** Who opens the environment: named in every connection's application_name (pg_stat_activity). */
export type EnvironmentClient = 'api' | 'cli';

export interface OpenEnvironmentOptions {
  /** The API's connections are `vantix-sync-<database>`, the CLI's `vantix-sync-cli-<database>`. */
  client: EnvironmentClient;
}

/** The embedded demo, when nothing is configured. */
export interface DemoSession {
  dataDir: string;
  credentials: DemoCredentials;
}

/**
 * Everything the API and the CLI run on, opened once at start: the validated
 * configuration, where the three databases are, and the three database
 * wrappers. Owns what it opened: `close()` ends the connections and stops the
 * embedded demo.
 */
export interface Environment {
  config: AppConfig;
  /** The configured URLs, or the embedded demo's. */
  urls: DatabaseUrls;
  /** Null with real databases. */
  demo: DemoSession | null;
  development: CrmDatabase;
  production: CrmDatabase;
  audit: AuditDatabase;
  /** What this start did to Vantix Sync's own store: the migrations it applied and those already there. */
  auditMigrations: MigrationOutcome;
  /** The built console (dist/apps/console/browser), or null when it was not built. */
  consoleDir: string | null;
  /** Closes the three wrappers and stops the embedded demo; safe to call twice. */
  close(): Promise<void>;
}

interface ResolvedDatabases {
  urls: DatabaseUrls;
  demo: DemoSession | null;
  stopDemo(): Promise<void>;
}

/** Demo mode when nothing is configured: the embedded databases come up first. */
async function resolveDatabases(config: AppConfig): Promise<ResolvedDatabases> {
  if (!config.demo) {
    if (!config.databases) {
      throw new Error('configuration without databases outside demo mode');
    }
    return { urls: config.databases, demo: null, stopDemo: async () => undefined };
  }
  const demo = await startDemoEnvironment(config.demoDataDir);
  return {
    urls: demo.urls,
    demo: { dataDir: demo.dataDir, credentials: demo.credentials },
    stopDemo: demo.stop,
  };
}

/**
 * The one start-up path of the API and the CLI:
 * 1. the databases: configured, or the embedded demo (PGlite) when none is;
 * 2. the safety checks (Dev = Prod, a remote database without TLS, the audit
 *    store inside a CRM database) — before anything is written anywhere;
 * 3. Vantix Sync's own store migrated (idempotent, serialised by an advisory
 *    lock; a role that may not create tables refuses with the owner's command);
 * 4. the Dev and Prod CrmDatabase wrappers and the AuditDatabase opened.
 * The CRM databases are never migrated here (the demo seeds its own).
 * Refusals are StartRefusal errors with a one-line message; whatever was
 * started (the demo) is stopped again before the error propagates.
 */
export async function openEnvironment(config: AppConfig, options: OpenEnvironmentOptions): Promise<Environment> {
  const { urls, demo, stopDemo } = await resolveDatabases(config);
  let auditMigrations: MigrationOutcome;
  try {
    await checkEnvironmentSafety(urls);
    auditMigrations = await migrateAuditStore(urls.audit);
    await checkAuditStorePrivileges(urls.audit);
  } catch (error) {
    await stopDemo();
    throw error;
  }
  const prefix = options.client === 'cli' ? 'vantix-sync-cli' : 'vantix-sync';
  const development = new CrmDatabase('development', urls.development, { applicationName: `${prefix}-development` });
  const production = new CrmDatabase('production', urls.production, { applicationName: `${prefix}-production` });
  const audit = new AuditDatabase(urls.audit, { applicationName: `${prefix}-audit` });
  let closed: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      await Promise.all([development.close(), production.close(), audit.close()]);
      await stopDemo();
    })();
    return closed;
  };
  // A key that does not verify the newest event would make every later event look forged: refuse now, in one line.
  let keyProblem: string | null;
  try {
    keyProblem = await readChainHeadProblem(audit, chainKeysFor(config.trust, demo?.credentials.auditHmacKey));
  } catch (error) {
    await close();
    throw error;
  }
  if (keyProblem !== null) {
    await close();
    throw new StartRefusal(`the audit store ${describeTarget(urls.audit)}: ${keyProblem}`);
  }
  return {
    config,
    urls,
    demo,
    development,
    production,
    audit,
    auditMigrations,
    consoleDir: consoleBuildDir(),
    close,
  };
}
