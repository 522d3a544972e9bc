import { AppConfig, DatabaseUrls } from '@vantix/config';
import { DemoCredentials } from '@vantix/demo';

/** Injection token of the resolved runtime (configuration + where the databases are). */
export const RUNTIME = Symbol('RUNTIME');

/**
 * What the API runs with, resolved once before Nest starts: the validated
 * configuration, the three database URLs (configured, or the embedded demo's)
 * and the JWT secret (configured, or the demo's own).
 */
export interface Runtime {
  config: AppConfig;
  databases: DatabaseUrls;
  jwtSecret: string;
  demo: { dataDir: string; credentials: DemoCredentials } | null;
}
