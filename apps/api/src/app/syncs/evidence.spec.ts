import { createHash, randomUUID } from 'node:crypto';
import { AuditLog } from '@vantix/audit';
import { verifyEvidence } from '@vantix/audited-operations';
import {
  ApiErrorBody,
  AuditEventDto,
  ComparisonReport,
  EVIDENCE_FORMAT,
  RecordProvenance,
  SyncEvidence,
  SyncResult,
} from '@vantix/contracts';
import { asAuditStoreOwner } from '@vantix/testing';
import { Pool } from 'pg';
import { startTestApi, TestApi } from '../../testing';

/**
 * The evidence bundle (GET /api/dev/syncs/:id/evidence), its re-check against
 * the audit store, and provenance (GET /api/audit/provenance) — over HTTP on
 * real PostgreSQL, tampering with the audit store as its owner at the end.
 */
const ids = { shared: randomUUID(), customer: randomUUID(), note: randomUUID(), other: randomUUID() };
const REASON = 'Spec: the customer signed in Dev by mistake';

async function seed(pools: { development: Pool; production: Pool }): Promise<void> {
  const customer = `INSERT INTO customers (id, name, email, status, created_at, updated_at)
    VALUES ($1, $2, $3, 'active', '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')`;
  for (const pool of [pools.development, pools.production]) {
    await pool.query(customer, [ids.shared, 'Shared Customer', 'shared@evidence.example']);
  }
  await pools.development.query(customer, [ids.customer, 'Evidence Customer', 'ev@evidence.example']);
  await pools.development.query(customer, [ids.other, 'Left In Dev', 'left@evidence.example']);
  await pools.development.query(
    `INSERT INTO customer_notes (id, customer_id, body, created_at, updated_at)
     VALUES ($1, $2, 'Signed the renewal', '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')`,
    [ids.note, ids.customer],
  );
}

