import { randomUUID } from 'node:crypto';
import { applyMigrations, auditMigrationsDir } from '@vantix/migrations';
import { Client } from 'pg';
import { ComparisonStore } from '../comparisons/comparison-store';
import { AuditLog } from '../log/audit-log';
import { PgliteProcess, startPgliteProcess } from '@vantix/testing';
import { AuditDatabase } from './audit-database';

// The demo runs the audit store on PGlite (PostgreSQL 18 in wasm, one
// transaction at a time): the same SQL must work there as on PostgreSQL 15.
describe('the audit store on PGlite', () => {
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

  it('appends concurrently into a valid chain and rejects an UPDATE', async () => {
    const log = new AuditLog(db);
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        log.append({
          type: 'sync.committed',
          actor: { id: 'u', email: 'a@example.com' },
          payload: { index },
        }),
      ),
    );
    expect(await log.verify()).toEqual({ ok: true, checked: 20 });
    expect((await log.list({ actor: 'A@EXAMPLE', limit: 5 })).items).toHaveLength(5);
    const client = new Client({ connectionString: pglite.url });
    await client.connect();
    try {
      await expect(client.query(`UPDATE audit_events SET type = 'x'`)).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
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
});
