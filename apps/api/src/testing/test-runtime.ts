import { DatabaseUrls, loadConfig } from '@vantix/config';
import { Runtime } from '../app/runtime/runtime';

/**
 * A Runtime for the given database URLs, built through loadConfig as at start
 * (so the URLs are validated the same way), without starting anything.
 */
export function testRuntime(
  urls: Partial<DatabaseUrls> & Pick<DatabaseUrls, 'development' | 'production'>,
  env: Record<string, string> = {},
): Runtime {
  const jwtSecret = 'a-test-secret-that-is-long-enough-0123456789';
  const config = loadConfig({
    ...env,
    DATABASE_URL_DEV: urls.development,
    DATABASE_URL_PROD: urls.production,
    AUDIT_DATABASE_URL: urls.audit ?? 'postgres://postgres@127.0.0.1:5432/vx_audit_never_used',
    JWT_SECRET: jwtSecret,
  });
  const databases = config.databases;
  if (!databases) {
    throw new Error('loadConfig returned no databases although all three URLs were given');
  }
  return { config, databases, jwtSecret, demo: null };
}
