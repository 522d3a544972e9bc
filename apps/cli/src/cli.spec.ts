import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { ComparisonReport } from '@vantix/contracts';
import {
  asAuditStoreOwner,
  createTestDatabase,
  createTestRole,
  runCliProcess,
  TestDatabase,
  TestRole,
  trustEnv,
} from '@vantix/testing';

// The real CLI in a child process against throwaway databases: what a CI
// pipeline runs. Each invocation starts Node and the TypeScript loader (~2-4 s).
jest.setTimeout(120_000);

describe('vantix-sync CLI', () => {
  let dev: TestDatabase;
  let prod: TestDatabase;
  let audit: TestDatabase;
  let pools: { dev: Pool; prod: Pool; audit: Pool };
  let env: Record<string, string>;
  let readNothing: TestRole;

  beforeAll(async () => {
    [dev, prod, audit] = await Promise.all([
      createTestDatabase('cli_dev', 'crm'),
      createTestDatabase('cli_prod', 'crm'),
      // Empty, as in a fresh deployment: the CLI migrates its own store at start.
      createTestDatabase('cli_audit', 'none'),
    ]);
    readNothing = await createTestRole('cli_no_select');
    pools = {
      dev: new Pool({ connectionString: dev.url, max: 2 }),
      prod: new Pool({ connectionString: prod.url, max: 2 }),
      audit: new Pool({ connectionString: audit.url, max: 2 }),
    };
    env = {
      DATABASE_URL_DEV: dev.url,
      DATABASE_URL_PROD: prod.url,
      AUDIT_DATABASE_URL: audit.url,
      // No JWT_SECRET: the CLI issues no tokens.
      APP_ENV: 'production',
      ...trustEnv(),
    };
    // The same owner in both databases: the clean starting point.
    const [owner, customer, at] = [randomUUID(), randomUUID(), '2026-01-01T00:00:00Z'];
    for (const pool of [pools.dev, pools.prod]) {
      await pool.query(
        `INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) VALUES ($1, 'owner@cli.test', 'Owner', 'agent', 'x', $2, $2)`,
        [owner, at],
      );
      await pool.query(
        `INSERT INTO customers (id, name, owner_id, created_at, updated_at) VALUES ($1, 'Shared Customer', $2, $3, $3)`,
        [customer, owner, at],
      );
    }
  });

  afterAll(async () => {
    await Promise.all(Object.values(pools ?? {}).map((pool) => pool.end()));
    await Promise.all([dev, prod, audit].filter(Boolean).map((db) => db.drop()));
    await readNothing?.drop();
  });

  const events = async (requestType: string) =>
    (
      await pools.audit.query<{
        type: string;
        actor_email: string;
        request_id: string;
        payload: Record<string, unknown>;
      }>('SELECT type, actor_email, request_id, payload FROM audit_events WHERE type = $1 ORDER BY seq', [requestType])
    ).rows;

  it('exits 0 with --fail-on-drift when Production has everything, and prints the per-table summary', async () => {
    const run = await runCliProcess(['compare', '--fail-on-drift'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^table\s+dev\s+prod\s+missing in prod\s+missing in dev\s+differing\s+schema$/m);
    expect(run.stdout).toMatch(/^customers\s+1\s+1\s+0\s+0\s+0\s+same$/m);
    expect(run.stdout).toContain('Recommendations: none');
  });

  it('records the OS user as the actor of comparison.requested and comparison.completed', async () => {
    const completed = await events('comparison.completed');
    const requested = await events('comparison.requested');
    expect(completed.at(-1)?.actor_email).toBe(userInfo().username);
    expect(requested.at(-1)?.request_id).toBe(completed.at(-1)?.request_id);
    // The report is stored like one from the console, under the same actor.
    const stored = await pools.audit.query('SELECT actor_email FROM comparisons WHERE id = $1', [
      completed.at(-1)?.payload['comparisonId'],
    ]);
    expect(stored.rows).toEqual([{ actor_email: userInfo().username }]);
  });

  it('exits 1 with --fail-on-drift when a record is missing in Production', async () => {
    const id = randomUUID();
    await pools.dev.query(`INSERT INTO customers (id, name) VALUES ($1, 'Only In Dev')`, [id]);
    const run = await runCliProcess(['compare', '--fail-on-drift', '--actor', 'ci-pipeline'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^customers\s+2\s+1\s+1\s+0\s+0\s+same$/m);
    expect(run.stdout).toMatch(/^Recommendations:\n/m);
    expect((await events('comparison.completed')).at(-1)?.actor_email).toBe('ci-pipeline');

    // Without --fail-on-drift the same finding is not a failure.
    expect((await runCliProcess(['compare', '--tables', 'customers'], env)).code).toBe(0);
  });

  it('prints the report as JSON with --json, limited to --tables', async () => {
    const run = await runCliProcess(['compare', '--json', '--tables', 'customers, users'], env);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ComparisonReport;
    expect(report.tables.map((t) => t.table).sort()).toEqual(['customers', 'users']);
    const customers = report.tables.find((t) => t.table === 'customers');
    expect(customers?.missingInProduction.count).toBe(1);
    expect(customers?.missingInProduction.records[0]?.summary).toContain('Only In Dev');
    expect(report.recommendations.length).toBeGreaterThan(0);
  });

  it('refuses to start with exit 2 and one line when Production is unreachable, and compares nothing', async () => {
    const requestedBefore = (await events('comparison.requested')).length;
    const run = await runCliProcess(['compare', '--fail-on-drift'], {
      ...env,
      DATABASE_URL_PROD: 'postgres://sync:s3cret-pw@127.0.0.1:1/crm_prod',
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^vantix-sync: cannot reach .*the production database 127\.0\.0\.1:1\/crm_prod/);
    expect(run.stderr).not.toContain('s3cret-pw');
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(await events('comparison.requested')).toHaveLength(requestedBefore);
  });

  it('exits 2 with one line on stderr when the comparison fails on Production, and audits comparison.failed', async () => {
    // A role that may connect to Production but read none of its tables: the start passes, the comparison fails.
    const failedBefore = (await events('comparison.failed')).length;
    const run = await runCliProcess(['compare', '--fail-on-drift'], {
      ...env,
      DATABASE_URL_PROD: readNothing.urlFor(prod.url, 's3cret-pw'),
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    // The engine's own message (which side it names is sync-core's business); an unreachable side is named at start.
    expect(run.stderr).toMatch(/^vantix-sync: \S/);
    expect(run.stderr).not.toContain('s3cret-pw');
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    const failed = await events('comparison.failed');
    expect(failed).toHaveLength(failedBefore + 1);
    expect(JSON.stringify(failed.at(-1))).not.toContain('s3cret-pw');
  });

  it('runs the same start-up safety checks as the API: Dev = Prod is refused with exit 2 and one line', async () => {
    const run = await runCliProcess(['compare'], {
      ...env,
      DATABASE_URL_PROD: `${dev.url.replace('127.0.0.1', 'localhost')}?application_name=prod`,
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^vantix-sync: DATABASE_URL_DEV and DATABASE_URL_PROD reach the same database/);
  });

  it('refuses a remote database without TLS with exit 2, naming it without its password', async () => {
    const run = await runCliProcess(['audit', 'verify'], {
      ...env,
      DATABASE_URL_PROD: 'postgres://sync:Prod-Pw@crm-prod.example.com:5432/crm',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'vantix-sync: Invalid configuration: DATABASE_URL_PROD reaches crm-prod.example.com:5432/crm, which is not on this machine, with no sslmode: add sslmode=verify-full (or require, verify-ca) so the connection is encrypted\n',
    );
  });

  it.each([
    ['sslmode=require&sslmode=disable', /DATABASE_URL_PROD gives the parameter "sslmode" more than once/],
    ['uselibpqcompat=true&sslmode=require', /DATABASE_URL_PROD sets uselibpqcompat/],
  ])('refuses a Prod URL with %s with exit 2 and one line, as the API does', async (query, message) => {
    const run = await runCliProcess(['compare'], { ...env, DATABASE_URL_PROD: `${prod.url}?${query}` });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('refuses to run without APP_ENV outside demo mode, naming it', async () => {
    const withoutAppEnv: Record<string, string> = { ...env };
    delete withoutAppEnv['APP_ENV'];
    const run = await runCliProcess(['compare'], withoutAppEnv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^vantix-sync: Invalid configuration: APP_ENV is required when a database is configured/,
    );
  });

  it('refuses an audit store its role may not migrate, naming the owner’s command, and writes nothing', async () => {
    const fresh = await createTestDatabase('cli_audit_locked', 'none');
    try {
      const run = await runCliProcess(['compare'], {
        ...env,
        AUDIT_DATABASE_URL: readNothing.urlFor(fresh.url, 'Audit-Pw'),
      });
      expect(run.code).toBe(2);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(
        `may not (permission denied for schema public): run npm run migrate -- audit "postgres://${readNothing.name}:***@`,
      );
      expect(run.stderr).not.toContain('Audit-Pw');
      const store = new Pool({ connectionString: fresh.url, max: 1 });
      const { rows } = await store
        .query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`)
        .finally(() => store.end());
      expect(rows[0].n).toBe(0);
    } finally {
      await fresh.drop();
    }
  });

  it('refuses, exit 2 and one line, to append with an AUDIT_HMAC_KEY that does not verify the newest event; the chain stays whole', async () => {
    const before = await runCliProcess(['audit', 'verify'], env);
    expect(before.code).toBe(0);
    const [{ n: events }] = (await pools.audit.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events'))
      .rows;
    expect(events).toBeGreaterThan(0);
    const otherKey = { ...env, AUDIT_HMAC_KEY: trustEnv().AUDIT_HMAC_KEY };
    const run = await runCliProcess(['compare'], otherKey);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /the newest audit event \(seq \d+, key "[^"]+"\) does not verify with the configured AUDIT_HMAC_KEY/,
    );
    expect(run.stderr).not.toContain(otherKey.AUDIT_HMAC_KEY);
    const after = (await pools.audit.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events')).rows[0];
    expect(after.n).toBe(events);
    expect((await runCliProcess(['audit', 'verify'], env)).code).toBe(0);
  });

  it('exits 2 with one line naming the variable when the configuration is wrong', async () => {
    const run = await runCliProcess(['compare'], {
      ...env,
      AUDIT_DATABASE_URL: 'mysql://x',
    });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('AUDIT_DATABASE_URL');
  });

  it('exits 2 naming the table when --tables names one that is not compared', async () => {
    const run = await runCliProcess(['compare', '--tables', 'customers,invoices'], env);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('invoices');
  });

  it('exits 2, not 1, on a usage error (1 means drift to a pipeline)', async () => {
    const run = await runCliProcess(['compare', '--fail-on-drfit'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--fail-on-drfit'");
  });

  it('audit verify exits 0 on an intact chain and 1 after a superuser edited an event', async () => {
    const intact = await runCliProcess(['audit', 'verify', '--json'], env);
    expect(intact.code).toBe(0);
    const result = JSON.parse(intact.stdout) as {
      ok: boolean;
      checked: number;
    };
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(8);

    await asAuditStoreOwner(audit.url, (client) =>
      client.query(
        `UPDATE audit_events SET actor_email = 'someone-else' WHERE seq = (SELECT min(seq) + 1 FROM audit_events)`,
      ),
    );
    const broken = await runCliProcess(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/Audit chain BROKEN at event [0-9a-f-]{36} \(hash_mismatch\)/);
  });

  it('audit verify exits 2 with one line when the audit store is unreachable', async () => {
    const run = await runCliProcess(['audit', 'verify'], {
      ...env,
      AUDIT_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/audit',
    });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^vantix-sync: .*audit store/);
  });

  it('evidence verify exits 2 with one line for a file it cannot read or that is not an evidence bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vx-evidence-'));
    const notBundle = join(dir, 'report.json');
    writeFileSync(notBundle, JSON.stringify({ format: 'something-else', auditEvents: [] }));
    const [missing, wrong] = await Promise.all([
      runCliProcess(['evidence', 'verify', join(dir, 'absent.json')], env),
      runCliProcess(['evidence', 'verify', notBundle], env),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^vantix-sync: cannot read .*absent\.json: ENOENT/);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(/^vantix-sync: .*report\.json: format must be "vantix-sync-evidence\/1"/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates a fresh audit store once when two CLI processes start at the same moment', async () => {
    const fresh = await createTestDatabase('cli_audit_race', 'none');
    try {
      const runs = await Promise.all(
        [1, 2].map(() => runCliProcess(['audit', 'verify', '--json'], { ...env, AUDIT_DATABASE_URL: fresh.url })),
      );
      for (const run of runs) {
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, checked: 0 });
      }
      const store = new Pool({ connectionString: fresh.url, max: 1 });
      try {
        const { rows } = await store.query<{ migration_name: string; n: number }>(
          'SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1',
        );
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((row) => row.n === 1)).toBe(true);
      } finally {
        await store.end();
      }
    } finally {
      await fresh.drop();
    }
  });
});
