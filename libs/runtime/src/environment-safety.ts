import { randomInt } from 'node:crypto';
import { checkConnectionString, ConnectionStringError, DatabaseUrls, describeTarget } from '@vantix/config';
import { shortMessage } from '@vantix/db-errors';
import { Client } from 'pg';
import { StartRefusal } from './start-refusal';

/** A configuration that must not run: the message is one line a person can act on. */
export class EnvironmentSafetyError extends StartRefusal {
  override name = 'EnvironmentSafetyError';
}

type Role = keyof DatabaseUrls;

const VARIABLE: Record<Role, string> = {
  development: 'DATABASE_URL_DEV',
  production: 'DATABASE_URL_PROD',
  audit: 'AUDIT_DATABASE_URL',
};

/** Pairs that must be different databases, in the order they are reported. */
const PAIRS: ReadonlyArray<readonly [Role, Role, string]> = [
  ['development', 'production', 'Production would be compared with itself'],
  ['audit', 'development', 'the audit log needs its own database'],
  ['audit', 'production', 'the audit log needs its own database'],
];

/**
 * The driver's reading of the three URLs (pg-connection-string): a parameter
 * given twice, `uselibpqcompat`, or a remote host without an encrypting
 * sslmode refuses the start naming the variable. loadConfig applies the same
 * check; this repeats it for URLs that did not come through it (the demo's).
 */
function checkUrls(urls: DatabaseUrls): void {
  for (const role of Object.keys(VARIABLE) as Role[]) {
    try {
      checkConnectionString(urls[role]);
    } catch (error) {
      if (error instanceof ConnectionStringError) {
        throw new EnvironmentSafetyError(`${VARIABLE[role]} ${error.message}`);
      }
      throw error;
    }
  }
}

/** What a connected session says about where it is. */
interface Identity {
  /** pg_control_system()'s system identifier, or null when the role may not read it. */
  systemId: string | null;
  database: string;
  databaseOid: string;
  /** The other sessions' markers this session's server holds, by marker: the database oid they were taken in. */
  markersSeen: Map<string, string>;
}

/** A session with a marker (a transaction-level advisory lock on a random key) held until it ends. */
interface MarkedSession {
  client: Client;
  marker: [number, number];
}

async function openMarked(connectionString: string): Promise<MarkedSession> {
  const client = new Client({ connectionString, connectionTimeoutMillis: 10_000 });
  // A connection the server ends on its own (shutdown, a dropped database)
  // must not become an unhandled 'error' event; the pending query reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const marker: [number, number] = [randomInt(1, 2 ** 31 - 1), randomInt(1, 2 ** 31 - 1)];
    // Any role may take an advisory lock, and pg_locks (readable by every role) shows it to every
    // session on the same server, with the oid of the database it was taken in.
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', marker);
    return { client, marker };
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

async function identify(session: MarkedSession, others: Array<[number, number]>): Promise<Identity> {
  const { client } = session;
  const { rows } = await client.query<{ database: string; oid: string }>(
    'SELECT current_database() AS database, oid::text AS oid FROM pg_database WHERE datname = current_database()',
  );
  const seen = await client.query<{ key: string; database: string }>(
    `SELECT classid::text || ':' || objid::text AS key, database::text AS database
       FROM pg_locks
      WHERE locktype = 'advisory' AND objsubid = 2 AND granted
        AND (classid::bigint, objid::bigint) IN (SELECT * FROM unnest($1::bigint[], $2::bigint[]))`,
    [others.map((m) => m[0]), others.map((m) => m[1])],
  );
  let systemId: string | null = null;
  await client.query('SAVEPOINT identity');
  try {
    const id = await client.query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()');
    systemId = id.rows[0]?.id ?? null;
    await client.query('RELEASE SAVEPOINT identity');
  } catch {
    // pg_control_system() is for superusers and pg_monitor by default: the markers decide alone.
    await client.query('ROLLBACK TO SAVEPOINT identity');
  }
  return {
    systemId,
    database: rows[0].database,
    databaseOid: rows[0].oid,
    markersSeen: new Map(seen.rows.map((r) => [r.key, r.database])),
  };
}

const keyOf = ([a, b]: [number, number]): string => `${a}:${b}`;

/**
 * Whether two sessions are in the same database of the same server: the same
 * system identifier and database name (when the roles may read
 * pg_control_system(); a physical replica shares its primary's, and is refused
 * as that database), or the markers — each session holds an advisory lock on a
 * random key, and a session that sees the other's key in pg_locks, taken in
 * its own database, is in the same database. The markers need no privilege.
 */
function sameDatabase(a: Identity, aMarker: [number, number], b: Identity, bMarker: [number, number]): boolean {
  const bySystem = a.systemId !== null && a.systemId === b.systemId && a.database === b.database;
  const byMarker =
    a.markersSeen.get(keyOf(bMarker)) === a.databaseOid || b.markersSeen.get(keyOf(aMarker)) === b.databaseOid;
  return bySystem || byMarker;
}

/**
 * Refuses to start when Dev and Prod are the same database, or when the
 * audit store is Dev's or Prod's database — decided once connected, by server
 * identity and database (never by the URLs' text alone: two spellings reach
 * one database, and `localhost` may not be `127.0.0.1`) — or when a URL fails
 * the driver-level checks (duplicate parameters, uselibpqcompat, a remote
 * host without TLS). Dev and Prod must be reachable; the audit store's
 * reachability is reported by its migration, which follows.
 */
export async function checkEnvironmentSafety(urls: DatabaseUrls): Promise<void> {
  checkUrls(urls);
  const roles = Object.keys(VARIABLE) as Role[];
  const opened = await Promise.allSettled(roles.map((role) => openMarked(urls[role])));
  const sessions = new Map<Role, MarkedSession>();
  opened.forEach((result, i) => {
    if (result.status === 'fulfilled') {
      sessions.set(roles[i], result.value);
    }
  });
  try {
    for (const role of ['development', 'production'] as const) {
      const result = opened[roles.indexOf(role)];
      if (result.status === 'rejected') {
        // Driver messages name host and port at most, never the password.
        throw new EnvironmentSafetyError(
          `cannot reach the Dev or Prod database to check they differ: the ${role} database ${describeTarget(urls[role])}: ${shortMessage(result.reason)}`,
        );
      }
    }
    const markers = [...sessions.values()].map((s) => s.marker);
    const identities = new Map<Role, Identity>();
    for (const [role, session] of sessions) {
      identities.set(
        role,
        await identify(
          session,
          markers.filter((m) => m !== session.marker),
        ),
      );
    }
    for (const [a, b, consequence] of PAIRS) {
      const ia = identities.get(a);
      const ib = identities.get(b);
      const sa = sessions.get(a);
      const sb = sessions.get(b);
      if (ia && ib && sa && sb && sameDatabase(ia, sa.marker, ib, sb.marker)) {
        throw new EnvironmentSafetyError(
          `${VARIABLE[a]} and ${VARIABLE[b]} reach the same database "${ib.database}" on the same server ` +
            `(${describeTarget(urls[a])} and ${describeTarget(urls[b])}): ${consequence}; point ${VARIABLE[a]} at another database`,
        );
      }
    }
  } finally {
    await Promise.all(
      [...sessions.values()].map(({ client }) =>
        client
          .query('ROLLBACK')
          .then(
            () => client.end(),
            () => client.end(),
          )
          .catch(() => undefined),
      ),
    );
  }
}
