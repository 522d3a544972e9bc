// The README's real-database path, black-box: fresh PostgreSQL databases (the
// CRM's tables created by the CRM's own SQL, the audit database EMPTY), the
// BUILT server started as `npm start` starts it with nothing but the README's
// variables, and then only HTTP and the `vantix-sync` binary — no harness, no
// pre-migration, no in-process app. Each step's time is printed at the end.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AuditEventDto, ComparisonReport, Page, RecordProvenance, SyncEvidence, SyncResult } from '@vantix/contracts';
import {
  asAuditStoreOwner,
  CliRun,
  createTestDatabase,
  makeTestUser,
  runCliProcess,
  createTestRole,
  ServerProcess,
  startServerProcess,
  takeDatabaseDown,
  TestDatabase,
} from '@vantix/testing';
import { cliEnvironment, createReadmeDatabases, query, readmeEnvironment, ROOT } from './support/readme-env';

/** An address of this machine that is not loopback, to show what the server does not listen on. */
function lanAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((i) => i?.family === 'IPv4' && !i.internal)?.address;
  if (!address) {
    throw new Error('this machine has no non-loopback IPv4 address to check the bind address with');
  }
  return address;
}

const timings: Array<{ step: string; ms: number }> = [];

/** Runs one step of the path and records how long it took. */
async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.push({ step: name, ms: Math.round(performance.now() - started) });
  }
}

