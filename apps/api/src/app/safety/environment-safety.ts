import { describeTarget } from '@vantix/config';
import { Client } from 'pg';
import { Runtime } from '../runtime/runtime';

/** A configuration that must not run: the message is one line a person can act on. */
export class EnvironmentSafetyError extends Error {
  override readonly name = 'EnvironmentSafetyError';
}

const TLS_MODES = new Set(['require', 'verify-ca', 'verify-full']);

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '';
}

/** host, port and database name, normalised, for "is this the same database?". */
export function normalisedTarget(connectionString: string): string {
  const url = new URL(connectionString);
  let host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopbackHost(host)) host = 'loopback';
  const port = url.port || '5432';
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || decodeURIComponent(url.username) || 'postgres';
  return `${host}:${port}/${database}`;
}

/** Refuses URLs that would expose credentials and data on the network without TLS. */
export function checkTlsRequirement(role: string, connectionString: string): void {
  const url = new URL(connectionString);
  if (isLoopbackHost(url.hostname)) return;
  const sslmode = url.searchParams.get('sslmode');
  if (!sslmode || !TLS_MODES.has(sslmode)) {
    throw new EnvironmentSafetyError(
      `the ${role} database ${describeTarget(connectionString)} is not on this machine and its URL has no sslmode=require, verify-ca or verify-full`,
    );
  }
}

async function identify(connectionString: string): Promise<{ systemId: string | null; database: string }> {
  const client = new Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ database: string }>('SELECT current_database() AS database');
    let systemId: string | null = null;
    try {
      const id = await client.query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()');
      systemId = id.rows[0]?.id ?? null;
    } catch {
      // pg_control_system() needs a privilege a restricted role may lack: fall back to the URL check alone.
    }
    return { systemId, database: rows[0].database };
  } finally {
    await client.end();
  }
}

/**
 * Refuses to start when Dev and Prod are the same database — by URL, or once
 * connected by server identity and database name — or when a remote database
 * is reached without TLS.
 */
export async function checkEnvironmentSafety(runtime: Runtime): Promise<void> {
  const { development, production, audit } = runtime.databases;
  checkTlsRequirement('development', development);
  checkTlsRequirement('production', production);
  checkTlsRequirement('audit', audit);
  if (normalisedTarget(development) === normalisedTarget(production)) {
    throw new EnvironmentSafetyError(
      `DATABASE_URL_DEV and DATABASE_URL_PROD point at the same database (${describeTarget(production)}): Production would be compared with itself`,
    );
  }
  const [dev, prod] = await Promise.all([identify(development), identify(production)]).catch((error: Error) => {
    throw new EnvironmentSafetyError(`cannot reach the Dev or Prod database to check they differ: ${error.message}`);
  });
  if (dev.systemId !== null && dev.systemId === prod.systemId && dev.database === prod.database) {
    throw new EnvironmentSafetyError(
      `DATABASE_URL_DEV and DATABASE_URL_PROD reach the same database "${prod.database}" on the same server (system identifier ${prod.systemId}) under different addresses`,
    );
  }
}
