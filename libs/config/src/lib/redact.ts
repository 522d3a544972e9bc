/**
 * A connection string as it may be shown anywhere (logs, health, reports):
 * user, host, port and database, never the password.
 */
export function redactConnectionString(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) {
      url.password = '***';
    }
    return url.toString();
  } catch {
    return '<unparseable connection string>';
  }
}

/** `host:port/database` of a connection string, for status displays. */
export function describeTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || '5432'}${url.pathname || '/'}`;
  } catch {
    return '<unparseable connection string>';
  }
}
