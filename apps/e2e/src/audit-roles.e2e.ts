// The README's audit store roles, black-box: its SQL block run as written (an
// owner role and an appending role), the store migrated by the README's own
// command as the owner, then the BUILT server started as the appending role
// and walked through everything that writes the store. A grant missing from
// that block would fail a sync with a permission error in production; here it
// fails this file.
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ComparisonReport, HealthResponse, RecordProvenance, SyncResult } from '@vantix/contracts';
import { makeTestUser, onServer, ServerProcess, startServerProcess, TestDatabase } from '@vantix/testing';
import { createReadmeDatabases, query, readmeEnvironment, ROOT } from './support/readme-env';

/** The SQL block of the README's "Audit store roles" paragraph, split where it says to migrate as the owner. */
function readmeAuditRolesSql(): { asSuperuser: string; asOwner: string } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const paragraph = readme.split('**Audit store roles.**')[1] ?? '';
  const sql = /```sql\n([\s\S]*?)```/.exec(paragraph)?.[1];
  const cut = sql?.indexOf('-- migrate as the owner') ?? -1;
  if (!sql || cut < 0) {
    throw new Error('README.md has no SQL block with "-- migrate as the owner" after "Audit store roles"');
  }
  return { asSuperuser: sql.slice(0, cut), asOwner: sql.slice(cut) };
}

function withRole(url: string, role: string, password: string): string {
  const withUser = new URL(url);
  withUser.username = role;
  withUser.password = password;
  return withUser.toString();
}

describe("the README's audit store roles: its SQL block, its migrate command, the built server as the appending role", () => {
  const suffix = randomBytes(4).toString('hex');
  const ownerRole = `vx_store_owner_${suffix}`;
  const appRole = `vx_store_app_${suffix}`;
  const admin = makeTestUser('admin');
  const devOnlyCustomer = randomUUID();
  let dev: TestDatabase;
  let prod: TestDatabase;
  let audit: TestDatabase;
  let ownerUrl: string;
  let appUrl: string;
  let server: ServerProcess | undefined;
  let token = '';

  const api = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${(server as ServerProcess).baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };

  beforeAll(async () => {
    ({ dev, prod, audit } = await createReadmeDatabases('roles', [admin]));
    await query(dev.url, `INSERT INTO customers (id, name) VALUES ($1, 'Dev-only customer')`, [devOnlyCustomer]);

    // The README's names, made unique on this shared server; its '…' passwords filled in.
    const rename = (sql: string) =>
      sql
        .replaceAll('vantix_audit_owner', ownerRole)
        .replaceAll('vantix_audit_app', appRole)
        .replaceAll('vantix_audit', `"${audit.name}"`)
        .replace(`LOGIN PASSWORD '…'`, `LOGIN PASSWORD 'Owner-Pw'`)
        .replace(`LOGIN PASSWORD '…'`, `LOGIN PASSWORD 'App-Pw'`);
    const { asSuperuser, asOwner } = readmeAuditRolesSql();
    ownerUrl = withRole(audit.url, ownerRole, 'Owner-Pw');
    appUrl = withRole(audit.url, appRole, 'App-Pw');
    await query(audit.url, rename(asSuperuser));
    // "migrate as the owner: npm run migrate -- audit <owner's URL>"
    await promisify(execFile)('npm', ['run', '--silent', 'migrate', '--', 'audit', ownerUrl], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true' },
    });
    await query(ownerUrl, rename(asOwner));
  });

  afterAll(async () => {
    await server?.stop();
    await Promise.all([dev, prod, audit].filter(Boolean).map((db) => db.drop()));
    // The grants lived in the dropped database: now the roles can go.
    await onServer(async (client) => {
      await client.query(`DROP ROLE IF EXISTS "${appRole}"`);
      await client.query(`DROP ROLE IF EXISTS "${ownerRole}"`);
    });
  });

  it('starts as the appending role on the store its owner migrated, with no audit role warning', async () => {
    server = await startServerProcess({
      env: readmeEnvironment({ development: dev.url, production: prod.url, audit: appUrl }),
    });
    expect(server.output().trimStart()).toMatch(/^Vantix Sync is running\n/);
    expect(server.output()).not.toMatch(/audit store role/);
  });

  it('logs in, compares, syncs, answers provenance and the details, and logs out — every store write allowed', async () => {
    const login = await api<{ accessToken: string }>('POST', '/api/auth/login', {
      email: admin.email,
      password: admin.password,
    });
    expect(login.status).toBe(200);
    token = login.body.accessToken;

    const comparison = await api<ComparisonReport>('POST', '/api/dev/compare-databases', {});
    expect(comparison.status).toBe(201);
    const sync = await api<SyncResult>('POST', '/api/dev/sync-to-production', {
      comparisonId: comparison.body.id,
      confirm: true,
      reason: 'The README audit roles, end to end',
      selections: [{ table: 'customers', ids: [devOnlyCustomer] }],
    });
    expect(sync.status).toBe(201);
    expect(sync.body).toMatchObject({ status: 'committed', summary: { inserted: 1 } });

    const provenance = await api<RecordProvenance>(
      'GET',
      `/api/audit/provenance?table=customers&id=${devOnlyCustomer}`,
    );
    expect(provenance.body).toMatchObject({ written: true, writes: [{ syncId: sync.body.id }] });
    const history = await api<{ items: unknown[] }>('GET', '/api/dev/syncs');
    expect(history.status).toBe(200);
    expect(history.body.items).toHaveLength(1);
    const details = await api<HealthResponse>('GET', '/api/health/details');
    expect(details.status).toBe(200);
    expect(JSON.stringify(details.body)).not.toMatch(/audit store role/);

    const logout = await api<null>('POST', '/api/auth/logout');
    expect(logout.status).toBe(204);
    expect((await api<unknown>('GET', '/api/dev/syncs')).status).toBe(401);
  });

  it('leaves the appending role unable to change or remove an audit event', async () => {
    for (const sql of ['UPDATE audit_events SET type = type', 'DELETE FROM audit_events', 'TRUNCATE audit_events']) {
      await expect(query(appUrl, sql)).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('refuses to start, in one line naming the missing grant, once the owner revokes one', async () => {
    await server?.stop();
    server = undefined;
    await query(ownerUrl, `REVOKE UPDATE ON syncs FROM "${appRole}"`);
    const refused = await startServerProcess({
      env: readmeEnvironment({ development: dev.url, production: prod.url, audit: appUrl }),
      startTimeoutMs: 20_000,
    }).then(
      async (running) => {
        await running.stop();
        return 'started';
      },
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/^the server exited with 1 before answering \/api\/health:\n/);
    const output = refused.split('\n').slice(1).join('\n').trim();
    expect(output.split('\n')).toHaveLength(1);
    expect(output).toMatch(
      new RegExp(`^Vantix Sync did not start: the audit store .*: the role "${appRole}" lacks UPDATE on syncs; grant`),
    );
    expect(output).not.toContain('App-Pw');
  });
});
