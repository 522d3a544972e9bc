import { randomUUID } from 'node:crypto';
import { AuditDatabase } from '@vantix/audit';
import { applyMigrations, auditMigrationsDir } from '@vantix/migrations';
import { PgliteProcess, startPgliteProcess } from '@vantix/testing';
import { SyncStore } from '../syncs/sync-store';
import { ComparisonStore } from './comparison-store';

// The demo runs Vantix Sync's own store on PGlite (PostgreSQL 18 in wasm, one
// transaction at a time): the report store's SQL must work there as on PostgreSQL 15.
describe('the report store on PGlite', () => {
  let pglite: PgliteProcess;
  let db: AuditDatabase;

  beforeAll(async () => {
    pglite = await startPgliteProcess();
    await applyMigrations(pglite.url, auditMigrationsDir());
    db = new AuditDatabase(pglite.url);
  });
  afterAll(async () => {
    await db.close();
    await pglite.stop();
  });

  it('stores and pages a comparison', async () => {
    const store = new ComparisonStore(db, { batchSize: 3 });
    const id = randomUUID();
    const writer = await store.begin({ id, startedAt: new Date() });
    for (let index = 0; index < 10; index += 1) {
      await writer.add('customers', 'differing', {
        id: `c${index}`,
        summary: `C ${index}`,
        createdAt: null,
        columns: ['name'],
      });
    }
    await writer.flush();
    const none = { count: 0 };
    await store.saveSummary(
      {
        id,
        startedAt: new Date().toISOString(),
        finishedAt: new Date().toISOString(),
        durationMs: 5,
        tables: [
          {
            table: 'customers',
            devCount: 10,
            prodCount: 10,
            missingInProduction: none,
            missingInDevelopment: none,
            differing: { count: 10 },
            schemaDrift: {
              missingTable: null,
              onlyInDevelopment: [],
              onlyInProduction: [],
              typeMismatches: [],
              none: true,
            },
          },
        ],
        recommendations: [],
      },
      { id: null, email: null },
    );
    const report = await store.get(id, { recordsPerKind: 4 });
    expect(report?.tables[0].differing.records.map((record) => record.id)).toEqual(['c0', 'c1', 'c2', 'c3']);
    const page = await store.records(id, {
      table: 'customers',
      kind: 'differing',
      limit: 8,
    });
    expect(page?.items[7]).toEqual({
      id: 'c7',
      summary: 'C 7',
      createdAt: null,
      columns: ['name'],
    });
    expect((await store.latest())?.id).toBe(id);
  });

  it('stores a committed sync with the provenance of what it inserted, in one transaction', async () => {
    const syncs = new SyncStore(db);
    const id = randomUUID();
    const plan = {
      tables: [{ table: 'customers', selected: ['c1', 'c2'], addedParents: [] }],
      total: 2,
      adminAccounts: { count: 0, ids: [], passwordHashesIncluded: true as const },
      generatedColumns: [],
      sequences: [],
      droppedColumns: [],
    };
    const actor = { id: 'u1', email: 'ada@example.com' };
    await syncs.start({ id, comparisonId: randomUUID(), requestedAt: new Date(), actor, reason: 'PGlite spec', plan });
    await syncs.finish(id, {
      status: 'committed',
      summary: { inserted: 1, skipped: 1, failed: 0 },
      results: [
        { table: 'customers', id: 'c1', status: 'inserted', reason: null },
        { table: 'customers', id: 'c2', status: 'skipped', reason: 'already in production' },
      ],
      recheckComparisonId: null,
      error: null,
      written: [{ table: 'customers', id: 'c1', fingerprint: 'f'.repeat(64) }],
    });
    expect(await syncs.written(id)).toEqual([{ table: 'customers', id: 'c1', fingerprint: 'f'.repeat(64) }]);
    const provenance = await syncs.provenance('customers', 'c1');
    expect(provenance.writes).toEqual([
      expect.objectContaining({ syncId: id, requestedBy: 'ada@example.com', reason: 'PGlite spec', approvedBy: [] }),
    ]);
    // Skipped: Production had it already, so this sync did not write it.
    expect((await syncs.provenance('customers', 'c2')).written).toBe(false);
  });
});
