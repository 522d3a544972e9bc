import { onServer } from './test-database';

/** A database taken away by takeDatabaseDown; `restore()` brings it back under its name. */
export interface DatabaseOutage {
  restore(): Promise<void>;
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/**
 * Takes a test database away the way an outage looks to a client: every
 * connection to it is terminated and, while it is "down", it exists under
 * another name, so each new connection fails with "database does not exist"
 * (3D000). `restore()` renames it back (so it is dropped by its own name at the
 * end). Idle connections of the caller's pools to it die too.
 */
export async function takeDatabaseDown(url: string): Promise<DatabaseOutage> {
  const name = databaseName(url);
  const hidden = `${name}_down`;
  await onServer(async (client) => {
    // A request in flight may reconnect between terminate and rename: retry a few times.
    for (let attempt = 1; ; attempt++) {
      await client.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      try {
        await client.query(`ALTER DATABASE "${name}" RENAME TO "${hidden}"`);
        return;
      } catch (error) {
        if (attempt >= 20) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });
  let restored = false;
  return {
    restore: async () => {
      if (restored) {
        return;
      }
      restored = true;
      await onServer(async (client) => {
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [hidden]);
        await client.query(`ALTER DATABASE "${hidden}" RENAME TO "${name}"`);
      });
    },
  };
}
