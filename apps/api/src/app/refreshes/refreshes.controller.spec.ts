import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ApiErrorBody, Page, RefreshResult, StoredRefresh, SyncListItem } from '@vantix/contracts';
import { insertUsers, makeTestUser } from '@vantix/testing';
import { startTestApi, TestApi } from '../../testing';

/**
 * Refresh Development from Production over real HTTP on real PostgreSQL:
 * exactly the selected Prod records (and their parents) land in Dev with the
 * data rules applied, nothing else in Dev changes, Prod is never written, and
 * every refusal writes nothing.
 */
const prodAdmin = makeTestUser('admin', `prod-admin-${randomUUID().slice(0, 6)}@vantix.test`);
const ids = {
  shared: randomUUID(),
  devOnly: randomUUID(),
  owned: randomUUID(), // Prod only, owned by prodAdmin
  sameEmail: randomUUID(), // Prod only, its e-mail is prodAdmin's
  note: randomUUID(), // Prod only, on `owned`, written by prodAdmin
  changed: randomUUID(), // Prod only, changed in Prod after a comparison
};
const PHONE = '+1 (555) 010-2030';
const NOTE = 'Renewal call with Carol, 3 seats';

async function seed(pools: { development: Pool; production: Pool }): Promise<void> {
  const customer = `INSERT INTO customers (id, name, company, email, phone, owner_id, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')`;
  for (const pool of [pools.development, pools.production]) {
    await pool.query(customer, [ids.shared, 'Ada Shared', 'Both Ltd', 'ada@both.example', null, null]);
  }
  await pools.development.query(customer, [ids.devOnly, 'Dev Only', 'Dev GmbH', 'dev@dev.example', null, null]);
  await insertUsers(pools.production, [prodAdmin]);
  await pools.production.query(customer, [
    ids.owned,
    'Carol Owned',
    'Prod AG',
    'carol@prod.example',
    PHONE,
    prodAdmin.id,
  ]);
  await pools.production.query(customer, [ids.sameEmail, 'Sam Same', 'Prod AG', prodAdmin.email, null, null]);
  await pools.production.query(customer, [ids.changed, 'Chris Changing', null, null, null, null]);
  await pools.production.query(
    `INSERT INTO customer_notes (id, customer_id, author_id, body, created_at, updated_at)
     VALUES ($1, $2, $3, $4, '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')`,
    [ids.note, ids.owned, prodAdmin.id, NOTE],
  );
}

function rulesFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'vantix-refresh-rules-')), name);
  writeFileSync(file, text);
  return file;
}

const TABLES = ['users', 'customers', 'customer_notes', 'customer_files'];

/** One md5 per table over every row (ordered by id), leaving out the ids given. */
/** POST /api/dev/refresh-development as the harness's admin. */
function refreshAsAdmin(api: TestApi, body: object) {
  return api.http.post('/api/dev/refresh-development').set(api.bearer(api.adminToken)).send(body);
}

async function checksums(api: TestApi, database: 'development' | 'production', except: string[] = []) {
  const sums: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await api.query<{ sum: string | null }>(
      database,
      `SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) AS sum FROM ${table} t WHERE NOT (t.id::text = ANY($1))`,
      [except],
    );
    sums[table] = row.sum ?? '';
  }
  return sums;
}

