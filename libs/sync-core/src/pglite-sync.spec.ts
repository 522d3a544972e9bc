import { PgliteProcess, startPgliteProcess } from '@vantix/testing';
import { ComparisonEngine } from './comparison-engine';
import { CrmDatabase } from './db/crm-database';
import { RefusedRecordsError } from './plan/errors';
import { SyncEngine } from './sync-engine';

// The embedded demo runs on PGlite (PostgreSQL 18 in wasm): the write facts
// (pg_depend, pg_sequence, generated columns, unique indexes), the dry run's
// trial insert, the lossless insert with its same-statement check and setval
// must work there too.
describe('sync against Production’s schema facts on PGlite', () => {
  let devServer: PgliteProcess;
  let prodServer: PgliteProcess;
  let dev: CrmDatabase;
  let prod: CrmDatabase;

  // Starting two PGlite processes took over a minute on the loaded 2-core machine.
  beforeAll(async () => {
    [devServer, prodServer] = await Promise.all([startPgliteProcess(), startPgliteProcess()]);
    dev = new CrmDatabase('development', devServer.url, { maxConnections: 2 });
    prod = new CrmDatabase('production', prodServer.url, { maxConnections: 2 });
    await dev.pool.query(`
      CREATE TABLE members (id bigint PRIMARY KEY, email text, name varchar(40), score numeric(8,3));
      INSERT INTO members VALUES (7, 'ann@example.com', 'Ann', 1.5), (8, 'ben@example.com', 'Ben', 2.125),
        (9, 'taken@example.com', 'Cy', 1);`);
    await prod.pool.query(`
      CREATE TABLE members (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text UNIQUE, name varchar(10),
        score numeric(8,2), label text GENERATED ALWAYS AS (upper(name)) STORED);
      INSERT INTO members (email, name) VALUES ('taken@example.com', 'Prod');`);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([dev?.close(), prod?.close()]);
    await Promise.all([devServer?.stop(), prodServer?.stop()]);
  });

  it('reports the unique-key conflict, refuses what does not fit, then copies the rest exactly and moves the sequence on', async () => {
    const report = await new ComparisonEngine(dev, prod, { tables: ['members'] }).compare({ recordCap: 10 });
    expect(report.tables[0].conflicts?.records.map((r) => [r.id, r.constraint, r.productionId])).toEqual([
      ['9', 'members_email_key', '1'],
    ]);
    const sut = new SyncEngine(dev, prod, { tables: ['members'] });
    const error = await sut
      .plan({ selections: [{ table: 'members', all: true }], includeParents: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedRecordsError);
    expect((error as RefusedRecordsError).refused.map((r) => [r.id, r.column, r.value])).toEqual([
      ['8', 'score', 'a number with 3 digits after the decimal point'],
      ['9', 'email', null],
    ]);
    const plan = await sut.plan({ selections: [{ table: 'members', ids: ['7'] }], includeParents: false });
    expect(plan.toSyncPlan()).toMatchObject({ generatedColumns: [{ table: 'members', columns: ['label'] }] });
    await sut.tryPlan(plan);
    const outcome = await sut.apply(plan);
    expect(outcome.status).toBe('committed');
    expect(outcome.sequencesAdvanced).toEqual([
      { table: 'members', column: 'id', sequence: 'public.members_id_seq', nextValueBefore: '2', nextValueAfter: '8' },
    ]);
    const rows = await prod.pool.query(`SELECT id::text, name, score::text, label FROM members WHERE id = 7`);
    expect(rows.rows).toEqual([{ id: '7', name: 'Ann', score: '1.50', label: 'ANN' }]);
  });
});
