import { randomUUID } from 'node:crypto';
import { AuditDatabase, AuditLog, AuditUnavailableError } from '@vantix/audit';
import type { SyncResult } from '@vantix/contracts';
import { ComparisonNotFoundError, ComparisonStore, SyncStore } from '@vantix/report-store';
import { ChangedSinceReviewError, CrmDatabase, InvalidSelectionError } from '@vantix/sync-core';
import { createTestDatabase, type TestDatabase } from '@vantix/testing';
import { runAuditedComparison } from '../comparison/run-audited-comparison';
import type { OperationContext, OperationResources } from '../resources';
import { InvalidSyncReasonError, runAuditedSync } from './run-audited-sync';

/** A store whose next begin() fails, to break the re-comparison after a commit. */
class FlakyStore extends ComparisonStore {
  failBegin = false;

  override begin(start: Parameters<ComparisonStore['begin']>[0]) {
    return this.failBegin ? Promise.reject(new Error('comparison store is down')) : super.begin(start);
  }
}

const REASON = 'Ticket CRM-42: the customer signed in Dev by mistake';

const context: OperationContext = {
  actor: { id: 'u-admin', email: 'admin@example.com' },
  requestId: 'req-1',
  clientIp: '127.0.0.1',
};

describe(runAuditedSync.name, () => {
  let databases: TestDatabase[];
  let dev: CrmDatabase;
  let prod: CrmDatabase;
  let auditDb: AuditDatabase;
  let store: FlakyStore;
  let resources: OperationResources;

  beforeAll(async () => {
    databases = await Promise.all([
      createTestDatabase('ops_dev'),
      createTestDatabase('ops_prod'),
      createTestDatabase('ops_audit', 'audit'),
    ]);
    dev = new CrmDatabase('development', databases[0].url);
    prod = new CrmDatabase('production', databases[1].url);
    auditDb = new AuditDatabase(databases[2].url);
    store = new FlakyStore(auditDb);
    resources = {
      dev,
      prod,
      audit: new AuditLog(auditDb, { keys: { current: { id: 'k1', secret: 'o'.repeat(32) } } }),
      store,
      syncs: new SyncStore(auditDb),
    };
  });
  afterAll(async () => {
    await Promise.all([dev?.close(), prod?.close(), auditDb?.close()]);
    await Promise.all(databases.map((db) => db.drop()));
  });

  const fixed = `'2026-01-02T03:04:05Z'`;
  /** A customer with one note, in Dev only; returns their ids. */
  async function devOnlyCustomer(): Promise<{ customer: string; note: string }> {
    const ids = { customer: randomUUID(), note: randomUUID() };
    await dev.pool.query(
      `INSERT INTO customers (id, name, created_at, updated_at) VALUES ($1, 'Dev only', ${fixed}, ${fixed})`,
      [ids.customer],
    );
    await dev.pool.query(
      `INSERT INTO customer_notes (id, customer_id, body, created_at, updated_at) VALUES ($1, $2, 'note', ${fixed}, ${fixed})`,
      [ids.note, ids.customer],
    );
    return ids;
  }
  const compare = () => runAuditedComparison(resources, { recordCap: 10 }, context);
  const auditTypes = async () =>
    (await auditDb.pool.query<{ type: string }>('SELECT type FROM audit_events ORDER BY seq')).rows.map((r) => r.type);
  const prodCustomers = async () => Number((await prod.pool.query('SELECT count(*) AS n FROM customers')).rows[0].n);
  const lastPayload = async (type: string) =>
    (
      await auditDb.pool.query<{ payload: Record<string, unknown> }>(
        'SELECT payload FROM audit_events WHERE type = $1 ORDER BY seq DESC LIMIT 1',
        [type],
      )
    ).rows[0]?.payload;

  it('audits first, commits, compares again as a stored comparison, and names it in sync.committed', async () => {
    const first = await devOnlyCustomer();
    const second = await devOnlyCustomer();
    const comparison = await compare();
    const before = await auditTypes();

    const result: SyncResult = await runAuditedSync(
      resources,
      {
        comparisonId: comparison.id,
        selections: [{ table: 'customer_notes', ids: [first.note] }],
        includeParents: true,
        reason: REASON,
        recordCap: 10,
      },
      context,
    );

    expect(result.status).toBe('committed');
    expect(result.summary).toEqual({ inserted: 2, skipped: 0, failed: 0 });
    expect(result).not.toHaveProperty('failure');
    expect((await auditTypes()).slice(before.length)).toEqual([
      'sync.requested',
      'comparison.requested',
      'comparison.completed',
      'sync.committed',
    ]);
    const recheckId = result.recheck?.comparisonId as string;
    expect(await store.get(recheckId)).not.toBeNull();
    expect(await lastPayload('sync.committed')).toMatchObject({ recheckComparisonId: recheckId, syncId: result.id });
    expect(result.recheck?.tables.map((t) => t.table)).toEqual(['customers', 'customer_notes']);
    const notes = result.recheck?.tables.find((t) => t.table === 'customer_notes');
    const stillMissing = notes?.missingInProduction.records.map((r) => r.id) ?? [];
    expect(stillMissing).toContain(second.note);
    expect(stillMissing).not.toContain(first.note);
  });

  it('keeps a committed outcome when the re-comparison fails, and the event says why', async () => {
    const { note } = await devOnlyCustomer();
    const comparison = await compare();
    store.failBegin = true;
    let result: SyncResult;
    try {
      result = await runAuditedSync(
        resources,
        {
          comparisonId: comparison.id,
          selections: [{ table: 'customer_notes', ids: [note] }],
          includeParents: true,
          reason: REASON,
          recordCap: 10,
        },
        context,
      );
    } finally {
      store.failBegin = false;
    }
    expect(result.status).toBe('committed');
    expect(result.recheck).toBeNull();
    expect((await auditTypes()).slice(-3)).toEqual(['comparison.requested', 'comparison.failed', 'sync.committed']);
    expect(await lastPayload('sync.committed')).toMatchObject({
      recheckComparisonId: null,
      recheckError: 'comparison store is down',
    });
  });

  it('a dry run returns the plan, writes nothing and audits nothing', async () => {
    const { customer, note } = await devOnlyCustomer();
    const comparison = await compare();
    const [prodBefore, auditBefore] = [await prodCustomers(), await auditTypes()];
    const result = await runAuditedSync(
      resources,
      {
        comparisonId: comparison.id,
        selections: [{ table: 'customer_notes', ids: [note] }],
        includeParents: true,
        dryRun: true,
        reason: REASON,
        recordCap: 10,
      },
      context,
    );
    expect(result).toMatchObject({ status: 'dry_run', results: [], recheck: null });
    expect(result.plan).toEqual({
      tables: [
        { table: 'customers', selected: [], addedParents: [customer] },
        { table: 'customer_notes', selected: [note], addedParents: [] },
      ],
      total: 2,
      adminAccounts: { count: 0, ids: [], passwordHashesIncluded: true },
      generatedColumns: [],
      sequences: [],
      droppedColumns: [],
    });
    expect(await prodCustomers()).toBe(prodBefore);
    expect(await auditTypes()).toEqual(auditBefore);
  });

  it('refuses a senseless selection before reading anything, an unknown comparison with ComparisonNotFoundError', async () => {
    const unknown = randomUUID();
    const auditBefore = await auditTypes();
    await expect(
      runAuditedSync(
        resources,
        {
          comparisonId: unknown,
          selections: [{ table: 'customers', ids: ['x'], all: true }],
          reason: REASON,
          recordCap: 10,
        },
        context,
      ),
    ).rejects.toThrow(/give either ids or all: true, not both/);
    await expect(
      runAuditedSync(
        resources,
        { comparisonId: unknown, selections: [{ table: 'customers', all: true }], reason: REASON, recordCap: 10 },
        context,
      ),
    ).rejects.toBeInstanceOf(ComparisonNotFoundError);
    // Refused at plan time: each attempt leaves sync.refused, with the request's size and reason only.
    expect((await auditTypes()).slice(auditBefore.length)).toEqual(['sync.refused', 'sync.refused']);
    expect(await lastPayload('sync.refused')).toEqual({
      comparisonId: unknown,
      syncReason: REASON,
      refusal: { error: 'ComparisonNotFoundError', message: expect.stringContaining(unknown) },
      size: { tables: 1, ids: 0, allOf: ['customers'] },
    });
  });

  it('does not touch Production when sync.requested cannot be written', async () => {
    const { note } = await devOnlyCustomer();
    const comparison = await compare();
    const [prodBefore, auditBefore] = [await prodCustomers(), await auditTypes()];
    await auditDb.pool.query(`
      CREATE FUNCTION vx_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.type = 'sync.requested' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER vx_refuse BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION vx_refuse();`);
    try {
      await expect(
        runAuditedSync(
          resources,
          {
            comparisonId: comparison.id,
            selections: [{ table: 'customer_notes', ids: [note] }],
            includeParents: true,
            reason: REASON,
            recordCap: 10,
          },
          context,
        ),
      ).rejects.toBeInstanceOf(AuditUnavailableError);
    } finally {
      await auditDb.pool.query('DROP TRIGGER vx_refuse ON audit_events; DROP FUNCTION vx_refuse()');
    }
    expect(await prodCustomers()).toBe(prodBefore);
    expect(await auditTypes()).toEqual(auditBefore);
  });

  const syncOf = (comparisonId: string, selections: { table: string; ids?: string[]; all?: true }[], more = {}) =>
    runAuditedSync(resources, { comparisonId, selections, reason: REASON, recordCap: 10, ...more }, context);
  const inProd = async (id: string) =>
    Number((await prod.pool.query('SELECT count(*) AS n FROM customers WHERE id = $1', [id])).rows[0].n);

  it('staleness is per record: a sync from an older comparison skips what Production has by now', async () => {
    const a = await devOnlyCustomer();
    const b = await devOnlyCustomer();
    const old = await compare();
    expect((await syncOf(old.id, [{ table: 'customers', ids: [a.customer] }])).status).toBe('committed');
    const again = await syncOf(old.id, [{ table: 'customers', ids: [a.customer, b.customer] }]);
    expect(again.status).toBe('committed');
    expect(again.results).toEqual(
      expect.arrayContaining([
        { table: 'customers', id: a.customer, status: 'skipped', reason: 'already in production' },
        { table: 'customers', id: b.customer, status: 'inserted', reason: null },
      ]),
    );
  });

  it('a Dev row edited after the comparison is not written: 409 naming it and its columns, nothing written', async () => {
    const a = await devOnlyCustomer();
    const b = await devOnlyCustomer();
    const comparison = await compare();
    await dev.pool.query(`UPDATE customers SET name = 'Renamed after review' WHERE id = $1`, [a.customer]);
    const [prodBefore, auditBefore] = [await prodCustomers(), await auditTypes()];
    const refused = await syncOf(comparison.id, [{ table: 'customers', ids: [a.customer, b.customer] }]).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ChangedSinceReviewError);
    expect((refused as ChangedSinceReviewError).records).toEqual([
      { table: 'customers', id: a.customer, problem: 'changed_since_review', columns: ['name'] },
    ]);
    expect(await prodCustomers()).toBe(prodBefore);
    expect((await auditTypes()).slice(auditBefore.length)).toEqual(['sync.requested', 'sync.failed']);
    const failed = await resources.syncs.list({ status: 'failed', limit: 1 });
    expect(failed.items[0]).toMatchObject({ comparisonId: comparison.id, reason: REASON, status: 'failed' });

    // With skipChanged the others are written, the changed one is not.
    const skipped = await syncOf(comparison.id, [{ table: 'customers', ids: [a.customer, b.customer] }], {
      skipChanged: true,
    });
    expect(skipped.status).toBe('committed');
    expect(skipped.results).toEqual(
      expect.arrayContaining([
        { table: 'customers', id: a.customer, status: 'skipped', reason: 'changed since review', columns: ['name'] },
        { table: 'customers', id: b.customer, status: 'inserted', reason: null },
      ]),
    );
    expect(await inProd(a.customer)).toBe(0);
    expect(await inProd(b.customer)).toBe(1);
    const stored = await resources.syncs.get(skipped.id);
    expect(stored).toMatchObject({ id: skipped.id, status: 'committed', reason: REASON, summary: skipped.summary });
    expect(stored?.results).toEqual(skipped.results);
    expect(await lastPayload('sync.committed')).toMatchObject({ syncId: skipped.id, syncReason: REASON });
  });

  it('a Dev row deleted after the comparison refuses the sync as no_longer_in_development', async () => {
    const a = await devOnlyCustomer();
    const comparison = await compare();
    await dev.pool.query('DELETE FROM customer_notes WHERE id = $1', [a.note]);
    const refused = await syncOf(comparison.id, [{ table: 'customer_notes', ids: [a.note] }], {
      includeParents: true,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ChangedSinceReviewError);
    expect((refused as ChangedSinceReviewError).records).toEqual([
      { table: 'customer_notes', id: a.note, problem: 'no_longer_in_development', columns: [] },
    ]);
    expect(await lastPayload('sync.refused')).toMatchObject({ refusal: { error: 'ChangedSinceReviewError' } });
  });

  it('select-all is the comparison’s list: a row added to Development after it is not written', async () => {
    const listed = await devOnlyCustomer();
    const comparison = await compare();
    const later = await devOnlyCustomer();
    const result = await syncOf(comparison.id, [{ table: 'customers', all: true }]);
    expect(result.status).toBe('committed');
    expect(result.plan.tables[0].selected).toContain(listed.customer);
    expect(result.plan.tables[0].selected).not.toContain(later.customer);
    expect(await inProd(listed.customer)).toBe(1);
    expect(await inProd(later.customer)).toBe(0);
  });

  it('refuses ids the comparison did not list, naming them, and a missing or short reason; nothing written', async () => {
    const listed = await devOnlyCustomer();
    const comparison = await compare();
    const later = await devOnlyCustomer();
    const prodBefore = await prodCustomers();
    const outside = await syncOf(comparison.id, [{ table: 'customers', ids: [listed.customer, later.customer] }]).catch(
      (e: unknown) => e,
    );
    expect(outside).toBeInstanceOf(InvalidSelectionError);
    expect((outside as InvalidSelectionError).invalid).toEqual([
      { table: 'customers', id: later.customer, reason: 'not listed by the comparison as missing in production' },
    ]);
    for (const reason of ['', 'too short', 'x'.repeat(1001)]) {
      await expect(
        runAuditedSync(
          resources,
          { comparisonId: comparison.id, selections: [{ table: 'customers', all: true }], reason, recordCap: 10 },
          context,
        ),
      ).rejects.toBeInstanceOf(InvalidSyncReasonError);
    }
    expect(await prodCustomers()).toBe(prodBefore);
  });
});
