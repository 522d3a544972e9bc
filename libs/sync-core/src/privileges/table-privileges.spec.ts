import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createTestDatabase, TEST_SERVER_URL, TestDatabase } from '@vantix/testing';
import { checkTablePrivileges } from './table-privileges';

/** Roles are cluster-wide: unique names, dropped after the file. */
describe(checkTablePrivileges.name, () => {
  let db: TestDatabase;
  let admin: Client;
  const roles: string[] = [];
  const pools: Pool[] = [];

  /** A login role holding exactly `grants`, and a pool that connects as it (trust auth). */
  async function connectAs(grants: string[]): Promise<Pool> {
    const role = `vx_priv_${randomBytes(4).toString('hex')}`;
    roles.push(role);
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    for (const grant of grants) {
      await admin.query(grant.replaceAll('$ROLE', role));
    }
    const url = new URL(db.url);
    url.username = role;
    const pool = new Pool({ connectionString: url.toString(), max: 1 });
    pools.push(pool);
    return pool;
  }

  beforeAll(async () => {
    db = await createTestDatabase('privileges', 'crm');
    admin = new Client({ connectionString: db.url });
    await admin.connect();
  });

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await admin?.end();
    await db?.drop();
    const server = new Client({ connectionString: TEST_SERVER_URL });
    await server.connect();
    for (const role of roles) {
      await server.query(`DROP ROLE IF EXISTS ${role}`);
    }
    await server.end();
  });

  it('finds nothing to warn about for a role with only SELECT and INSERT', async () => {
    const pool = await connectAs(['GRANT SELECT, INSERT ON users, customers, customer_notes, customer_files TO $ROLE']);
    const report = await checkTablePrivileges(pool);
    expect(report.superuser).toBe(false);
    expect(report.warnings).toEqual([]);
    expect(report.tables).toEqual(
      ['users', 'customers', 'customer_notes', 'customer_files'].map((table) => ({
        table,
        exists: true,
        select: true,
        insert: true,
        update: false,
        delete: false,
        truncate: false,
      })),
    );
  });

  it('warns about UPDATE, DELETE and TRUNCATE, naming the tables', async () => {
    const pool = await connectAs([
      'GRANT SELECT, INSERT ON users, customers, customer_notes, customer_files TO $ROLE',
      'GRANT UPDATE, DELETE ON customers TO $ROLE',
      'GRANT TRUNCATE ON customer_files TO $ROLE',
    ]);
    const report = await checkTablePrivileges(pool);
    expect(report.warnings).toEqual([
      expect.stringMatching(/holds UPDATE, DELETE on customers, which Vantix Sync never needs/),
      expect.stringMatching(/holds TRUNCATE on customer_files,/),
    ]);
    expect(report.warnings[0]).toContain(report.role);
  });

  it('sees privileges held through a group role and through PUBLIC', async () => {
    const group = await connectAs([]);
    const groupRole = roles.at(-1) as string;
    await admin.query(`GRANT SELECT, INSERT, DELETE ON customers TO ${groupRole}`);
    const member = await connectAs([`GRANT ${groupRole} TO $ROLE`, 'GRANT UPDATE ON customer_notes TO PUBLIC']);
    const report = await checkTablePrivileges(member, ['customers', 'customer_notes']);
    expect(report.tables.map((t) => [t.table, t.delete, t.update])).toEqual([
      ['customers', true, false],
      ['customer_notes', false, true],
    ]);
    await admin.query('REVOKE UPDATE ON customer_notes FROM PUBLIC');
    await group.end();
    pools.splice(pools.indexOf(group), 1);
  });

  it('warns about a superuser, a missing table and a missing INSERT; table names are never spliced into SQL', async () => {
    const superuser = await checkTablePrivileges(admin);
    expect(superuser.superuser).toBe(true);
    expect(superuser.warnings[0]).toMatch(/is a superuser/);

    const pool = await connectAs(['GRANT SELECT ON users TO $ROLE']);
    const hostile = `users"; DROP TABLE customers; --`;
    const report = await checkTablePrivileges(pool, ['users', hostile]);
    expect(report.tables[1]).toMatchObject({
      table: hostile,
      exists: false,
      select: false,
    });
    expect(report.warnings).toEqual([
      `Production has no table ${hostile}`,
      expect.stringMatching(/lacks SELECT or INSERT on users: comparisons or syncs of them will fail/),
    ]);
    expect((await admin.query(`SELECT to_regclass('customers') IS NOT NULL AS present`)).rows[0].present).toBe(true);
  });
});
