import { ChainKey, ChainKeys } from './event-hash';

/** The key settings as @vantix/config reads them (AUDIT_HMAC_KEY, AUDIT_HMAC_KEY_ID, AUDIT_HMAC_PREVIOUS_KEYS). */
export interface ConfiguredChainKeys {
  auditHmacKey: ChainKey | null;
  previousAuditHmacKeys: readonly ChainKey[];
}

/** The id the embedded demo's own key is recorded under. */
export const DEMO_KEY_ID = 'demo';

/**
 * The keys an audit log runs with: the configured key, or — in demo mode,
 * where the configuration holds none — the demo's own, kept with its other
 * secrets in the data folder. Throws when there is neither: an unkeyed chain
 * is what its owner could rewrite, so none is ever written.
 */
export function chainKeysFor(configured: ConfiguredChainKeys, demoSecret: string | undefined): ChainKeys {
  const current = configured.auditHmacKey ?? (demoSecret ? { id: DEMO_KEY_ID, secret: demoSecret } : null);
  if (current === null) {
    throw new Error('no audit HMAC key: AUDIT_HMAC_KEY is required outside demo mode');
  }
  return { current, previous: configured.previousAuditHmacKeys };
}

/**
 * How a store is named in the anchor file: `host:port/database`, or `demo` for
 * the embedded demo, whose port changes from start to start.
 */
export function auditStoreLabel(environment: { demo: unknown; urls: { audit: string } }): string {
  if (environment.demo) {
    return DEMO_KEY_ID;
  }
  try {
    const url = new URL(environment.urls.audit);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return environment.urls.audit.replace(/\/\/[^@]*@/, '//');
  }
}