/** The documented fingerprint, recomputed by hand: SHA-256 of ARRAY[each column::text, by column name]::text. */
async function fingerprintSql(api: TestApi, table: string): Promise<string> {
  const columns = await api.query<{ name: string }>(
    'production',
    `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  const texts = columns.map((c) => `t.${c.name}::text`).sort((a, b) => (a < b ? -1 : 1));
  return `SELECT encode(sha256(convert_to(ARRAY[${texts.join(', ')}]::text[]::text, 'UTF8')), 'hex') AS f
            FROM ${table} t WHERE id = $1`;
}

describe('sync evidence and provenance', () => {
  let api: TestApi;
  let admin: Record<string, string>;
  let evidence: SyncEvidence;
  let result: SyncResult;

  beforeAll(async () => {
    api = await startTestApi({ seed });
    admin = api.bearer(api.adminToken);
    const report = (await api.http.post('/api/dev/compare-databases').set(admin).send({})).body as ComparisonReport;
    const synced = await api.http
      .post('/api/dev/sync-to-production')
      .set(admin)
      .send({
        comparisonId: report.id,
        confirm: true,
        reason: REASON,
        selections: [
          { table: 'customers', ids: [ids.customer] },
          { table: 'customer_notes', ids: [ids.note] },
        ],
      });
    expect(synced.status).toBe(201);
    result = synced.body as SyncResult;
    const response = await api.http.get(`/api/dev/syncs/${result.id}/evidence`).set(admin);
    expect(response.status).toBe(200);
    evidence = response.body as SyncEvidence;
  });
  afterAll(() => api?.close());

  const productionFingerprint = async (table: string, id: string) => {
    // The pinned text forms (UTC etc.) of every Vantix Sync session, in this session too.
    const client = await api.pool('production').connect();
    try {
      await client.query(`SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1`);
      return (await client.query<{ f: string }>(await fingerprintSql(api, table), [id])).rows[0]?.f;
    } finally {
      client.release();
    }
  };

  it("holds the request, the review's pins and Production's fingerprints of the rows as written", async () => {
    expect(evidence.format).toBe(EVIDENCE_FORMAT);
    expect(evidence.sync).toMatchObject({
      id: result.id,
      status: 'committed',
      reason: REASON,
      requestedBy: api.users.admin.email,
      approvedBy: [],
      summary: { inserted: 2, skipped: 0, failed: 0 },
    });
    expect(evidence.comparison?.id).toBe(evidence.sync.comparisonId);
    expect(evidence.comparison?.tables.find((t) => t.table === 'customers')?.missingInProduction).toBe(2);
    expect(evidence.plan.total).toBe(2);
    const customer = await productionFingerprint('customers', ids.customer);
    const note = await productionFingerprint('customer_notes', ids.note);
    expect(customer).toMatch(/^[0-9a-f]{64}$/);
    expect(evidence.records).toEqual([
      {
        table: 'customers',
        id: ids.customer,
        reviewedFingerprint: customer,
        status: 'inserted',
        reason: null,
        productionFingerprint: customer,
        matchesReview: true,
      },
      {
        table: 'customer_notes',
        id: ids.note,
        reviewedFingerprint: note,
        status: 'inserted',
        reason: null,
        productionFingerprint: note,
        matchesReview: true,
      },
    ]);
  });

  it('lists exactly the audit events of the sync, as stored, and the chain head at the time', async () => {
    expect(evidence.auditEvents.map((e) => e.type)).toEqual(['sync.requested', 'sync.committed']);
    const stored = await api.query<{ id: string; hash: string; prev_hash: string; seq: string }>(
      'audit',
      `SELECT id, hash, prev_hash, seq FROM audit_events WHERE payload->>'syncId' = $1 ORDER BY seq`,
      [result.id],
    );
    expect(evidence.auditEvents.map((e) => [e.id, e.hash, e.prevHash, e.seq])).toEqual(
      stored.map((r) => [r.id, r.hash, r.prev_hash, Number(r.seq)]),
    );
    const committed = evidence.auditEvents[1] as AuditEventDto;
    // The chain holds Production's fingerprints as one digest over the sorted records (see verification).
    const sorted = evidence.records
      .map((r) => ({ fingerprint: r.productionFingerprint, id: r.id, table: r.table }))
      .sort((a, b) => (a.table === b.table ? (a.id < b.id ? -1 : 1) : a.table < b.table ? -1 : 1));
    expect(committed.payload['writtenFingerprints']).toEqual({
      count: 2,
      sha256: createHash('sha256').update(JSON.stringify(sorted)).digest('hex'),
    });
    const [head] = await api.query<{ seq: string; hash: string }>(
      'audit',
      'SELECT seq, hash FROM audit_events WHERE seq = $1',
      [evidence.chainHead?.seq],
    );
    expect(head.hash).toBe(evidence.chainHead?.hash);
    expect(evidence.chainHead?.seq).toBeGreaterThanOrEqual(committed.seq);
  });

  it('answers 404 for an unknown sync, 400 for an id that is not one, 403 for a non-admin', async () => {
    expect((await api.http.get(`/api/dev/syncs/${randomUUID()}/evidence`).set(admin)).status).toBe(404);
    expect((await api.http.get('/api/dev/syncs/nope/evidence').set(admin)).status).toBe(400);
    const agent = api.bearer(api.agentToken);
    expect((await api.http.get(`/api/dev/syncs/${result.id}/evidence`).set(agent)).status).toBe(403);
  });

  it('provenance names the sync that inserted a record, and says when Vantix Sync never wrote one', async () => {
    const written = await api.http
      .get('/api/audit/provenance')
      .query({ table: 'customers', id: ids.customer })
      .set(admin);
    expect(written.status).toBe(200);
    const provenance = written.body as RecordProvenance;
    expect(provenance).toMatchObject({ table: 'customers', id: ids.customer, written: true });
    expect(provenance.writes).toEqual([
      {
        syncId: result.id,
        comparisonId: evidence.sync.comparisonId,
        insertedAt: expect.any(String),
        requestedBy: api.users.admin.email,
        approvedBy: [],
        reason: REASON,
        productionFingerprint: evidence.records[0].productionFingerprint,
      },
    ]);
    for (const id of [ids.shared, ids.other]) {
      const never = await api.http.get('/api/audit/provenance').query({ table: 'customers', id }).set(admin);
      expect(never.status).toBe(200);
      expect(never.body).toEqual({ table: 'customers', id, written: false, writes: [] });
    }
  });

  it.each([
    [{ id: ids.customer }, /table must be one of/],
    [{ table: 'invoices', id: ids.customer }, /table must be one of/],
    [{ table: 'customers' }, /id must be the record id/],
    [{ table: 'customers', id: '' }, /id must be the record id/],
  ])('provenance answers 400 for %j', async (query, message) => {
    const response = await api.http.get('/api/audit/provenance').query(query).set(admin);
    expect(response.status).toBe(400);
    expect((response.body as ApiErrorBody).message).toMatch(message);
  });

  it('provenance is for admins only', async () => {
    const response = await api.http
      .get('/api/audit/provenance')
      .query({ table: 'customers', id: ids.customer })
      .set(api.bearer(api.agentToken));
    expect(response.status).toBe(403);
  });

  // Last: it breaks the chain of this file's audit store.
  it('re-checks against the audit store: intact, then naming the event its owner edited', async () => {
    const audit = api.app.get(AuditLog);
    const intact = await verifyEvidence(audit, evidence);
    expect(intact).toMatchObject({ ok: true, syncId: result.id, eventsChecked: 2, problems: [] });

    // An edited copy of the bundle does not pass either: its fingerprint is not the chained one.
    const forged = structuredClone(evidence);
    forged.records[0].productionFingerprint = '0'.repeat(64);
    expect((await verifyEvidence(audit, forged)).problems).toEqual([
      "the records' productionFingerprints (2) are not the ones chained in sync.committed (2)",
    ]);

    const committed = evidence.auditEvents[1] as AuditEventDto;
    await asAuditStoreOwner(api.urls.audit, (client) =>
      client.query(`UPDATE audit_events SET payload = jsonb_set(payload, '{syncReason}', '"edited"') WHERE id = $1`, [
        committed.id,
      ]),
    );
    const tampered = await verifyEvidence(audit, evidence);
    expect(tampered.ok).toBe(false);
    expect(tampered.problems).toEqual([
      `the audit chain does not verify: event ${committed.id} is broken (hash_mismatch)`,
      `event ${committed.id} (sync.committed, seq ${committed.seq}) differs in the store: payload`,
    ]);
  });
});
