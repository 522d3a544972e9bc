import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { STORE_TABLE_PRIVILEGES } from '@vantix/audit';
import { AppConfig, loadConfig } from '@vantix/config';
import { auditMigrationsDir, readMigrations } from '@vantix/migrations';
import { createTestDatabase, createTestRole, TestDatabase, TestRole, trustEnv } from '@vantix/testing';
import { Environment, openEnvironment } from './open-environment';
import { EnvironmentSafetyError } from './environment-safety';
import { StartRefusal } from './start-refusal';

const AUDIT_MIGRATIONS = readMigrations(auditMigrationsDir()).map((m) => m.name);

function configFor(urls: { development: string; production: string; audit: string }): AppConfig {
  return loadConfig(
    {
      DATABASE_URL_DEV: urls.development,
      DATABASE_URL_PROD: urls.production,
      AUDIT_DATABASE_URL: urls.audit,
      APP_ENV: 'development',
      ...trustEnv(),
    },
    { client: 'cli' },
  );
}

async function tablesOf(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    return rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

async function refusalOf(config: AppConfig): Promise<Error> {
  const outcome = await openEnvironment(config, { client: 'cli' }).then(
    async (environment) => {
      await environment.close();
      return null;
    },
    (error: unknown) => error as Error,
  );
  if (!outcome) {
    throw new Error('openEnvironment started although it should have refused');
  }
  return outcome;
}

describe('openEnvironment with real databases', () => {
  let dev: TestDatabase;
  let prod: TestDatabase;
  let audit: TestDatabase;
  beforeEach(async () => {
    // Empty databases, as a deployment starts: Dev and Prod as Vantix Sync finds them, the store never touched.
    [dev, prod, audit] = await Promise.all([
      createTestDatabase('env_dev', 'none'),
      createTestDatabase('env_prod', 'none'),
      createTestDatabase('env_audit', 'none'),
    ]);
  });
  afterEach(() => Promise.all([dev.drop(), prod.drop(), audit.drop()]));

  const urls = () => ({ development: dev.url, production: prod.url, audit: audit.url });

  it('migrates the empty audit store, never the CRM databases, and opens the three wrappers', async () => {
    const environment = await openEnvironment(configFor(urls()), { client: 'cli' });
    try {
      expect(environment.demo).toBeNull();
      expect(environment.urls).toEqual(urls());
      expect(environment.auditMigrations).toEqual({ applied: AUDIT_MIGRATIONS, alreadyApplied: [] });
      expect(await tablesOf(audit.url)).toEqual(
        expect.arrayContaining(['_prisma_migrations', 'audit_events', 'comparisons', 'comparison_records']),
      );
      expect(await tablesOf(dev.url)).toEqual([]);
      expect(await tablesOf(prod.url)).toEqual([]);
      const names = await Promise.all([
        environment.development.pool.query<{ name: string }>("SELECT current_setting('application_name') AS name"),
        environment.production.pool.query<{ name: string }>("SELECT current_setting('application_name') AS name"),
        environment.audit.pool.query<{ name: string }>("SELECT current_setting('application_name') AS name"),
      ]);
      expect(names.map((r) => r.rows[0].name)).toEqual([
        'vantix-sync-cli-development',
        'vantix-sync-cli-production',
        'vantix-sync-cli-audit',
      ]);
    } finally {
      await environment.close();
      await environment.close();
    }
    expect(environment.development.pool.ended).toBe(true);
    expect(environment.audit.pool.ended).toBe(true);

    const again = await openEnvironment(configFor(urls()), { client: 'api' });
    await again.close();
    expect(again.auditMigrations).toEqual({ applied: [], alreadyApplied: AUDIT_MIGRATIONS });
  });

  it('lets two starts at once migrate the store once (they queue on the advisory lock)', async () => {
    const both = await Promise.all([
      openEnvironment(configFor(urls()), { client: 'api' }),
      openEnvironment(configFor(urls()), { client: 'cli' }),
    ]);
    await Promise.all(both.map((environment) => environment.close()));
    expect(both.map((e) => e.auditMigrations.applied.length).sort()).toEqual([0, AUDIT_MIGRATIONS.length]);
    const client = new Client({ connectionString: audit.url });
    await client.connect();
    const { rows } = await client
      .query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY 1')
      .finally(() => client.end());
    expect(rows.map((r) => r.migration_name)).toEqual(AUDIT_MIGRATIONS);
  });

  describe('with an audit role that may not create tables', () => {
    let role: TestRole;
    beforeEach(async () => {
      role = await createTestRole('env_app');
    });
    afterEach(async () => {
      await audit.drop();
      await role.drop();
    });

    it('refuses in one line naming the owner’s command, without the password, and creates nothing', async () => {
      const error = await refusalOf(configFor({ ...urls(), audit: role.urlFor(audit.url, 'App-S3cret') }));
      expect(error).toBeInstanceOf(StartRefusal);
      expect(error.message.split('\n')).toHaveLength(1);
      expect(error.message).toContain(
        `the audit store ${new URL(audit.url).host}/${audit.name} has ${AUDIT_MIGRATIONS.length} migration(s) to apply and the role "${role.name}" may not (permission denied for schema public)`,
      );
      expect(error.message).toContain(
        `run npm run migrate -- audit "postgres://${role.name}:***@${new URL(audit.url).host}/${audit.name}" as the database owner`,
      );
      expect(error.message).not.toContain('App-S3cret');
      expect(await tablesOf(audit.url)).toEqual([]);
    });

    it('starts once the owner has migrated the store: no DDL when nothing is pending', async () => {
      const owner = await openEnvironment(configFor(urls()), { client: 'cli' });
      await owner.close();
      const client = new Client({ connectionString: audit.url });
      await client.connect();
      try {
        // What the README's "Audit store roles" block grants the appending role.
        for (const [table, privileges] of Object.entries(STORE_TABLE_PRIVILEGES)) {
          await client.query(`GRANT ${privileges.join(', ')} ON "${table}" TO "${role.name}"`);
        }
        await client.query(`GRANT USAGE ON SEQUENCE audit_events_seq_seq TO "${role.name}"`);
      } finally {
        await client.end();
      }

      const environment = await openEnvironment(configFor({ ...urls(), audit: role.urlFor(audit.url) }), {
        client: 'api',
      });
      await environment.close();
      expect(environment.auditMigrations.applied).toEqual([]);
    });
  });

  it('refuses an unreachable audit store, naming it, without the password', async () => {
    const error = await refusalOf(configFor({ ...urls(), audit: 'postgres://sync:Audit-Pw@127.0.0.1:1/vx_audit' }));
    expect(error).toBeInstanceOf(StartRefusal);
    expect(error.message).toMatch(/^the audit store 127\.0\.0\.1:1\/vx_audit is unavailable: .*ECONNREFUSED/);
    expect(error.message).not.toContain('Audit-Pw');
  });

  it('runs the safety checks before writing anything: Dev = Prod is refused and the store stays empty', async () => {
    const sameAsDev = dev.url.replace('127.0.0.1', 'localhost');
    const error = await refusalOf(configFor({ ...urls(), production: `${sameAsDev}?application_name=prod` }));
    expect(error).toBeInstanceOf(EnvironmentSafetyError);
    expect(error.message).toMatch(/^DATABASE_URL_DEV and DATABASE_URL_PROD reach the same database/);
    expect(await tablesOf(audit.url)).toEqual([]);
  });

  it('refuses an audit store that is the Dev database before migrating anything into it', async () => {
    const error = await refusalOf(configFor({ ...urls(), audit: dev.url.replace('127.0.0.1', 'localhost') }));
    expect(error).toBeInstanceOf(EnvironmentSafetyError);
    expect(error.message).toMatch(/^AUDIT_DATABASE_URL and DATABASE_URL_DEV reach the same database/);
    expect(await tablesOf(dev.url)).toEqual([]);
  });
});

describe('openEnvironment in demo mode (nothing configured)', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'vx-runtime-demo-')), 'data');
  let environment: Environment | undefined;
  afterAll(async () => {
    await environment?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the embedded demo, runs the same checks and migration, and stops it on close', async () => {
    environment = await openEnvironment(loadConfig({ DEMO_DATA_DIR: dataDir }), { client: 'cli' });
    expect(environment.demo?.dataDir).toBe(dataDir);
    // It holds the demo admin's password and the JWT secret: its owner's only.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(environment.demo?.credentials.admin.email).toEqual(expect.any(String));
    for (const url of Object.values(environment.urls)) {
      expect(new URL(url).hostname).toBe('127.0.0.1');
    }
    // The demo store was migrated by the demo; this start found nothing left to do.
    expect(environment.auditMigrations.alreadyApplied).toEqual(AUDIT_MIGRATIONS);
    const { rows } = await environment.development.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customers',
    );
    expect(rows[0].n).toBeGreaterThan(0);
    const url = environment.urls.development;
    await environment.close();
    environment = undefined;
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    await expect(client.connect()).rejects.toThrow();
  }, 300_000);
});
