import { parse } from 'pg-connection-string';

/**
 * Where the driver really connects, read with `pg-connection-string` — the
 * parser `pg` itself uses — so what Vantix Sync checks and shows is what the
 * driver does: a `?host=` or `?port=` parameter wins over the URL's authority,
 * and a host that is a path is a Unix socket.
 */
export interface DatabaseEndpoint {
  /** The host the driver connects to (lower case, no brackets), or a Unix socket folder. */
  host: string;
  port: number;
  database: string;
  user: string;
}

/**
 * The sslmodes under which node-postgres encrypts and checks the server's
 * certificate (pg 8 reads require and verify-ca as verify-full). `prefer`,
 * `allow`, `disable` and `no-verify` either allow plaintext or skip the check.
 */
const TLS_MODES = new Set(['require', 'verify-ca', 'verify-full']);

/** A connection string the driver would read differently than a person does; the message completes "<VARIABLE> …". */
export class ConnectionStringError extends Error {}

/** A host on this machine: loopback addresses, `localhost`, or a Unix socket folder. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h.startsWith('/')) {
    return true;
  }
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\.\d+\.\d+\.\d+$/.test(h);
}

function parseWithDriver(connectionString: string): ReturnType<typeof parse> {
  try {
    return parse(connectionString);
  } catch (error) {
    // The driver's own message names a missing certificate file, never the URL (it redacts the input).
    throw new ConnectionStringError(`cannot be read by the database driver: ${(error as Error).message}`);
  }
}

/** The endpoint of a connection string as the driver reads it. Throws ConnectionStringError. */
export function databaseEndpoint(connectionString: string): DatabaseEndpoint {
  const parsed = parseWithDriver(connectionString);
  const host = (parsed.host ?? '').replace(/^\[|\]$/g, '');
  return {
    host: host.startsWith('/') ? host : host.toLowerCase(),
    port: parsed.port ? Number(parsed.port) : 5432,
    database: parsed.database ?? '',
    user: parsed.user ?? '',
  };
}

/**
 * The checks a connection string must pass before anything connects with it,
 * on the driver's reading of it:
 * - `postgres://` or `postgresql://`, a host and a database;
 * - no parameter given twice (`?host=a&host=b` reads as one host and connects to the other);
 * - no `uselibpqcompat` (it turns `sslmode=require` into "encrypt but trust any certificate");
 * - a host that is not this machine only with `sslmode=require`, `verify-ca` or `verify-full`.
 * Throws a ConnectionStringError whose message completes "<VARIABLE> …" and never holds the password.
 */
export function checkConnectionString(connectionString: string): DatabaseEndpoint {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    throw new ConnectionStringError('is not a URL (expected postgres://user:password@host:5432/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConnectionStringError(`must start with postgres:// or postgresql:// (got ${url.protocol}//)`);
  }
  const seen = new Set<string>();
  for (const name of url.searchParams.keys()) {
    if (seen.has(name)) {
      throw new ConnectionStringError(
        `gives the parameter "${name}" more than once: the driver would use only the last one; give it once`,
      );
    }
    seen.add(name);
  }
  if (seen.has('uselibpqcompat')) {
    throw new ConnectionStringError(
      'sets uselibpqcompat, which makes sslmode=require accept any certificate: remove it and use sslmode=verify-full (with sslrootcert for a private CA)',
    );
  }
  const endpoint = databaseEndpoint(connectionString);
  if (!endpoint.host) {
    throw new ConnectionStringError('has no host');
  }
  if (!endpoint.database) {
    throw new ConnectionStringError('names no database (…/database at the end)');
  }
  const sslmode = url.searchParams.get('sslmode');
  if (!isLoopbackHost(endpoint.host) && (sslmode === null || !TLS_MODES.has(sslmode))) {
    throw new ConnectionStringError(
      `reaches ${describeEndpoint(endpoint)}, which is not on this machine, ` +
        `with ${sslmode === null ? 'no sslmode' : `sslmode=${sslmode}`}: add sslmode=verify-full (or require, verify-ca) so the connection is encrypted`,
    );
  }
  return endpoint;
}

/** `host:port/database`, as the driver connects — for banners, logs and messages (no user, no password). */
export function describeEndpoint({ host, port, database }: DatabaseEndpoint): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}/${database}`;
}
