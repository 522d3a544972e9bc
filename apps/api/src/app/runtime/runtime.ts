import { Environment } from '@vantix/runtime';

/** Injection token of the resolved runtime (configuration, databases, JWT secret). */
export const RUNTIME = Symbol('RUNTIME');

/**
 * What the API runs with, opened once before Nest starts by openRuntime():
 * the environment every start of Vantix Sync opens (configuration, the three
 * databases — configured or the embedded demo's — checked, the audit store
 * migrated) plus the secret the API signs its tokens with.
 */
export interface Runtime extends Environment {
  /** Configured (JWT_SECRET), or the embedded demo's own. */
  jwtSecret: string;
}
