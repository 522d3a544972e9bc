import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoLogin {
  email: string;
  password: string;
}

/** What the demo keeps between runs, beside its databases (mode 0600). */
export interface DemoCredentials {
  admin: DemoLogin;
  /**
   * A second admin, in Dev and Prod alike: with SYNC_APPROVALS=2 one admin's
   * sync request waits for another's approval (two browsers, two logins).
   */
  approver: DemoLogin;
  /** A non-admin user: it can log in but is refused by the guarded endpoints. */
  agent: DemoLogin;
  jwtSecret: string;
  /** The demo's AUDIT_HMAC_KEY: never stored in any of its databases. */
  auditHmacKey: string;
}

const FILE = 'credentials.json';

export function readDemoCredentials(dataDir: string): DemoCredentials | null {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) {
    return null;
  }
  const credentials = JSON.parse(readFileSync(file, 'utf8')) as Partial<DemoCredentials>;
  let added = false;
  if (credentials.auditHmacKey === undefined) {
    // A data folder from before the keyed audit chain: its key is added beside the other secrets.
    credentials.auditHmacKey = randomBytes(48).toString('base64url');
    added = true;
  }
  if (credentials.approver === undefined) {
    // A data folder from before two-person approval: the second admin is added (and seeded at start).
    credentials.approver = approverLogin();
    added = true;
  }
  if (added) {
    writeFileSync(file, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  }
  return credentials as DemoCredentials;
}

export function createDemoCredentials(dataDir: string): DemoCredentials {
  const credentials: DemoCredentials = {
    admin: { email: 'admin@vantix.demo', password: `demo-${randomBytes(6).toString('base64url')}` },
    approver: approverLogin(),
    agent: { email: 'agent@vantix.demo', password: `demo-${randomBytes(6).toString('base64url')}` },
    jwtSecret: randomBytes(48).toString('base64url'),
    auditHmacKey: randomBytes(48).toString('base64url'),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, FILE), JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  return credentials;
}

function approverLogin(): DemoLogin {
  return { email: 'approver@vantix.demo', password: `demo-${randomBytes(6).toString('base64url')}` };
}
