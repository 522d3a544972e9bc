// The README's real-database path, shared by the browser-free e2e files that
// walk it: the checkout's root, the README's variables, the CRM's own DDL.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { createTestDatabase, insertUsers, onDatabase, TestDatabase, TestUser, trustEnv } from '@vantix/testing';

/** The checkout's root: README.md and the CRM's SQL are read from there, as a person would. */
export const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * The server's whole environment: the variables of the README's configuration
 * table, and nothing else (a new required variable is one line here, and the
 * first test fails until the README documents it).
 */
export function readmeEnvironment(urls: {
  development: string;
  production: string;
  audit: string;
}): Record<string, string> {
  return {
    DATABASE_URL_DEV: urls.development,
    DATABASE_URL_PROD: urls.production,
    AUDIT_DATABASE_URL: urls.audit,
    JWT_SECRET: randomBytes(36).toString('base64url'),
    APP_ENV: 'development',
    // AUDIT_HMAC_KEY and AUDIT_ANCHOR_FILE (README, Security).
    ...trustEnv(),
  };
}

/** The CLI gets the same variables, minus the one it has no use for (it issues no tokens). */
export function cliEnvironment(server: Record<string, string>): Record<string, string> {
  const { JWT_SECRET: _secret, ...rest } = server;
  return rest;
}

/** The CRM's tables as an existing CRM has them: its own DDL, run by the CRM — not by Vantix Sync's migration runner. */
export async function createCrmTables(url: string): Promise<void> {
  const sql = readFileSync(
    join(ROOT, 'prisma', 'crm', 'migrations', '20261125000000_crm_tables', 'migration.sql'),
    'utf8',
  );
  await onDatabase(url, (client) => client.query(sql));
}

export function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return onDatabase(url, async (client) => (await client.query(sql, params)).rows as T[]);
}

/**
 * Three empty databases, as the README's path starts: Development and
 * Production with the CRM's own tables and the same `users` (login reads
 * Development's; the admin exists in both, as in a CRM), the audit store empty.
 */
export async function createReadmeDatabases(
  label: string,
  users: TestUser[],
  seedBoth: (pool: Pool) => Promise<unknown> = async () => undefined,
): Promise<{ dev: TestDatabase; prod: TestDatabase; audit: TestDatabase }> {
  const [dev, prod, audit] = await Promise.all([
    createTestDatabase(`${label}_dev`, 'none'),
    createTestDatabase(`${label}_prod`, 'none'),
    createTestDatabase(`${label}_audit`, 'none'),
  ]);
  await Promise.all([createCrmTables(dev.url), createCrmTables(prod.url)]);
  for (const url of [dev.url, prod.url]) {
    const pool = new Pool({ connectionString: url, max: 1 });
    try {
      await insertUsers(pool, users);
      await seedBoth(pool);
    } finally {
      await pool.end();
    }
  }
  return { dev, prod, audit };
}
