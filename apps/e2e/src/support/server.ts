import { randomBytes } from 'node:crypto';
import { Pool, QueryResultRow } from 'pg';
import { DatabaseUrls } from '@vantix/config';
import {
  createTestDatabase,
  insertUsers,
  makeTestUser,
  ServerProcess,
  startServerProcess,
  TestDatabase,
  TestUser,
  trustEnv,
} from '@vantix/testing';

export type DatabaseRole = keyof DatabaseUrls;

/** The built server on fresh databases, and what the browser test needs to check behind the console's back. */
export interface ConsoleServer {
  /** `http://127.0.0.1:<port>`: the console is at `/dev-console`. */
  baseUrl: string;
  urls: DatabaseUrls;
  /** In Dev and Prod with the same ids: an admin and a non-admin ("agent"), with their passwords. */
  users: { admin: TestUser; agent: TestUser };
  /** A query straight against one of the databases. */
  query<Row extends QueryResultRow = QueryResultRow>(
    database: DatabaseRole,
    sql: string,
    params?: unknown[],
  ): Promise<Row[]>;
  /** GET an /api path as the admin (logs in once, on first use); the parsed JSON body. */
  getAsAdmin<T>(path: string): Promise<T>;
  /** The server's environment (the CLI takes the same, minus JWT_SECRET). */
  env: Record<string, string>;
  /** Stops the server and drops the databases. */
  close(): Promise<void>;
}

async function login(baseUrl: string, user: TestUser): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (response.status !== 200) {
    throw new Error(`login of ${user.email} answered ${response.status}: ${await response.text()}`);
  }
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/**
 * What a deployment looks like on its first day: Dev and Prod with the CRM's
 * tables (and `seed`'s drift), an EMPTY audit store, and the BUILT server
 * (`node dist/apps/api/main.js`) started with nothing but the README's
 * variables — it has to migrate its own store before the first login works.
 */
export async function startConsoleServer(
  seed: (pools: { development: Pool; production: Pool }, admin: TestUser) => Promise<void>,
  /** More of the README's variables for this server (e.g. SYNC_APPROVALS). */
  options: { env?: Record<string, string> } = {},
): Promise<ConsoleServer> {
  const databases: TestDatabase[] = [];
  const pools: Partial<Record<DatabaseRole, Pool>> = {};
  let server: ServerProcess | undefined;
  const close = async (): Promise<void> => {
    try {
      await server?.stop();
    } finally {
      await Promise.all(Object.values(pools).map((pool) => pool.end().catch(() => undefined)));
      await Promise.all(databases.map((db) => db.drop()));
    }
  };
  try {
    const [dev, prod, audit] = await Promise.all([
      createTestDatabase('e2e_dev', 'crm'),
      createTestDatabase('e2e_prod', 'crm'),
      createTestDatabase('e2e_audit', 'none'),
    ]);
    databases.push(dev, prod, audit);
    const urls: DatabaseUrls = { development: dev.url, production: prod.url, audit: audit.url };
    for (const role of ['development', 'production', 'audit'] as const) {
      const pool = new Pool({ connectionString: urls[role], max: 2 });
      // The server's own start or the final DROP … WITH (FORCE) may end idle connections.
      pool.on('error', () => undefined);
      pools[role] = pool;
    }
    const pool = (role: DatabaseRole): Pool => pools[role] as Pool;
    const users = { admin: makeTestUser('admin'), agent: makeTestUser('agent') };
    await insertUsers(pool('development'), [users.admin, users.agent]);
    await insertUsers(pool('production'), [users.admin, users.agent]);
    await seed({ development: pool('development'), production: pool('production') }, users.admin);

    const env = {
      DATABASE_URL_DEV: urls.development,
      DATABASE_URL_PROD: urls.production,
      AUDIT_DATABASE_URL: urls.audit,
      JWT_SECRET: randomBytes(36).toString('base64url'),
      ...trustEnv(),
      APP_ENV: 'development',
      ...options.env,
    };
    server = await startServerProcess({ env });
    const { baseUrl } = server;
    let adminToken: Promise<string> | undefined;
    return {
      baseUrl,
      urls,
      users,
      env,
      query: async <Row extends QueryResultRow>(database: DatabaseRole, sql: string, params: unknown[] = []) =>
        (await pool(database).query<Row>(sql, params)).rows,
      getAsAdmin: async <T>(path: string) => {
        adminToken ??= login(baseUrl, users.admin);
        const response = await fetch(`${baseUrl}${path}`, {
          headers: { Authorization: `Bearer ${await adminToken}` },
        });
        if (!response.ok) {
          throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
        }
        return (await response.json()) as T;
      },
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
