import { auditStoreLabel, AuditLog, chainKeysFor, FileAnchor } from '@vantix/audit';
import { ComparisonStore, SyncStore } from '@vantix/report-store';
import { AppConfig, describeTarget } from '@vantix/config';
import { openEnvironment } from '@vantix/runtime';
import { CrmDatabase } from '@vantix/sync-core';

/** What the CLI's commands work with: both CRM databases, the audit log and the report store. */
export interface Connections {
  dev: CrmDatabase;
  prod: CrmDatabase;
  audit: AuditLog;
  store: ComparisonStore;
  syncs: SyncStore;
  /** Stored refreshes of Development: the syncs table, direction `to_development`. */
  refreshes: SyncStore;
  /** The audit HMAC key (the demo's own in demo mode): a refresh's masks are keyed from it, as the server's are. */
  auditSecret: string;
  /** The Development database as `host:port/database`. */
  developmentDatabase: string;
  close(): Promise<void>;
}

/**
 * The databases, opened by the API's own start-up path (openEnvironment):
 * configured, or the embedded demo when nothing is; the same safety checks
 * (Dev = Prod, a remote database without TLS); Vantix Sync's own store
 * migrated. A refusal is one line (the CLI prints it and exits 2).
 */
export async function openConnections(config: AppConfig): Promise<Connections> {
  const environment = await openEnvironment(config, { client: 'cli' });
  const keys = chainKeysFor(config.trust, environment.demo?.credentials.auditHmacKey);
  return {
    dev: environment.development,
    prod: environment.production,
    // The same key and anchor file as the server's, so either one's verify sees the other's events.
    audit: new AuditLog(environment.audit, {
      keys,
      anchor: new FileAnchor(
        config.trust.auditAnchorFile,
        auditStoreLabel(environment),
        () => undefined,
        (message) => process.stderr.write(`warning: ${message}\n`),
      ),
    }),
    store: new ComparisonStore(environment.audit),
    syncs: new SyncStore(environment.audit),
    refreshes: new SyncStore(environment.audit, 'to_development'),
    auditSecret: keys.current.secret,
    developmentDatabase: describeTarget(environment.urls.development),
    close: environment.close,
  };
}
