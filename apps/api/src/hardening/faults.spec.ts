import { Client } from 'pg';
import { ApiErrorBody, ComparisonReport, SyncResult } from '@vantix/contracts';
import {
  Baseline,
  baselineOf,
  countIds,
  crmChecksum,
  seedCustomers,
  seedOwner,
  SeededCustomer,
  takeDatabaseDown,
} from '@vantix/testing';
import { startTestApi, TestApi } from '../testing';
import { Figures } from './support/figures';

// The audit log's append lock ("VXAU", libs/audit): holding it parks a sync
// between its plan and its apply, at the sync.requested append.
const AUDIT_APPEND_LOCK = 0x56584155;

/**
 * Faults while the API runs against real PostgreSQL: a Production connection
 * killed mid-sync, each database down, the audit store refusing writes, a
 * parent deleted between plan and apply. After each: nothing partial in
 * Production, the outcome audited, the API still serving.
 */
describe('hardening: faults', () => {
  let api: TestApi;
  let admin: { Authorization: string };
  let owner: string;
  let devOnly: SeededCustomer[];
  const figures = new Figures('faults');
  /** Production rows that existed before any fault: none may disappear or change. */
  let prodBaseline: Baseline;

  beforeAll(async () => {
    api = await startTestApi();
    admin = api.bearer(api.adminToken);
    const [dev, prod] = [api.pool('development'), api.pool('production')];
    owner = await seedOwner(dev, prod);
    await seedCustomers([dev, prod], {
      owner,
      customers: 20,
      notesEach: 2,
      filesEach: 1,
      label: 'Shared',
    });
    devOnly = await seedCustomers([dev], {
      owner,
      customers: 6,
      notesEach: 50,
      filesEach: 20,
      label: 'Dev only',
    });
    prodBaseline = await baselineOf(prod);
  });

  afterAll(async () => {
    const now = await baselineOf(api.pool('production'), prodBaseline);
    figures.rowsLost += prodBaseline.rows - now.rows;
    figures.set('Production rows before the faults', prodBaseline.rows);
    figures.print();
    await api?.close();
  });

  async function post<T>(path: string, body: object): Promise<{ status: number; body: T }> {
    const response = await api.http.post(path).set(admin).send(body);
    figures.answer(response.status);
    return { status: response.status, body: response.body as T };
  }
  const compare = () => post<ComparisonReport>('/api/dev/compare-databases', {});
  const syncCustomer = (comparisonId: string, customer: SeededCustomer) =>
    post<SyncResult & ApiErrorBody>('/api/dev/sync-to-production', {
      comparisonId,
      confirm: true,
      reason: 'Spec: copy the reviewed records',
      includeParents: true,
      selections: [
        { table: 'customer_notes', ids: customer.noteIds },
        { table: 'customer_files', ids: customer.fileIds },
      ],
    });
  const auditTypes = async () =>
    (await api.query<{ type: string }>('audit', 'SELECT type FROM audit_events ORDER BY seq')).map((r) => r.type);
  const inProd = async (customer: SeededCustomer) =>
    (await countIds(api.pool('production'), 'customers', [customer.id])) +
    (await countIds(api.pool('production'), 'customer_notes', customer.noteIds)) +
    (await countIds(api.pool('production'), 'customer_files', customer.fileIds));

  /** The API still answers, and a comparison works end to end. */
  async function expectServing(): Promise<ComparisonReport> {
    const health = await api.http.get('/api/health');
    figures.answer(health.status);
    expect(health.status).toBe(200);
    const report = await compare();
    expect(report.status).toBe(201);
    return report.body;
  }

  it('rolls back a sync whose Production connection is killed mid-way: zero rows of it, sync.failed audited, API serving', async () => {
    const { body: report } = await compare();
    const target = devOnly[0];
    // Park the sync inside its transaction: the customer and its notes are
    // inserted, then the files insert waits for this SHARE lock.
    const blocker = new Client({ connectionString: api.urls.production });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE customer_files IN SHARE MODE');
    const pending = syncCustomer(report.id, target);
    let killed = 0;
    try {
      // Polls for up to 20 s: under a loaded CI the sync may take a while to get there.
      for (const until = Date.now() + 20_000; Date.now() < until && killed === 0; ) {
        // Inside the blocker's transaction pg_stat_activity is a snapshot taken
        // at its first read: clear it, or a sync that gets to the lock after the
        // first poll is never seen.
        await blocker.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await blocker.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'vantix-sync-production' AND wait_event_type = 'Lock'`,
        );
        for (const { pid } of rows) {
          await blocker.query('SELECT pg_terminate_backend($1)', [pid]);
          killed += 1;
        }
        if (killed === 0) {
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect(killed).toBe(1);
    figures.faultsInjected += 1;

    const response = await pending;
    expect(response.status).toBe(503);
    expect(response.body.message).toMatch(/production database is unavailable/);
    expect(await inProd(target)).toBe(0);
    expect((await auditTypes()).slice(-2)).toEqual(['sync.requested', 'sync.failed']);

    // The lock died with the connection: the same sync now commits, from a fresh comparison.
    const fresh = await expectServing();
    const retry = await syncCustomer(fresh.id, target);
    expect(retry.status).toBe(201);
    expect(retry.body.status).toBe('committed');
    expect(await inProd(target)).toBe(1 + target.noteIds.length + target.fileIds.length);
    figures.faultsSurvived += 1;
  });

  it('answers 503 naming Production when it is down at compare and at sync, audits comparison.failed, writes nothing', async () => {
    const { body: report } = await compare();
    const outage = await takeDatabaseDown(api.urls.production);
    figures.faultsInjected += 1;
    try {
      const comparison = await compare();
      expect(comparison.status).toBe(503);
      expect(comparison.body).toMatchObject({
        details: { database: 'production' },
      });
      expect((comparison.body as unknown as ApiErrorBody).message).toMatch(/production database is unavailable/);
      expect((await auditTypes()).slice(-2)).toEqual(['comparison.requested', 'comparison.failed']);
      // Load balancers read the status code: 503, and the body names the database that is down.
      const health = await api.http.get('/api/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({
        status: 'degraded',
        databases: { development: { status: 'ok' }, production: { status: 'down' }, audit: { status: 'ok' } },
      });

      const sync = await syncCustomer(report.id, devOnly[1]);
      expect(sync.status).toBe(503);
      expect(sync.body.message).toMatch(/production database is unavailable/);
    } finally {
      await outage.restore();
    }
    expect(await inProd(devOnly[1])).toBe(0);
    await expectServing();
    figures.faultsSurvived += 1;
  });

  it('answers 503 while Development is down (the token check reads Dev users first) and writes nothing to Production', async () => {
    const { body: report } = await compare();
    const before = await crmChecksum(api.pool('production'));
    const outage = await takeDatabaseDown(api.urls.development);
    figures.faultsInjected += 1;
    try {
      for (const response of [await compare(), await syncCustomer(report.id, devOnly[1])]) {
        expect(response.status).toBe(503);
        expect((response.body as unknown as ApiErrorBody).message).toMatch(/Development database/i);
      }
    } finally {
      await outage.restore();
    }
    expect(await crmChecksum(api.pool('production'))).toBe(before);
    await expectServing();
    figures.faultsSurvived += 1;
  });

  it('refuses a sync with 503 while the audit store is down, and Production stays unchanged', async () => {
    const { body: report } = await compare();
    const before = await crmChecksum(api.pool('production'));
    const outage = await takeDatabaseDown(api.urls.audit);
    figures.faultsInjected += 1;
    try {
      const sync = await syncCustomer(report.id, devOnly[2]);
      expect(sync.status).toBe(503);
      expect(sync.body).toMatchObject({ details: { database: 'audit' } });
      const comparison = await compare();
      expect(comparison.status).toBe(503);
      const health = await api.http.get('/api/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'degraded', databases: { audit: { status: 'down' } } });
    } finally {
      await outage.restore();
    }
    expect(await crmChecksum(api.pool('production'))).toBe(before);
    await expectServing();
    figures.faultsSurvived += 1;
  });

  it('refuses a sync with 503 when sync.requested cannot be written (audit first), and Production stays unchanged', async () => {
    const { body: report } = await compare();
    const before = await crmChecksum(api.pool('production'));
    const eventsBefore = await auditTypes();
    // The store is up and readable, but refuses this one kind of write.
    await api.query(
      'audit',
      `CREATE FUNCTION vx_refuse_sync_requested() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.type = 'sync.requested' THEN RAISE EXCEPTION 'audit store refuses writes'; END IF; RETURN NEW; END $$`,
    );
    await api.query(
      'audit',
      'CREATE TRIGGER vx_refuse BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION vx_refuse_sync_requested()',
    );
    figures.faultsInjected += 1;
    try {
      const sync = await syncCustomer(report.id, devOnly[2]);
      expect(sync.status).toBe(503);
      expect(sync.body.message).toMatch(/could not record sync.requested/);
    } finally {
      await api.query('audit', 'DROP TRIGGER vx_refuse ON audit_events');
      await api.query('audit', 'DROP FUNCTION vx_refuse_sync_requested()');
    }
    expect(await crmChecksum(api.pool('production'))).toBe(before);
    expect(await inProd(devOnly[2])).toBe(0);
    expect(await auditTypes()).toEqual(eventsBefore);
    figures.faultsSurvived += 1;
  });

  it('rolls back, naming the constraint, when a parent is deleted in Production between plan and apply', async () => {
    // A customer both sides have, with a note only Dev has: the plan needs no parent.
    const [parent] = await seedCustomers([api.pool('development'), api.pool('production')], {
      owner,
      customers: 1,
      label: 'Doomed parent',
    });
    const [note] = (await seedCustomers([], { owner, customers: 1, notesEach: 1 }))[0].noteIds;
    await api.query(
      'development',
      `INSERT INTO customer_notes (id, customer_id, body) VALUES ($1, $2, 'orphan to be')`,
      [note, parent.id],
    );
    const { body: report } = await compare();

    const holder = new Client({ connectionString: api.urls.audit });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [AUDIT_APPEND_LOCK]);
    let pending: ReturnType<typeof post<SyncResult & ApiErrorBody>> | undefined;
    try {
      pending = post<SyncResult & ApiErrorBody>('/api/dev/sync-to-production', {
        comparisonId: report.id,
        confirm: true,
        reason: 'Spec: copy the reviewed records',
        selections: [{ table: 'customer_notes', ids: [note] }],
      });
      // Planned (read-only) and now waiting to write sync.requested: delete the parent.
      for (let waiting = false, until = Date.now() + 20_000; !waiting; ) {
        if (Date.now() > until) {
          throw new Error('the sync never reached its sync.requested append');
        }
        const { rows } = await holder.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1`,
          [AUDIT_APPEND_LOCK],
        );
        waiting = rows[0].n > 0;
        if (!waiting) {
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
      await api.query('production', 'DELETE FROM customers WHERE id = $1', [parent.id]);
      figures.faultsInjected += 1;
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [AUDIT_APPEND_LOCK]);
      await holder.end();
    }
    const response = await (pending as Promise<{
      status: number;
      body: SyncResult & ApiErrorBody;
    }>);
    expect(response.status).toBeLessThan(500);
    expect(response.body.status).toBe('rolled_back');
    expect(response.body.error).toContain('customer_notes_customer_id_fkey');
    expect(await countIds(api.pool('production'), 'customer_notes', [note])).toBe(0);
    const [rolledBack] = await api.query<{
      payload: { failure: { constraint: string } };
    }>('audit', `SELECT payload FROM audit_events WHERE type = 'sync.rolled_back' ORDER BY seq DESC LIMIT 1`);
    expect(rolledBack.payload.failure.constraint).toBe('customer_notes_customer_id_fkey');
    await expectServing();
    figures.faultsSurvived += 1;
  });

  it('ends with every Production row that existed before the faults present and unchanged, and a valid audit chain', async () => {
    const now = await baselineOf(api.pool('production'), prodBaseline);
    expect(now).toEqual(prodBaseline);
    const verify = await api.http.get('/api/audit/verify').set(admin);
    figures.answer(verify.status);
    expect(verify.body).toMatchObject({ ok: true });
    figures.set('audit events checked', (verify.body as { checked: number }).checked);
  });
});
