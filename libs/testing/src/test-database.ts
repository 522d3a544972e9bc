import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { applyMigrations, auditMigrationsDir, crmMigrationsDir } from '@vantix/migrations';

/** The PostgreSQL server the integration tests use (the CI machine's, trust auth). */
export const TEST_SERVER_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function urlFor(database: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `work` on one connection to `url` (a database, a role), then closes it. */
export async function onDatabase<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs `work` on a connection to the test server's maintenance database, then closes it. */
export function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  return onDatabase(TEST_SERVER_URL, work);
}

/**
 * Creates a throwaway database with a unique name (test files run in parallel
 * and must never share one), optionally migrated with the CRM tables or the
 * audit store. `drop()` terminates leftover connections and drops it.
 */
export async function createTestDatabase(
  label: string,
  migrate: 'crm' | 'audit' | 'none' = 'crm',
): Promise<TestDatabase> {
  const name = `vx_${label
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(5).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = urlFor(name);
  if (migrate === 'crm') {
    await applyMigrations(url, crmMigrationsDir());
  }
  if (migrate === 'audit') {
    await applyMigrations(url, auditMigrationsDir());
  }
  return {
    name,
    url,
    drop: () =>
      onServer(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}

export interface TestRole {
  name: string;
  /** `url` with this role as its user (and `password`, which the trusting test server ignores but a log could leak). */
  urlFor(url: string, password?: string): string;
  /** Drops the role (drop the databases it owns objects in first). */
  drop(): Promise<void>;
}

/**
 * A login role with no privileges beyond PUBLIC's: it may connect, but under
 * PostgreSQL 15 not create anything in `public` of a database it does not own
 * — an application role. Roles are server-wide: drop it at the end.
 */
export async function createTestRole(label: string): Promise<TestRole> {
  const name = `vx_${label
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(5).toString('hex')}`;
  await onServer((client) => client.query(`CREATE ROLE "${name}" LOGIN`));
  return {
    name,
    urlFor: (url, password) => {
      const withRole = new URL(url);
      withRole.username = name;
      withRole.password = password ?? '';
      return withRole.toString();
    },
    drop: () =>
      onServer(async (client) => {
        await client.query(`DROP ROLE IF EXISTS "${name}"`);
      }),
  };
}
