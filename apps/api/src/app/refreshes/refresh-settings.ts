import { Masks, maskKeyFrom, RefreshSettings } from '@vantix/audited-operations';
import { AUDIT_DATABASE, AuditDatabase, chainKeysFor } from '@vantix/audit';
import { describeTarget } from '@vantix/config';
import { SyncStore } from '@vantix/report-store';
import { RUNTIME, Runtime } from '../runtime/runtime';

/** Injection token of what a refresh runs with besides the operations' resources. */
export const REFRESH_SETTINGS = Symbol('REFRESH_SETTINGS');
export type RefreshSettingsProvider = RefreshSettings;

/**
 * The rules file read at start (REFRESH_RULES), the masks keyed from the
 * audit HMAC key (the demo's own in demo mode — the CLI derives the same), the
 * stored refreshes (the syncs table, direction `to_development`) and the
 * Development database's name for the confirmation.
 */
export const refreshSettingsProvider = {
  provide: REFRESH_SETTINGS,
  inject: [AUDIT_DATABASE, RUNTIME],
  useFactory: (db: AuditDatabase, runtime: Runtime): RefreshSettings => ({
    store: new SyncStore(db, 'to_development'),
    rules: runtime.config.refreshRules,
    masks: new Masks(
      maskKeyFrom(chainKeysFor(runtime.config.trust, runtime.demo?.credentials.auditHmacKey).current.secret),
    ),
    developmentDatabase: describeTarget(runtime.urls.development),
  }),
};
