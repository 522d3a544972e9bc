import { createTestDatabase, type TestDatabase } from '@vantix/testing';
import { CrmDatabase } from './db/crm-database';
import { MissingParentsError } from './plan/errors';
import { SyncEngine } from './sync-engine';
import { planAndApply } from './testing/sync-helpers';

// Nothing about a table is hard-coded: composite and non-uuid keys, a
// self-reference over a composite key, and a foreign key to a unique column
// that is not the primary key, on tables that are not the CRM's.
const SCHEMA = `
  CREATE TABLE regions (code text PRIMARY KEY, name text NOT NULL UNIQUE);
  CREATE TABLE org_units (
    tenant int NOT NULL, unit int NOT NULL, parent_unit int, region text REFERENCES regions (code), label text NOT NULL,
    PRIMARY KEY (tenant, unit),
    FOREIGN KEY (tenant, parent_unit) REFERENCES org_units (tenant, unit));
  CREATE TABLE offices (id bigint PRIMARY KEY, region_name text NOT NULL REFERENCES regions (name), tags text[]);`;

describe('SyncEngine on other tables', () => {
  let devDb: TestDatabase;
  let prodDb: TestDatabase;
  let dev: CrmDatabase;
  let prod: CrmDatabase;
  let sut: SyncEngine;

  beforeAll(async () => {
    [devDb, prodDb] = await Promise.all([
      createTestDatabase('generic_dev', 'none'),
      createTestDatabase('generic_prod', 'none'),
    ]);
    dev = new CrmDatabase('development', devDb.url);
    prod = new CrmDatabase('production', prodDb.url);
    for (const db of [dev, prod]) {
      await db.pool.query(SCHEMA);
      await db.pool.query(
        `INSERT INTO regions VALUES ('eu', 'Europe'); INSERT INTO org_units VALUES (1, 1, NULL, 'eu', 'root')`,
      );
    }
    await dev.pool.query(`
      INSERT INTO regions VALUES ('na', 'North America');
      INSERT INTO org_units VALUES (1, 4, 3, NULL, 'team'), (1, 3, 2, 'na', 'group'), (1, 2, 1, NULL, 'division');
      INSERT INTO offices VALUES (9007199254740993, 'North America', '{"a b","c,d"}');`);
    sut = new SyncEngine(dev, prod, {
      tables: ['offices', 'org_units', 'regions'],
      batchSize: 1,
    });
  });
  afterAll(async () => {
    await Promise.all([dev.close(), prod.close()]);
    await Promise.all([devDb.drop(), prodDb.drop()]);
  });

  it('lists the missing ancestors of a composite-key record, through its self-reference', async () => {
    const error = await sut
      .plan({
        selections: [{ table: 'org_units', ids: ['["1","4"]'] }],
        includeParents: false,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingParentsError);
    expect((error as MissingParentsError).parents.map((p) => `${p.table} ${p.id}`).sort()).toEqual([
      'org_units ["1","2"]',
      'org_units ["1","3"]',
      'regions na',
    ]);
  });

  it('syncs them parent-first, one row per statement, and follows a foreign key to a unique column', async () => {
    const outcome = await planAndApply(sut, {
      selections: [
        { table: 'org_units', ids: ['["1","4"]'] },
        { table: 'offices', ids: ['9007199254740993'] },
      ],
      includeParents: true,
    });
    expect(outcome.status).toBe('committed');
    expect(outcome.plan.tables).toEqual([
      { table: 'regions', selected: [], addedParents: ['na'] },
      { table: 'offices', selected: ['9007199254740993'], addedParents: [] },
      {
        table: 'org_units',
        selected: ['["1","4"]'],
        addedParents: ['["1","3"]', '["1","2"]'],
      },
    ]);
    expect(outcome.summary).toEqual({ inserted: 5, skipped: 0, failed: 0 });
    // Production's fingerprints are read back by key, composite and bigint keys spelled as the results spell them.
    expect(outcome.written?.map((w) => `${w.table} ${w.id}`).sort()).toEqual(
      outcome.results.map((r) => `${r.table} ${r.id}`).sort(),
    );
    const copied = await prod.pool.query(`SELECT id::text, tags FROM offices`);
    expect(copied.rows).toEqual([{ id: '9007199254740993', tags: ['a b', 'c,d'] }]);
    const units = await prod.pool.query(`SELECT unit, parent_unit FROM org_units ORDER BY unit`);
    expect(units.rows).toEqual([
      { unit: 1, parent_unit: null },
      { unit: 2, parent_unit: 1 },
      { unit: 3, parent_unit: 2 },
      { unit: 4, parent_unit: 3 },
    ]);
  });
});
