import { DatabaseUrls, loadConfig } from '@vantix/config';

/**
 * The three database URLs as the configuration reads them at start (so they
 * are validated the same way), without starting anything. The audit store
 * defaults to a database that is never opened.
 */
export function configuredUrls(
  urls: Partial<DatabaseUrls> & Pick<DatabaseUrls, 'development' | 'production'>,
  env: Record<string, string> = {},
): DatabaseUrls {
  const config = loadConfig({
    ...env,
    DATABASE_URL_DEV: urls.development,
    DATABASE_URL_PROD: urls.production,
    AUDIT_DATABASE_URL: urls.audit ?? 'postgres://postgres@127.0.0.1:5432/vx_audit_never_used',
    JWT_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
    // Nothing is started or written here: a fixed key only satisfies the validation.
    AUDIT_HMAC_KEY: 'an-audit-key-that-is-long-enough-0123456789',
  });
  if (!config.databases) {
    throw new Error('loadConfig returned no databases although all three URLs were given');
  }
  return config.databases;
}
