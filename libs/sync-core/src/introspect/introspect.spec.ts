import { applyMigrations, crmMigrationsDir } from '@vantix/migrations';
import { createTestDatabase, TestDatabase } from '@vantix/testing';
import { CrmDatabase } from '../db/crm-database';
import { PgliteProcess, startPgliteProcess } from '@vantix/testing';
import { introspectTables } from './introspect';

const EXTRA_SQL = `
  CREATE TABLE "tags" (code text, lang char(2), label varchar(40) NOT NULL, PRIMARY KEY (lang, code));
  CREATE TABLE "customer_tags" (
    customer_id uuid NOT NULL REFERENCES customers(id),
    tag_lang char(2) NOT NULL, tag_code text NOT NULL,
    CONSTRAINT customer_tags_tag_fkey FOREIGN KEY (tag_code, tag_lang) REFERENCES tags(code, lang),
    PRIMARY KEY (tag_code, customer_id, tag_lang));
  ALTER TABLE customers DROP COLUMN phone;`;

async function expectCrmCatalog(db: CrmDatabase): Promise<void> {
  const schemas = await introspectTables(db, ['customer_notes', 'users', 'tags', 'customer_tags', 'customers', 'nope']);
  expect(schemas.get('nope')).toBeNull();

  const notes = schemas.get('customer_notes');
  expect(notes?.primaryKey).toEqual(['id']);
  expect(notes?.columns).toEqual([
    { name: 'id', dataType: 'uuid', nullable: false },
    { name: 'customer_id', dataType: 'uuid', nullable: false },
    { name: 'author_id', dataType: 'uuid', nullable: true },
    { name: 'body', dataType: 'text', nullable: false },
    { name: 'created_at', dataType: 'timestamp(3) with time zone', nullable: false },
    { name: 'updated_at', dataType: 'timestamp(3) with time zone', nullable: false },
  ]);
  expect(notes?.foreignKeys).toEqual([
    {
      constraintName: 'customer_notes_author_id_fkey',
      columns: ['author_id'],
      referencedTable: 'users',
      referencedColumns: ['id'],
    },
    {
      constraintName: 'customer_notes_customer_id_fkey',
      columns: ['customer_id'],
      referencedTable: 'customers',
      referencedColumns: ['id'],
    },
  ]);
  // A dropped column is gone from the catalog's view.
  expect(schemas.get('customers')?.columns.map((c) => c.name)).not.toContain('phone');
  expect(schemas.get('users')?.foreignKeys).toEqual([]);

  // Composite keys come in key order, not column order.
  expect(schemas.get('tags')?.primaryKey).toEqual(['lang', 'code']);
  expect(schemas.get('tags')?.columns.map((c) => c.dataType)).toEqual([
    'text',
    'character(2)',
    'character varying(40)',
  ]);
  const customerTags = schemas.get('customer_tags');
  expect(customerTags?.primaryKey).toEqual(['tag_code', 'customer_id', 'tag_lang']);
  expect(customerTags?.foreignKeys).toContainEqual({
    constraintName: 'customer_tags_tag_fkey',
    columns: ['tag_code', 'tag_lang'],
    referencedTable: 'tags',
    referencedColumns: ['code', 'lang'],
  });
}

describe('introspectTables', () => {
  describe('on PostgreSQL 15', () => {
    let testDb: TestDatabase;
    let db: CrmDatabase;
    beforeAll(async () => {
      testDb = await createTestDatabase('introspect');
      db = new CrmDatabase('development', testDb.url);
      await db.pool.query(EXTRA_SQL);
    });
    afterAll(async () => {
      await db.close();
      await testDb.drop();
    });

    it('reads columns, key order and foreign keys from pg_catalog', () => expectCrmCatalog(db));

    it('reads another schema when asked, and never tables of other schemas by default', async () => {
      await db.pool.query(`CREATE SCHEMA crm2; CREATE TABLE crm2.widgets (sku text PRIMARY KEY, qty int)`);
      expect((await introspectTables(db, ['widgets'])).get('widgets')).toBeNull();
      const other = await introspectTables(db, ['widgets'], { schema: 'crm2' });
      expect(other.get('widgets')).toEqual({
        name: 'widgets',
        columns: [
          { name: 'sku', dataType: 'text', nullable: false },
          { name: 'qty', dataType: 'integer', nullable: true },
        ],
        primaryKey: ['sku'],
        foreignKeys: [],
      });
    });
  });

  describe('on PGlite (PostgreSQL 18 in wasm)', () => {
    let pglite: PgliteProcess;
    let db: CrmDatabase;
    beforeAll(async () => {
      pglite = await startPgliteProcess();
      await applyMigrations(pglite.url, crmMigrationsDir());
      db = new CrmDatabase('development', pglite.url, { maxConnections: 1 });
      await db.pool.query(EXTRA_SQL);
    }, 60_000);
    afterAll(async () => {
      await db?.close();
      await pglite?.stop();
    });

    it('reads the same catalog facts', () => expectCrmCatalog(db));
  });
});
