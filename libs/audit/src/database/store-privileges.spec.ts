import { createTestDatabase, createTestRole, onDatabase, TestDatabase, TestRole } from '@vantix/testing';
import { missingStorePrivileges, STORE_TABLE_PRIVILEGES } from './store-privileges';

describe('missingStorePrivileges', () => {
  let store: TestDatabase;
  let role: TestRole;

  beforeAll(async () => {
    store = await createTestDatabase('store_privileges', 'audit');
    role = await createTestRole('store_app');
  });

  afterAll(async () => {
    await store?.drop();
    await role?.drop();
  });

  it('knows every table the store migrations create (a new table must say what the app needs on it)', async () => {
    const tables = await onDatabase(store.url, async (client) =>
      (
        await client.query<{ name: string }>(
          `SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'`,
        )
      ).rows.map((r) => r.name),
    );
    expect(tables.sort()).toEqual(Object.keys(STORE_TABLE_PRIVILEGES).sort());
  });

  it('names every grant a bare role lacks, nothing for the owner, and exactly what one revoke took away', async () => {
    const asRole = role.urlFor(store.url);
    await onDatabase(store.url, (client) => client.query(`GRANT USAGE ON SCHEMA public TO "${role.name}"`));
    const bare = await onDatabase(asRole, missingStorePrivileges);
    expect(bare).toContain('INSERT on audit_events');
    expect(bare).toContain('UPDATE on syncs');
    expect(bare).toContain('USAGE on sequence audit_events_seq_seq');
    expect(bare).not.toContain('UPDATE on audit_events');
    expect(bare).toHaveLength(Object.values(STORE_TABLE_PRIVILEGES).flat().length + 1);

    expect(await onDatabase(store.url, missingStorePrivileges)).toEqual([]);

    await onDatabase(store.url, async (client) => {
      for (const [table, privileges] of Object.entries(STORE_TABLE_PRIVILEGES)) {
        await client.query(`GRANT ${privileges.join(', ')} ON "${table}" TO "${role.name}"`);
      }
      await client.query(`GRANT USAGE ON SEQUENCE audit_events_seq_seq TO "${role.name}"`);
      await client.query(`REVOKE UPDATE ON syncs FROM "${role.name}"`);
    });
    expect(await onDatabase(asRole, missingStorePrivileges)).toEqual(['UPDATE on syncs']);
  });
});
