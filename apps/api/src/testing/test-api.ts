import { INestApplication } from '@nestjs/common';
import { DatabaseUrls, loadConfig } from '@vantix/config';
import type { ComparisonReport } from '@vantix/contracts';
import { createTestDatabase, insertUsers, makeTestUser, TestDatabase, TestUser, trustEnv } from '@vantix/testing';
import { randomBytes } from 'node:crypto';
import { Pool, QueryResultRow } from 'pg';
import request from 'supertest';
import { createApp } from '../app/create-app';
import { apiFeatures } from '../app/features';
import { openRuntime } from '../app/runtime/open-runtime';
import { Runtime } from '../app/runtime/runtime';

export type DatabaseRole = keyof DatabaseUrls;

export interface StartTestApiOptions {
  /** Default 'development' (the /api/dev routes exist). */
  appEnv?: 'development' | 'production';
  /**
   * Extra configuration variables, as in the process environment (e.g.
   * LOG_LEVEL, REPORT_RECORD_CAP, LOGIN_LIMIT_PER_IP). The harness sets its
   * own database URLs and JWT secret; login limits default to 1000/min so
   * tests that log in often are not throttled (the rate-limit test sets them).
   */
  env?: Record<string, string>;
  /** Runs after the admin and agent users exist, before the API starts: fill Dev and Prod. */
  seed?: (pools: { development: Pool; production: Pool }) => Promise<void>;
  /**
   * Overrides of the URLs the API is configured with (e.g. a database of the
   * test's own); the harness's databases are still created and dropped. The
   * API starts as main.ts starts it: a database it cannot reach refuses the
   * start — take one down after the start instead (takeDatabaseDown).
   */
  urls?: Partial<DatabaseUrls>;
  /**
   * Connection passwords written into the configured URLs (the trusting test
   * server ignores them), to check that none of them ever shows.
   */
  passwords?: Partial<Record<DatabaseRole, string>>;
  /** Skip logging in the admin and agent at start (adminToken/agentToken are then ''). */
  skipLogin?: boolean;
}

export interface TestApi {
  app: INestApplication;
  /** supertest bound to the app: `api.http.get('/api/health')`. */
  http: ReturnType<typeof request>;
  runtime: Runtime;
  /** The harness's throwaway databases (dropped by close()); `runtime.urls` is what the API was configured with. */
  urls: DatabaseUrls;
  /** Seeded in Dev and Prod with the same ids: an admin and a non-admin ("agent"). */
  users: { admin: TestUser; agent: TestUser };
  adminToken: string;
  agentToken: string;
  /** POST /api/auth/login; the access token, or an Error naming the status. */
  login(email: string, password: string): Promise<string>;
  /** `{ Authorization: 'Bearer …' }` for supertest's `.set()`. */
  bearer(token: string): { Authorization: string };
  /** POST /api/dev/compare-databases as `token` (the admin's by default); the report, or an Error unless 201. */
  compare(token?: string): Promise<ComparisonReport>;
  /** A query straight against one of the databases (to arrange or to check what the API wrote). */
  query<Row extends QueryResultRow = QueryResultRow>(
    database: DatabaseRole,
    sql: string,
    params?: unknown[],
  ): Promise<Row[]>;
  /** The harness's own pool on one database (ended by close()), e.g. for insertUsers. */
  pool(database: DatabaseRole): Pool;
  /** Closes the app and the pools, and drops the three databases. */
  close(): Promise<void>;
}

/** A JWT secret for tests: 48 random characters (the config requires 32+). */
export function testJwtSecret(): string {
  return randomBytes(36).toString('base64url');
}

function withPassword(url: string, password: string | undefined): string {
  if (password === undefined) {
    return url;
  }
  const withIt = new URL(url);
  withIt.password = password;
  return withIt.toString();
}

/**
 * Starts the whole API as main.ts does (openRuntime → createApp +
 * apiFeatures) on three throwaway databases of the local PostgreSQL: Dev and
 * Prod with the CRM tables, seeded with an admin and an agent, and an EMPTY
 * audit store — migrating it is the start's own job, as in a deployment.
 * Each call has its own databases, so test files may run in parallel.
 */
