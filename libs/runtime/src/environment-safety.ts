import { DatabaseUrls, describeTarget } from '@vantix/config';
import { Client } from 'pg';
import { StartRefusal } from './start-refusal';
import { shortMessage } from '@vantix/db-errors';

/** A configuration that must not run: the message is one line a person can act on. */
export class EnvironmentSafetyError extends StartRefusal {
  override name = 'EnvironmentSafetyError';
}

/**
 * The sslmodes that make node-postgres encrypt. pg 8 treats require and
 * verify-ca as verify-full (TLS with certificate and host name checks; with
 * `uselibpqcompat=true` they keep libpq's weaker meaning, still encrypted).
 * Either way pg never falls back to plaintext: a server without TLS is refused
 * (proved in environment-safety-tls.spec.ts). `prefer`, `allow`, `disable` and
 * `no-verify` are not accepted for a remote host.
 */
const TLS_MODES = new Set(['require', 'verify-ca', 'verify-full']);

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  // A path is a Unix socket: the server is on this machine.
  if (h.startsWith('/')) {
    return true;
  }
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^127\.\d+\.\d+\.\d+$/.test(h) ||
    /^::ffff:127\.\d+\.\d+\.\d+$/.test(h) ||
    h === ''
  );
}

/**
 * Where node-postgres will really connect: like pg-connection-string, a `host`
 * or `port` query parameter wins over the URL's authority
 * (`postgres://localhost/db?host=db.example.com` goes to db.example.com).
 */
export function effectiveEndpoint(connectionString: string): {
  host: string;
  port: string;
  database: string;
} {
  const url = new URL(connectionString);
  const host = (url.searchParams.get('host') || decodeURIComponent(url.hostname)).replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.searchParams.get('port') || url.port || '5432';
  const database =
    decodeURIComponent(url.pathname.replace(/^\//, '')) || decodeURIComponent(url.username) || 'postgres';
  return { host, port, database };
}

/** host, port and database name, normalised, for "is this the same database?". */
export function normalisedTarget(connectionString: string): string {
  const { host, port, database } = effectiveEndpoint(connectionString);
  // localhost, 127.0.0.1, ::1 and a local socket are all "this machine".
  return `${isLoopbackHost(host) ? 'loopback' : host}:${port}/${database}`;
}

/** Refuses URLs that would expose credentials and data on the network without TLS. */
export function checkTlsRequirement(role: string, connectionString: string): void {
  const { host } = effectiveEndpoint(connectionString);
  if (isLoopbackHost(host)) {
    return;
  }
  const sslmode = new URL(connectionString).searchParams.get('sslmode');
  if (!sslmode || !TLS_MODES.has(sslmode)) {
    throw new EnvironmentSafetyError(
      `the ${role} database ${describeTarget(connectionString)} is not on this machine and its URL has no sslmode=require, verify-ca or verify-full`,
    );
  }
}

async function identify(connectionString: string): Promise<{ systemId: string | null; database: string }> {
  const client = new Client({
    connectionString,
    connectionTimeoutMillis: 10_000,
  });
  // A connection the server ends on its own (shutdown, a dropped database)
  // must not become an unhandled 'error' event; the pending query reports it.
  client.on('error', () => undefined);
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
export async function checkEnvironmentSafety(urls: DatabaseUrls): Promise<void> {
  const { development, production, audit } = urls;
  checkTlsRequirement('development', development);
  checkTlsRequirement('production', production);
  checkTlsRequirement('audit', audit);
  if (normalisedTarget(development) === normalisedTarget(production)) {
    throw new EnvironmentSafetyError(
      `DATABASE_URL_DEV and DATABASE_URL_PROD point at the same database (${describeTarget(production)}): Production would be compared with itself`,
    );
  }
  for (const [role, url] of [
    ['Dev', development],
    ['Prod', production],
  ] as const) {
    // Vantix Sync's own tables do not belong in a CRM database, least of all in Production.
    if (normalisedTarget(audit) === normalisedTarget(url)) {
      throw new EnvironmentSafetyError(
        `AUDIT_DATABASE_URL points at the ${role} database (${describeTarget(url)}): the audit log needs its own database`,
      );
    }
  }
  // Both checks run to their end before either outcome counts, so no
  // connection is left behind when one side cannot be reached.
  const [devResult, prodResult] = await Promise.allSettled([identify(development), identify(production)]);
  if (devResult.status === 'rejected' || prodResult.status === 'rejected') {
    const [role, url, failed] =
      devResult.status === 'rejected'
        ? (['development', development, devResult] as const)
        : (['production', production, prodResult as PromiseRejectedResult] as const);
    // Driver messages name host and port at most, never the password.
    throw new EnvironmentSafetyError(
      `cannot reach the Dev or Prod database to check they differ: the ${role} database ${describeTarget(url)}: ${shortMessage(failed.reason)}`,
    );
  }
  const dev = devResult.value;
  const prod = prodResult.value;
  if (dev.systemId !== null && dev.systemId === prod.systemId && dev.database === prod.database) {
    throw new EnvironmentSafetyError(
      `DATABASE_URL_DEV and DATABASE_URL_PROD reach the same database "${prod.database}" on the same server (system identifier ${prod.systemId}) under different addresses`,
    );
  }
}