describe('the README path: real databases, the built server, the CLI binary', () => {
  let dev: TestDatabase;
  let prod: TestDatabase;
  let audit: TestDatabase;
  let server: ServerProcess | undefined;
  let env: Record<string, string>;
  const admin = makeTestUser('admin');
  const owner = randomUUID();
  const devOnlyCustomers = [randomUUID(), randomUUID(), randomUUID()];
  const noteOfNewCustomer = randomUUID();
  let token: string;
  let comparison: ComparisonReport;
  let syncId: string;
  let evidenceRun: CliRun | undefined;

  const api = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${(server as ServerProcess).baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  beforeAll(async () => {
    await step('create three empty databases, the CRM tables by the CRM’s own SQL, seed', async () => {
      ({ dev, prod, audit } = await createReadmeDatabases('readme', [admin], (pool) =>
        pool.query(
          `INSERT INTO users (id, email, name, role, password_hash) VALUES ($1, 'owner@readme.test', 'Owner', 'agent', 'x')`,
          [owner],
        ),
      ));
      // Drift: three customers created in Dev only, one with a note (its parent is missing in Prod too).
      for (const id of devOnlyCustomers) {
        await query(dev.url, `INSERT INTO customers (id, name, owner_id) VALUES ($1, 'Dev-only customer', $2)`, [
          id,
          owner,
        ]);
      }
      await query(
        dev.url,
        `INSERT INTO customer_notes (id, customer_id, author_id, body) VALUES ($1, $2, $3, 'written in Dev')`,
        [noteOfNewCustomer, devOnlyCustomers[0], owner],
      );
    });
    env = readmeEnvironment({ development: dev.url, production: prod.url, audit: audit.url });
  });

  afterAll(async () => {
    await server?.stop();
    await Promise.all([dev, prod, audit].filter(Boolean).map((db) => db.drop()));
    const width = Math.max(...timings.map((t) => t.step.length));
    process.stdout.write(
      `\n[readme-path] step timings\n${timings.map((t) => `  ${t.step.padEnd(width)}  ${String(t.ms).padStart(6)} ms`).join('\n')}\n\n`,
    );
  });

  it('uses only variables the README documents', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuring real databases'));
    const documented = new Set([...section.matchAll(/^\|[^|\n]*`([A-Z_]+)`/gm)].map((m) => m[1]));
    for (const name of Object.keys(env)) {
      expect({ name, documented: documented.has(name) }).toEqual({ name, documented: true });
    }
    // The audit database is empty: the server has to migrate it itself.
    expect(audit).toBeDefined();
  });

  it('starts the built server on the empty audit database: it migrates its own store', async () => {
    server = await step('start the built server (node dist/apps/api/main.js) until /api/health answers', () =>
      startServerProcess({ env }),
    );
    const tables = await query<{ table_name: string }>(
      audit.url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['_prisma_migrations', 'audit_events']));
    // The CRM databases are never migrated by Vantix Sync.
    expect(
      await query(dev.url, `SELECT 1 FROM information_schema.tables WHERE table_name = '_prisma_migrations'`),
    ).toEqual([]);
    // Nothing before the banner: it is the first thing a person reads.
    expect(server.output().trimStart()).toMatch(/^Vantix Sync is running\n/);
    expect(server.output()).toContain(`Listening on:  127.0.0.1:`);
  });

  it('listens on 127.0.0.1 only when HOST is not set', async () => {
    const port = new URL((server as ServerProcess).baseUrl).port;
    const fromLan = await fetch(`http://${lanAddress()}:${port}/api/health`).then(
      (response) => `answered ${response.status}`,
      (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
    );
    expect(fromLan).toBe('ECONNREFUSED');
  });

  it('logs in on the first try', async () => {
    const login = await step('POST /api/auth/login', () =>
      api<{ accessToken: string }>('POST', '/api/auth/login', { email: admin.email, password: admin.password }),
    );
    expect(login.status).toBe(200);
    token = login.body.accessToken;
  });

  it('compares Dev with Prod', async () => {
    const compared = await step('POST /api/dev/compare-databases', () =>
      api<ComparisonReport>('POST', '/api/dev/compare-databases', {}),
    );
    expect(compared.status).toBe(201);
    comparison = compared.body;
    const byTable = Object.fromEntries(comparison.tables.map((t) => [t.table, t]));
    expect(byTable['customers'].missingInProduction.count).toBe(3);
    expect(byTable['customer_notes'].missingInProduction.count).toBe(1);
    expect(byTable['users'].missingInProduction.count).toBe(0);
  });

  it('syncs the note with its missing parent into Production', async () => {
    const synced = await step('POST /api/dev/sync-to-production (includeParents)', () =>
      api<SyncResult>('POST', '/api/dev/sync-to-production', {
        comparisonId: comparison.id,
        confirm: true,
        reason: 'Ticket CRM-7: the note of the new customer, with its customer',
        includeParents: true,
        selections: [{ table: 'customer_notes', ids: [noteOfNewCustomer] }],
      }),
    );
    expect(synced.status).toBe(201);
    expect(synced.body.status).toBe('committed');
    syncId = synced.body.id;
    expect(synced.body.summary).toEqual({ inserted: 2, skipped: 0, failed: 0 });
    expect(synced.body.plan.tables).toEqual(
      expect.arrayContaining([expect.objectContaining({ table: 'customers', addedParents: [devOnlyCustomers[0]] })]),
    );
    const inProd = await query<{ id: string }>(prod.url, 'SELECT id FROM customers WHERE id = ANY($1::uuid[])', [
      devOnlyCustomers,
    ]);
    expect(inProd.map((r) => r.id)).toEqual([devOnlyCustomers[0]]);
    expect(await query(prod.url, 'SELECT id FROM customer_notes WHERE id = $1', [noteOfNewCustomer])).toHaveLength(1);
  });

  it("hands out the sync's evidence and the provenance of what it wrote", async () => {
    const evidence = await step('GET /api/dev/syncs/:id/evidence', () =>
      api<SyncEvidence>('GET', `/api/dev/syncs/${syncId}/evidence`),
    );
    expect(evidence.status).toBe(200);
    expect(evidence.body.auditEvents.map((e) => e.type)).toEqual(['sync.requested', 'sync.committed']);
    expect(evidence.body.records.map((r) => [r.table, r.status, r.matchesReview])).toEqual([
      ['customers', 'inserted', true],
      ['customer_notes', 'inserted', true],
    ]);
    const provenance = await step('GET /api/audit/provenance', () =>
      api<RecordProvenance>('GET', `/api/audit/provenance?table=customer_notes&id=${noteOfNewCustomer}`),
    );
    expect(provenance.body).toMatchObject({ written: true, writes: [{ syncId, comparisonId: comparison.id }] });
    const never = await api<RecordProvenance>('GET', `/api/audit/provenance?table=customers&id=${devOnlyCustomers[1]}`);
    expect(never.body).toMatchObject({ written: false, writes: [] });
  });

  it('answers /api/health with 503 naming Production while it is down, and 200 once it is back', async () => {
    const health = async () => {
      const response = await fetch(`${(server as ServerProcess).baseUrl}/api/health`);
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const outage = await takeDatabaseDown(prod.url);
    try {
      expect(await health()).toEqual({
        status: 503,
        body: {
          status: 'degraded',
          databases: { development: { status: 'ok' }, production: { status: 'down' }, audit: { status: 'ok' } },
        },
      });
    } finally {
      await outage.restore();
    }
    expect((await health()).status).toBe(200);
  });

  it('shows the login, the comparison and the sync in the audit log, and the chain verifies', async () => {
    const events = await step('GET /api/audit/events', () =>
      api<Page<AuditEventDto>>('GET', '/api/audit/events?limit=100'),
    );
    expect(events.status).toBe(200);
    expect(events.body.items.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'auth.login_succeeded',
        'comparison.requested',
        'comparison.completed',
        'sync.requested',
        'sync.committed',
      ]),
    );
    const verified = await step('GET /api/audit/verify', () =>
      api<{ ok: boolean; checked: number }>('GET', '/api/audit/verify'),
    );
    expect(verified.body).toMatchObject({ ok: true });
    expect(verified.body.checked).toBe(events.body.items.length);
    await step('stop the server (SIGTERM)', async () => {
      await server?.stop();
    });
  });

  it('runs the CLI binary with the same variables, without JWT_SECRET: compare --json', async () => {
    const run = await step('npx vantix-sync compare --json', () =>
      runCliProcess(['compare', '--json'], cliEnvironment(env)),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ComparisonReport;
    const customers = report.tables.find((t) => t.table === 'customers');
    // The two customers the sync did not take are still missing.
    expect(customers?.missingInProduction.count).toBe(2);
  });

  it('answers --fail-on-drift with 1 while records are missing and 0 where nothing is', async () => {
    const drift = await step('npx vantix-sync compare --fail-on-drift', () =>
      runCliProcess(['compare', '--fail-on-drift'], cliEnvironment(env)),
    );
    expect(drift.code).toBe(1);
    const clean = await step('npx vantix-sync compare --fail-on-drift --tables users,customer_notes', () =>
      runCliProcess(['compare', '--fail-on-drift', '--tables', 'users,customer_notes'], cliEnvironment(env)),
    );
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
  });

  it('verifies the audit chain the API and the CLI wrote together', async () => {
    // Beside it, reading only too: the sync's evidence, checked in the next test (one CLI start saved).
    const [run, written] = await step('npx vantix-sync audit verify --json & evidence <syncId>', () =>
      Promise.all([
        runCliProcess(['audit', 'verify', '--json'], cliEnvironment(env)),
        runCliProcess(['evidence', syncId], cliEnvironment(env)),
      ]),
    );
    evidenceRun = written;
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { ok: boolean; checked: number };
    expect(result.ok).toBe(true);
    const [{ n }] = await query<{ n: number }>(audit.url, 'SELECT count(*)::int AS n FROM audit_events');
    expect(result.checked).toBe(n);
    const cliEvents = await query<{ type: string }>(
      audit.url,
      `SELECT type FROM audit_events WHERE type LIKE 'comparison.%' ORDER BY seq`,
    );
    // From the API the comparison and the sync's re-comparison; from the CLI three comparisons.
    expect(cliEvents.filter((e) => e.type === 'comparison.requested')).toHaveLength(5);
    expect(cliEvents.filter((e) => e.type === 'comparison.completed')).toHaveLength(5);
  });

  it('writes the evidence with the CLI binary and re-checks it: exit 0, then 1 once an audit row was edited', async () => {
    const written = evidenceRun as CliRun;
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    const bundle = JSON.parse(written.stdout) as SyncEvidence;
    expect(bundle.sync.id).toBe(syncId);
    const file = join(tmpdir(), `evidence-${syncId}.json`);
    writeFileSync(file, written.stdout);
    const intact = await step('npx vantix-sync evidence verify file.json', () =>
      runCliProcess(['evidence', 'verify', file], cliEnvironment(env)),
    );
    expect(intact.stdout).toMatch(/verified: 2 event\(s\) unchanged/);
    expect(intact.code).toBe(0);

    // The database's owner edits the sync's reason in its sync.requested event (triggers off, as only an owner can).
    const requested = bundle.auditEvents[0];
    await asAuditStoreOwner(audit.url, (client) =>
      client.query(`UPDATE audit_events SET payload = jsonb_set(payload, '{syncReason}', '"edited"') WHERE id = $1`, [
        requested.id,
      ]),
    );
    const tampered = await step('npx vantix-sync evidence verify file.json (tampered)', () =>
      runCliProcess(['evidence', 'verify', file], cliEnvironment(env)),
    );
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain(
      `event ${requested.id} (sync.requested, seq ${requested.seq}) differs in the store: payload`,
    );
  });
});