export async function startTestApi(options: StartTestApiOptions = {}): Promise<TestApi> {
  const databases: TestDatabase[] = [];
  const pools: Pool[] = [];
  let app: INestApplication | undefined;
  let runtime: Runtime | undefined;
  const close = async (): Promise<void> => {
    // The databases are dropped even if the app fails to close (drop uses FORCE).
    try {
      await app?.close();
      await runtime?.close();
    } finally {
      await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
      await Promise.all(databases.map((db) => db.drop()));
    }
  };
  try {
    const [dev, prod, audit] = await Promise.all([
      createTestDatabase('api_dev', 'crm'),
      createTestDatabase('api_prod', 'crm'),
      createTestDatabase('api_audit', 'none'),
    ]);
    databases.push(dev, prod, audit);
    const urls: DatabaseUrls = {
      development: dev.url,
      production: prod.url,
      audit: audit.url,
    };
    const pool = {
      development: new Pool({ connectionString: dev.url, max: 2 }),
      production: new Pool({ connectionString: prod.url, max: 2 }),
      audit: new Pool({ connectionString: audit.url, max: 2 }),
    };
    pools.push(pool.development, pool.production, pool.audit);
    // An idle connection the server ends (a suite that kills backends, the
    // final DROP … WITH (FORCE)) must not become an unhandled 'error' event
    // that fails the whole test file; queries still report their own errors.
    for (const p of pools) {
      p.on('error', () => undefined);
    }

    const users = {
      admin: makeTestUser('admin'),
      agent: makeTestUser('agent'),
    };
    await Promise.all([
      insertUsers(pool.development, [users.admin, users.agent]),
      insertUsers(pool.production, [users.admin, users.agent]),
    ]);
    await options.seed?.({
      development: pool.development,
      production: pool.production,
    });

    const overridden = { ...urls, ...options.urls };
    const configured: DatabaseUrls = {
      development: withPassword(overridden.development, options.passwords?.development),
      production: withPassword(overridden.production, options.passwords?.production),
      audit: withPassword(overridden.audit, options.passwords?.audit),
    };
    const jwtSecret = testJwtSecret();
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      LOGIN_LIMIT_PER_IP_AND_EMAIL: '1000',
      LOGIN_LIMIT_PER_IP: '1000',
      // A key and an anchor file of this API's own (a test may replace them).
      ...trustEnv(),
      ...options.env,
      APP_ENV: options.appEnv ?? 'development',
      DATABASE_URL_DEV: configured.development,
      DATABASE_URL_PROD: configured.production,
      AUDIT_DATABASE_URL: configured.audit,
      JWT_SECRET: jwtSecret,
    });
    const opened = await openRuntime(config);
    runtime = opened;
    const nest = await createApp(opened, apiFeatures(opened));
    app = nest;
    // Nest buffers its own log lines until listen(); a test app is never
    // listened on, so flush now: tests see the logs a running API writes.
    nest.flushLogs();
    const http = request(nest.getHttpServer());

    const login = async (email: string, password: string): Promise<string> => {
      const response = await http.post('/api/auth/login').send({ email, password });
      if (response.status !== 200) {
        throw new Error(`login of ${email} answered ${response.status}: ${JSON.stringify(response.body)}`);
      }
      return (response.body as { accessToken: string }).accessToken;
    };
    const [adminToken, agentToken] = options.skipLogin
      ? ['', '']
      : await Promise.all([
          login(users.admin.email, users.admin.password),
          login(users.agent.email, users.agent.password),
        ]);

    return {
      app: nest,
      http,
      runtime: opened,
      urls,
      users,
      adminToken,
      agentToken,
      login,
      bearer: (token) => ({ Authorization: `Bearer ${token}` }),
      compare: async (token = adminToken) => {
        const response = await http
          .post('/api/dev/compare-databases')
          .set({ Authorization: `Bearer ${token}` })
          .send({});
        if (response.status !== 201) {
          throw new Error(
            `POST /api/dev/compare-databases answered ${response.status}: ${JSON.stringify(response.body)}`,
          );
        }
        return response.body as ComparisonReport;
      },
      query: async <Row extends QueryResultRow>(database: DatabaseRole, sql: string, params: unknown[] = []) =>
        (await pool[database].query<Row>(sql, params)).rows,
      pool: (database) => pool[database],
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