describe('/api/dev refresh-development', () => {
  let api: TestApi;
  let admin: Record<string, string>;

  beforeAll(async () => {
    const rules = rulesFile(
      'rules.yaml',
      [
        'users.email: mask-email',
        'customers.email: mask-email',
        'customers.phone: mask-phone',
        'customers.company: "fixed:Refreshed Ltd"',
        'customer_notes.body: mask-text',
      ].join('\n'),
    );
    api = await startTestApi({ seed, env: { REFRESH_RULES: rules } });
    admin = api.bearer(api.adminToken);
  });
  afterAll(() => api?.close());

  const compare = () => api.compare();
  const refresh = (body: object) => api.http.post('/api/dev/refresh-development').set(admin).send(body);
  const auditTypes = async () =>
    (await api.query<{ type: string }>('audit', 'SELECT type FROM audit_events ORDER BY seq')).map((r) => r.type);

  it('is for Vantix Sync admins: 401 without a token, 403 for an agent, nothing written', async () => {
    const report = await compare();
    const before = await checksums(api, 'development');
    const body = {
      comparisonId: report.id,
      reason: 'Spec: an agent tries to refresh',
      selections: [{ table: 'customers', all: true }],
    };
    await api.http.post('/api/dev/refresh-development').send(body).expect(401);
    await api.http.post('/api/dev/refresh-development').set(api.bearer(api.agentToken)).send(body).expect(403);
    expect(await checksums(api, 'development')).toEqual(before);
  });

  it('refuses ids the comparison did not list as missing in Development: 400 naming them, nothing written', async () => {
    const report = await compare();
    const [devBefore, auditBefore] = [await checksums(api, 'development'), await auditTypes()];
    const unknown = randomUUID();
    const response = await refresh({
      comparisonId: report.id,
      reason: 'Spec: reproduce a Production issue',
      selections: [{ table: 'customers', ids: [ids.shared, ids.owned, unknown] }],
    });
    expect(response.status).toBe(400);
    const message = (response.body as ApiErrorBody).message;
    expect(message).toContain(`customers ${ids.shared} (not listed by the comparison as missing in development)`);
    expect(message).toContain(unknown);
    expect(message).not.toContain(ids.owned);
    expect(await checksums(api, 'development')).toEqual(devBefore);
    expect((await auditTypes()).slice(auditBefore.length)).toEqual(['refresh.refused']);
  });

  it('answers 409 for missing parents, and a dry run shows the plan and the data rules, writing nothing', async () => {
    const report = await compare();
    const [devBefore, auditBefore] = [await checksums(api, 'development'), await auditTypes()];
    const selections = [{ table: 'customer_notes', ids: [ids.note] }];
    const refused = await refresh({ comparisonId: report.id, dryRun: true, selections });
    expect(refused.status).toBe(409);
    expect((refused.body as ApiErrorBody).message).toMatch(/missing in development/);

    const dry = await refresh({ comparisonId: report.id, dryRun: true, includeParents: true, selections });
    expect(dry.status).toBe(201);
    const result = dry.body as RefreshResult;
    expect(result.status).toBe('dry_run');
    expect(result.plan.tables.map((t) => [t.table, t.selected.length + t.addedParents.length])).toEqual([
      ['users', 1],
      ['customers', 1],
      ['customer_notes', 1],
    ]);
    expect(result.plan.developmentDatabase).toMatch(/api_dev/);
    expect(result.plan.dataRules).toEqual([
      {
        table: 'users',
        columns: [
          { column: 'email', rule: 'mask-email', source: 'file' },
          { column: 'password_hash', rule: 'unusable', source: 'default' },
        ],
      },
      {
        table: 'customers',
        columns: [
          { column: 'company', rule: 'fixed:Refreshed Ltd', source: 'file' },
          { column: 'email', rule: 'mask-email', source: 'file' },
          { column: 'phone', rule: 'mask-phone', source: 'file' },
        ],
      },
      { table: 'customer_notes', columns: [{ column: 'body', rule: 'mask-text', source: 'file' }] },
    ]);
    expect(result.plan.adminAccounts).toMatchObject({ count: 1, passwordHashesIncluded: false });
    expect(await checksums(api, 'development')).toEqual(devBefore);
    expect(await auditTypes()).toEqual(auditBefore);
  });

  it('inserts exactly the selected Prod records and their parents, rules applied; Prod and the rest of Dev unchanged', async () => {
    const report = await compare();
    const inserted = [prodAdmin.id, ids.owned, ids.sameEmail, ids.note];
    const [devBefore, prodBefore] = [await checksums(api, 'development'), await checksums(api, 'production')];
    const response = await refresh({
      comparisonId: report.id,
      reason: 'Spec: reproduce a Production issue',
      includeParents: true,
      selections: [
        { table: 'customer_notes', ids: [ids.note] },
        { table: 'customers', ids: [ids.sameEmail] },
      ],
    });
    expect(response.status).toBe(201);
    const result = response.body as RefreshResult;
    expect(result.status).toBe('committed');
    expect(result.summary).toEqual({ inserted: 4, skipped: 0, failed: 0 });
    expect(result.recheck?.comparisonId).toEqual(expect.any(String));

    // Production is only read; every Dev row that was there is as it was.
    expect(await checksums(api, 'production')).toEqual(prodBefore);
    expect(await checksums(api, 'development', inserted)).toEqual(devBefore);

    const [user] = await api.query('development', 'SELECT * FROM users WHERE id = $1', [prodAdmin.id]);
    expect(user['email']).toMatch(/^user-[0-9a-f]{16}@example\.invalid$/);
    expect(user['password_hash']).toMatch(/^!refreshed-not-usable-/);
    expect(user['role']).toBe('admin');
    const customers = await api.query(
      'development',
      'SELECT id, name, company, email, phone FROM customers WHERE id = ANY($1) ORDER BY name',
      [[ids.owned, ids.sameEmail]],
    );
    expect(customers).toEqual([
      {
        id: ids.owned,
        name: 'Carol Owned',
        company: 'Refreshed Ltd',
        email: expect.any(String),
        phone: expect.any(String),
      },
      { id: ids.sameEmail, name: 'Sam Same', company: 'Refreshed Ltd', email: user['email'], phone: null },
    ]);
    // Distinct sources, distinct masks; the same source (users.email = customers.email) masks alike.
    expect(customers[0]['email']).toMatch(/^user-[0-9a-f]{16}@example\.invalid$/);
    expect(customers[0]['email']).not.toBe(user['email']);
    expect(customers[0]['phone']).toMatch(/^\+\d \(\d{3}\) \d{3}-\d{4}$/);
    expect(customers[0]['phone']).not.toBe(PHONE);
    const [note] = await api.query('development', 'SELECT body FROM customer_notes WHERE id = $1', [ids.note]);
    expect(note['body']).toHaveLength(NOTE.length);
    expect(note['body']).not.toBe(NOTE);
    expect(note['body']).toMatch(/^[A-Z][a-z]+ [a-z]+ [a-z]+ [A-Z][a-z]+, 3 [a-z]+$/);

    // The API's login reads Development: the Prod password opens nothing, by either address.
    for (const email of [prodAdmin.email, user['email'] as string]) {
      const login = await api.http.post('/api/auth/login').send({ email, password: prodAdmin.password });
      expect(login.status).toBe(401);
    }

    // Audited with the rules, never the values; stored as a refresh, not as a sync.
    const events = await api.query<{ type: string; payload: object }>(
      'audit',
      "SELECT type, payload FROM audit_events WHERE type LIKE 'refresh.%' AND payload->>'refreshId' = $1 ORDER BY seq",
      [result.id],
    );
    expect(events.map((e) => e.type)).toEqual(['refresh.requested', 'refresh.committed']);
    const logged = JSON.stringify(events);
    expect(logged).toContain('mask-email');
    for (const secret of ['carol@prod.example', prodAdmin.email, PHONE, NOTE, 'Renewal']) {
      expect(logged).not.toContain(secret);
    }
    const stored = await api.http.get(`/api/dev/refreshes/${result.id}`).set(admin).expect(200);
    expect(stored.body as StoredRefresh).toMatchObject({
      id: result.id,
      status: 'committed',
      reason: 'Spec: reproduce a Production issue',
      plan: { dataRules: result.plan.dataRules },
    });
    const list = (await api.http.get('/api/dev/refreshes').set(admin).expect(200)).body as Page<SyncListItem>;
    expect(list.items.map((i) => i.id)).toContain(result.id);
    const syncs = (await api.http.get('/api/dev/syncs').set(admin).expect(200)).body as Page<SyncListItem>;
    expect(syncs.items.map((i) => i.id)).not.toContain(result.id);
    await api.http.get(`/api/dev/syncs/${result.id}`).set(admin).expect(404);

    // Refreshed records are no longer missing in Development.
    const again = await compare();
    const missing = again.tables.flatMap((t) => t.missingInDevelopment.records.map((r) => r.id));
    expect(missing).not.toEqual(expect.arrayContaining([ids.note]));
  });
});

