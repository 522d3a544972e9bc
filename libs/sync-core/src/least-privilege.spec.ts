import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { TEST_SERVER_URL } from '@vantix/testing';
import { ComparisonEngine } from './comparison-engine';
import { CrmDatabase } from './db/crm-database';
import { createDatabasePair, customer, DatabasePair, file, insertRows, note, user } from './testing/spec-fixtures';
import { SyncEngine } from './sync-engine';
import { planAndApply } from './testing/sync-helpers';
import { checkTablePrivileges } from './privileges/table-privileges';

/** The SQL block of the README's "A least-privilege sync role" section: the test runs what the README tells people to run. */
function readmeRoleSql(): string {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const section = readme.split('## A least-privilege sync role')[1] ?? '';
  const sql = /```sql\n([\s\S]*?)```/.exec(section)?.[1];
  if (!sql) {
    throw new Error('README.md has no SQL block in "A least-privilege sync role"');
  }
  return sql;
}

describe('a sync as the README’s least-privilege role', () => {
  let pair: DatabasePair;
  let restricted: CrmDatabase;
  const role = `vx_sync_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    pair = await createDatabasePair('least_priv');
    const prodName = new URL(pair.prod.pool.options.connectionString as string).pathname.slice(1);
    const sql = readmeRoleSql().replaceAll('vantix_sync', role).replaceAll('crm_production', `"${prodName}"`);
    const admin = new Client({
      connectionString: pair.prod.pool.options.connectionString,
    });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
    const url = new URL(pair.prod.pool.options.connectionString as string);
    url.username = role;
    url.password = 'a-long-random-password';
    restricted = new CrmDatabase('production', url.toString());
  });

  afterAll(async () => {
    await restricted?.close();
    await pair?.close();
    // The role's grants lived in the dropped databases: now it can go.
    const server = new Client({ connectionString: TEST_SERVER_URL });
    await server.connect();
    await server.query(`DROP ROLE IF EXISTS ${role}`);
    await server.end();
  });

  it('holds only SELECT and INSERT, and the privilege check has nothing to warn about', async () => {
    const report = await checkTablePrivileges(restricted.pool);
    expect(report.role).toBe(role);
    expect(report.warnings).toEqual([]);
    expect(report.tables.every((t) => t.select && t.insert && !t.update && !t.delete && !t.truncate)).toBe(true);
  });

  it('runs a full sync (lock, introspection, FK closure, inserts) and a comparison', async () => {
    const owner = user();
    const parent = customer({ owner_id: owner.id });
    const notes = [note(parent.id), note(parent.id)];
    const files = [file(parent.id)];
    await insertRows(pair.dev, 'users', [owner]);
    await insertRows(pair.prod, 'users', [owner]);
    await insertRows(pair.dev, 'customers', [parent]);
    await insertRows(pair.dev, 'customer_notes', notes);
    await insertRows(pair.dev, 'customer_files', files);

    const outcome = await planAndApply(new SyncEngine(pair.dev, restricted), {
      selections: [
        { table: 'customer_notes', all: true },
        { table: 'customer_files', all: true },
      ],
      includeParents: true,
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe('committed');
    expect(outcome.summary).toEqual({ inserted: 4, skipped: 0, failed: 0 });

    const report = await new ComparisonEngine(pair.dev, restricted).compare({
      recordCap: 10,
    });
    // (The fixture's users get their own updated_at on each side, so only "missing" is asserted.)
    expect(report.tables.map((t) => [t.table, t.missingInProduction.count])).toEqual([
      ['users', 0],
      ['customers', 0],
      ['customer_notes', 0],
      ['customer_files', 0],
    ]);
  });

  it('cannot UPDATE, DELETE or TRUNCATE a Production row', async () => {
    for (const statement of [
      `UPDATE customers SET name = 'changed'`,
      'DELETE FROM customer_notes',
      'TRUNCATE customer_files',
      `SELECT id FROM customers FOR UPDATE`,
    ]) {
      await expect(restricted.pool.query(statement)).rejects.toMatchObject({
        code: '42501',
      });
    }
    const { rows } = await pair.prod.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM customer_notes`);
    expect(rows[0].n).toBe(2);
  });

  it('with a target role that may only read (a refresh into a read-only Development role): rolls back naming the record and the missing privilege, writes nothing', async () => {
    const reader = `vx_read_${randomBytes(4).toString('hex')}`;
    const prodUrl = pair.prod.pool.options.connectionString as string;
    const admin = new Client({ connectionString: prodUrl });
    await admin.connect();
    let readOnly: CrmDatabase | undefined;
    try {
      await admin.query(`CREATE ROLE ${reader} LOGIN`);
      await admin.query(`GRANT USAGE ON SCHEMA public TO ${reader}`);
      await admin.query(`GRANT SELECT ON users, customers, customer_notes, customer_files TO ${reader}`);
      const url = new URL(prodUrl);
      url.username = reader;
      readOnly = new CrmDatabase('production', url.toString());
      const owner = user();
      const lone = customer({ owner_id: owner.id });
      await insertRows(pair.dev, 'users', [owner]);
      await insertRows(pair.prod, 'users', [owner]);
      await insertRows(pair.dev, 'customers', [lone]);
      const before = await pair.prod.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');

      const outcome = await planAndApply(new SyncEngine(pair.dev, readOnly), {
        selections: [{ table: 'customers', ids: [lone.id] }],
        includeParents: false,
      });
      expect(outcome.status).toBe('rolled_back');
      expect(outcome.error).toContain(lone.id);
      expect(outcome.error).toMatch(/permission denied for table customers/);
      const after = await pair.prod.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
      expect(after.rows[0].n).toBe(before.rows[0].n);
    } finally {
      await readOnly?.close();
      await admin.query(`DROP OWNED BY ${reader}`);
      await admin.query(`DROP ROLE ${reader}`);
      await admin.end();
    }
  });
});
