import { randomUUID } from 'node:crypto';
import { AuditDatabase, AuditLog, AuditUnavailableError } from '@vantix/audit';
import type { SyncResult } from '@vantix/contracts';
import { ComparisonNotFoundError, ComparisonStore } from '@vantix/report-store';
import { CrmDatabase, InvalidSelectionError } from '@vantix/sync-core';
import { createTestDatabase, type TestDatabase } from '@vantix/testing';
import { runAuditedComparison } from '../comparison/run-audited-comparison';
import type { OperationContext, OperationResources } from '../resources';
import { runAuditedSync } from './run-audited-sync';
import { StaleComparisonError } from './staleness';

/** A store whose next begin() fails, to break the re-comparison after a commit. */
class FlakyStore extends ComparisonStore {
  failBegin = false;

  override begin(start: Parameters<ComparisonStore['begin']>[0]) {
    return this.failBegin ? Promise.reject(new Error('comparison store is down')) : super.begin(start);
  }
}

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
        { comparisonId: unknown, selections: [{ table: 'customers', ids: ['x'], all: true }], recordCap: 10 },
        context,
      ),
    ).rejects.toThrow(/give either ids or all: true, not both/);
    await expect(
      runAuditedSync(
        resources,
        { comparisonId: unknown, selections: [{ table: 'customers', all: true }], recordCap: 10 },
        context,
      ),
    ).rejects.toBeInstanceOf(ComparisonNotFoundError);
    expect(await auditTypes()).toEqual(auditBefore);
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

  it('refuses a comparison taken before the last committed sync, but not that sync’s own re-comparison', async () => {
    const a = await devOnlyCustomer();
    const b = await devOnlyCustomer();
    const old = await compare();
    const committed = await runAuditedSync(
      resources,
      { comparisonId: old.id, selections: [{ table: 'customers', ids: [a.customer] }], recordCap: 10 },
      context,
    );
    const stale = runAuditedSync(
      resources,
      { comparisonId: old.id, selections: [{ table: 'customers', ids: [b.customer] }], recordCap: 10 },
      context,
    );
    await expect(stale).rejects.toBeInstanceOf(StaleComparisonError);
    await expect(stale).rejects.toThrow(/is stale: a sync was committed after it/);
    const fresh = await runAuditedSync(
      resources,
      {
        comparisonId: committed.recheck?.comparisonId as string,
        selections: [{ table: 'customers', ids: [b.customer] }],
        recordCap: 10,
      },
      context,
    );
    expect(fresh.status).toBe('committed');
  });

  it('answers "stale" when the selection is in Production because another sync started after the comparison', async () => {
    const { customer } = await devOnlyCustomer();
    const comparison = await compare();
    // As far as the database can tell, a moment ago: the customer arrived in Production by hand.
    await prod.pool.query('INSERT INTO customers SELECT * FROM json_populate_record(NULL::customers, $1)', [
      JSON.stringify((await dev.pool.query('SELECT * FROM customers WHERE id = $1', [customer])).rows[0]),
    ]);
    const request = {
      comparisonId: comparison.id,
      selections: [{ table: 'customers', ids: [customer] }],
      recordCap: 10,
    };
    // Nobody else's sync explains it: the selection itself is wrong.
    const byHand = await runAuditedSync(resources, request, context).catch((e: unknown) => e);
    expect(byHand).toBeInstanceOf(InvalidSelectionError);
    expect((byHand as InvalidSelectionError).invalid).toEqual([
      { table: 'customers', id: customer, reason: 'already in production' },
    ]);
    // Another sync started after the comparison (its sync.requested is written before it touches Production,
    // its sync.committed only after its re-comparison): then the comparison is what is out of date.
    await resources.audit.append({ type: 'sync.requested', ...context, payload: { comparisonId: comparison.id } });
    const raced = await runAuditedSync(resources, request, context).catch((e: unknown) => e);
    expect(raced).toBeInstanceOf(StaleComparisonError);
    expect((raced as Error).message).toMatch(/is stale: another sync into production started after it/);
  });
});