describe('/api/dev refresh-development: pinned at comparison time', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ seed });
  });
  afterAll(() => api?.close());

  it('refuses a record Production changed since the comparison: 409 naming it and the column, nothing written', async () => {
    const report = await api.compare();
    await api.query('production', "UPDATE customers SET company = 'Changed Ltd' WHERE id = $1", [ids.changed]);
    const before = await checksums(api, 'development');
    const response = await refreshAsAdmin(api, {
      comparisonId: report.id,
      reason: 'Spec: a record changed in Production',
      selections: [{ table: 'customers', ids: [ids.changed] }],
    });
    expect(response.status).toBe(409);
    const body = response.body as ApiErrorBody;
    expect(body.message).toMatch(/changed in production since the comparison/);
    expect(body.details).toMatchObject({
      reason: 'changed_since_review',
      records: [{ table: 'customers', id: ids.changed, problem: 'changed_since_review', columns: ['company'] }],
    });
    expect(await checksums(api, 'development')).toEqual(before);
  });
});

describe('/api/dev refresh-development: a Development constraint violation', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      seed,
      env: { REFRESH_RULES: rulesFile('rules.json', JSON.stringify({ 'customers.name': 'null' })) },
    });
  });
  afterAll(() => api?.close());

  it('rolls the whole refresh back, naming the record; nothing written', async () => {
    const report = await api.compare();
    const before = await checksums(api, 'development');
    const response = await refreshAsAdmin(api, {
      comparisonId: report.id,
      reason: 'Spec: a rule Development refuses',
      selections: [{ table: 'customers', ids: [ids.sameEmail] }],
    });
    expect(response.status).toBe(201);
    const result = response.body as RefreshResult;
    expect(result.status).toBe('rolled_back');
    expect(result.error).toContain(`customers ${ids.sameEmail}`);
    expect(await checksums(api, 'development')).toEqual(before);
    const types = await api.query<{ type: string }>(
      'audit',
      "SELECT type FROM audit_events WHERE type LIKE 'refresh.%'",
    );
    expect(types.map((t) => t.type)).toEqual(['refresh.requested', 'refresh.rolled_back']);
  });
});
