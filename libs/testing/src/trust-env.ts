import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The trust settings every start outside demo mode needs (AUDIT_HMAC_KEY, AUDIT_ANCHOR_FILE). */
export interface TrustEnv extends Record<string, string> {
  AUDIT_HMAC_KEY: string;
  AUDIT_ANCHOR_FILE: string;
}

/**
 * A fresh audit key (48 random characters) and an anchor file of the test's
 * own, in a new temporary folder: a server or CLI of one test never reads
 * another test's anchor (which would report the other store's head as its own).
 * Spread it into the environment of startTestApi, startServerProcess or the CLI.
 */
export function trustEnv(): TrustEnv {
  return {
    AUDIT_HMAC_KEY: randomBytes(36).toString('base64url'),
    AUDIT_ANCHOR_FILE: join(mkdtempSync(join(tmpdir(), 'vantix-anchor-')), 'audit-anchor.log'),
  };
}