describe('the built server on an audit database its role may not migrate', () => {
  it('refuses to start in one line naming the owner’s command, exit code 1, and creates nothing', async () => {
    const [dev, prod, audit] = await Promise.all([
      createTestDatabase('readme_refuse_dev', 'none'),
      createTestDatabase('readme_refuse_prod', 'none'),
      createTestDatabase('readme_refuse_audit', 'none'),
    ]);
    const role = await createTestRole('readme_app');
    try {
      const env = readmeEnvironment({
        development: dev.url,
        production: prod.url,
        audit: role.urlFor(audit.url, 'Audit-App-Pw'),
      });
      const started = await startServerProcess({ env }).then(
        async (running) => {
          await running.stop();
          return null;
        },
        (error: Error) => error.message,
      );
      expect(started).toMatch(/^the server exited with 1 before answering \/api\/health:\n/);
      const output = (started ?? '').split('\n').slice(1).join('\n').trim();
      expect(output.split('\n')).toHaveLength(1);
      expect(output).toMatch(
        new RegExp(
          `^Vantix Sync did not start: the audit store .* and the role "${role.name}" may not .*: run npm run migrate -- audit "postgres://${role.name}:\\*\\*\\*@`,
        ),
      );
      expect(output).not.toContain('Audit-App-Pw');
      expect(
        await query(audit.url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`),
      ).toEqual([]);
    } finally {
      await Promise.all([dev.drop(), prod.drop(), audit.drop()]);
      await role.drop();
    }
  });
});
