import { databaseEndpoint, describeEndpoint } from './connection-string';

/**
 * A connection string as it may be shown anywhere (logs, health, reports):
 * user, host, port and database, never the password (neither the URL's nor a
 * `?password=` parameter).
 */
export function redactConnectionString(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) {
      url.password = '***';
    }
    if (url.searchParams.has('password')) {
      url.searchParams.set('password', '***');
    }
    return url.toString();
  } catch {
    return '<unparseable connection string>';
  }
}

/** `host:port/database` where the driver really connects (a `?host=` wins over the authority), for status displays. */
export function describeTarget(connectionString: string): string {
  try {
    return describeEndpoint(databaseEndpoint(connectionString));
  } catch {
    return '<unparseable connection string>';
  }
}
