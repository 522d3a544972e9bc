import { Client } from 'pg';
import { CRM_TABLES } from '@vantix/contracts';
import { CrmDatabase } from '../db/crm-database';
import { DatabaseUnavailableError } from '../db/errors';
import { planSync, type PlanRequest } from '../plan/plan';
import { PlannedSync } from '../plan/planned-sync';
import {
  createDatabasePair,
  customer,
  type DatabasePair,
  file,
  ids,
  insertRows,
  note,
  rowHashes,
  snapshot,
  unchangedRows,
  user,
} from '../testing/spec-fixtures';
import { applyPlan } from './apply';
import { SYNC_LOCK_KEY, SyncInProgressError } from './lock';
import { fingerprintSql } from '../db/fingerprint';

describe(applyPlan.name, () => {
  let pair: DatabasePair;
  const sut = {
    plan: (request: PlanRequest, dev = pair.dev) =>
      planSync(dev, pair.prod, { allowList: CRM_TABLES, schema: 'public' }, request),
    apply: (plan: PlannedSync, options: { prod?: CrmDatabase; batchSize?: number } = {}) =>
      applyPlan(pair.dev, options.prod ?? pair.prod, { schema: 'public', batchSize: options.batchSize ?? 5_000 }, plan),
    sync: async (request: PlanRequest, options: { batchSize?: number } = {}) =>
      sut.apply(await sut.plan(request), options),
  };
  // A fresh scenario per test: Dev-only customer with notes, plus shared rows Prod already has.
  let sharedOwner: ReturnType<typeof user>;

  beforeAll(async () => {
    pair = await createDatabasePair('apply');
    sharedOwner = user();
    await insertRows(pair.dev, 'users', [sharedOwner]);
    await insertRows(pair.prod, 'users', [sharedOwner]);
  });
  afterAll(() => pair.close());

  /** The Prod test database's URL, for a second, independent connection. */
  const prodUrl = () =>
    (pair.prod.pool as unknown as { options: { connectionString: string } }).options.connectionString;

  /** A customer and `n` notes only in Dev; a customer with a note in both. */
  async function scenario(n = 3) {
    const sharedCustomer = customer({ owner_id: sharedOwner.id });
    const sharedNote = note(sharedCustomer.id);
    for (const db of [pair.dev, pair.prod]) {
      await insertRows(db, 'customers', [sharedCustomer]);
      await insertRows(db, 'customer_notes', [sharedNote]);
    }
    const devCustomer = customer({
      owner_id: sharedOwner.id,
      name: 'Dev only',
    });
    const devNotes = Array.from({ length: n }, (_, i) => note(devCustomer.id, { body: `note ${i}` }));
    await insertRows(pair.dev, 'customers', [devCustomer]);
    await insertRows(pair.dev, 'customer_notes', devNotes);
    return { sharedCustomer, devCustomer, devNotes };
  }

  it('inserts the planned records, parents first, and leaves every existing Prod row unchanged', async () => {
    const { devCustomer, devNotes } = await scenario();
    const before = await snapshot(pair.prod);
    const outcome = await sut.sync({
      selections: [{ table: 'customer_notes', ids: devNotes.map((n) => n.id) }],
      includeParents: true,
    });
    expect(outcome.status).toBe('committed');
    expect(outcome.summary).toEqual({ inserted: 4, skipped: 0, failed: 0 });
    expect(outcome.results[0]).toEqual({
      table: 'customers',
      id: devCustomer.id,
      status: 'inserted',
      reason: null,
    });
    expect(unchangedRows(before, await snapshot(pair.prod))).toEqual([]);
    // The copies are identical to Dev's rows, column by column.
    const devCopy = await pair.dev.pool.query(
      `SELECT md5(t::text) AS h FROM customer_notes t WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [devNotes.map((n) => n.id)],
    );
    const prodCopy = await pair.prod.pool.query(
      `SELECT md5(t::text) AS h FROM customer_notes t WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [devNotes.map((n) => n.id)],
    );
    expect(prodCopy.rows).toEqual(devCopy.rows);
  });

  it('fingerprints every inserted row in Production before COMMIT, as a review pins a row', async () => {
    const { devCustomer, devNotes } = await scenario(2);
    const outcome = await sut.sync({
      selections: [{ table: 'customer_notes', ids: devNotes.map((n) => n.id) }],
      includeParents: true,
    });
    expect(outcome.status).toBe('committed');
    const fingerprintOf = async (db: CrmDatabase, table: string, id: string) => {
      const columns = await db.pool.query<{ name: string }>(
        `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
        [table],
      );
      const sql = fingerprintSql(
        't',
        columns.rows.map((c) => c.name),
      );
      const row = await db.pool.query({
        text: `SELECT ${sql.select} FROM ${table} t WHERE id = $1`,
        values: [id],
        rowMode: 'array',
      });
      return row.rows[0][0] as string;
    };
    const expected = [
      {
        table: 'customers',
        id: devCustomer.id,
        fingerprint: await fingerprintOf(pair.prod, 'customers', devCustomer.id),
      },
      ...(await Promise.all(
        devNotes.map(async (n) => ({
          table: 'customer_notes',
          id: n.id,
          fingerprint: await fingerprintOf(pair.prod, 'customer_notes', n.id),
        })),
      )),
    ];
    expect(outcome.written).toEqual(expect.arrayContaining(expected));
    expect(outcome.written).toHaveLength(3);
    // Same columns on both sides: Production's digest is Development's — what was written is what was read.
    expect(outcome.written?.find((w) => w.id === devCustomer.id)?.fingerprint).toBe(
      await fingerprintOf(pair.dev, 'customers', devCustomer.id),
    );
    // And it is a digest of the content: a later edit in Production shows.
    await pair.prod.pool.query(`UPDATE customers SET name = 'Edited in prod' WHERE id = $1`, [devCustomer.id]);
    expect(await fingerprintOf(pair.prod, 'customers', devCustomer.id)).not.toBe(expected[0].fingerprint);
  });

  it('copies awkward values byte for byte (quotes, braces, backslashes, NULL text, unicode, big numbers)', async () => {
    const { sharedCustomer } = await scenario(0);
    const awkward = [
      note(sharedCustomer.id, { body: '{"a",b}\\ \'quoted\' \n line\ttab' }),
      note(sharedCustomer.id, { body: 'NULL' }),
      note(sharedCustomer.id, { body: 'ünïcødé ✓ 🚀' }),
    ];
    const bigFile = file(sharedCustomer.id, {
      size_bytes: '9007199254740993',
      file_name: 'a,b"c.pdf',
    });
    await insertRows(pair.dev, 'customer_notes', awkward);
    await insertRows(pair.dev, 'customer_files', [bigFile]);
    const outcome = await sut.sync({
      selections: [
        { table: 'customer_notes', ids: awkward.map((n) => n.id) },
        { table: 'customer_files', ids: [bigFile.id] },
      ],
      includeParents: false,
    });
    expect(outcome.summary.inserted).toBe(4);
    for (const table of ['customer_notes', 'customer_files']) {
      const devHashes = await rowHashes(pair.dev, table);
      const prodHashes = await rowHashes(pair.prod, table);
      for (const id of [...awkward.map((n) => n.id), bigFile.id]) {
        if (devHashes.has(id)) {
          expect(prodHashes.get(id)).toBe(devHashes.get(id));
        }
      }
    }
  });

  it('copies a user with its password hash but never shows the hash in the outcome', async () => {
    const devUser = user({ role: 'admin' });
    await insertRows(pair.dev, 'users', [devUser]);
    const outcome = await sut.sync({
      selections: [{ table: 'users', ids: [devUser.id] }],
      includeParents: false,
      allowAdminAccounts: true,
    });
    expect(outcome.status).toBe('committed');
    const copied = await pair.prod.pool.query('SELECT password_hash FROM users WHERE id = $1', [devUser.id]);
    expect(copied.rows[0].password_hash).toBe(devUser.password_hash);
    expect(JSON.stringify(outcome)).not.toContain(devUser.password_hash);
  });

  it('skips a record that appeared in production between plan and apply', async () => {
    const { devCustomer, devNotes } = await scenario(2);
    const plan = await sut.plan({
      selections: [{ table: 'customer_notes', ids: devNotes.map((n) => n.id) }],
      includeParents: true,
    });
    // Someone creates the customer and one note in Prod meanwhile, with different content.
    await insertRows(pair.prod, 'customers', [{ ...devCustomer, name: 'Created in prod' }]);
    await insertRows(pair.prod, 'customer_notes', [{ ...devNotes[0], body: 'prod text' }]);
    const before = await snapshot(pair.prod);
    const outcome = await sut.apply(plan);
    expect(outcome.status).toBe('committed');
    expect(outcome.results).toEqual([
      {
        table: 'customers',
        id: devCustomer.id,
        status: 'skipped',
        reason: 'already in production',
      },
      {
        table: 'customer_notes',
        id: devNotes[0].id,
        status: 'skipped',
        reason: 'already in production',
      },
      {
        table: 'customer_notes',
        id: devNotes[1].id,
        status: 'inserted',
        reason: null,
      },
    ]);
    expect(unchangedRows(before, await snapshot(pair.prod))).toEqual([]);
    const kept = await pair.prod.pool.query('SELECT name FROM customers WHERE id = $1', [devCustomer.id]);
    expect(kept.rows[0].name).toBe('Created in prod');
  });

  it('fails a record deleted from development meanwhile, and the children that need it, and commits the rest', async () => {
    const { devCustomer, devNotes } = await scenario(2);
    const other = await scenario(1);
    const plan = await sut.plan({
      selections: [
        {
          table: 'customer_notes',
          ids: [...devNotes, ...other.devNotes].map((n) => n.id),
        },
      ],
      includeParents: true,
    });
    await pair.dev.pool.query('DELETE FROM customer_notes WHERE id = $1', [devNotes[0].id]);
    await pair.dev.pool.query('DELETE FROM customer_notes WHERE customer_id = $1', [devCustomer.id]);
    await pair.dev.pool.query('DELETE FROM customers WHERE id = $1', [devCustomer.id]);
    // Re-create the second note (same id) so it is still in Dev but its customer is not.
    await pair.dev.pool.query('ALTER TABLE customer_notes DISABLE TRIGGER ALL');
    await insertRows(pair.dev, 'customer_notes', [devNotes[1]]);
    await pair.dev.pool.query('ALTER TABLE customer_notes ENABLE TRIGGER ALL');

    const outcome = await sut.apply(plan);
    expect(outcome.status).toBe('committed');
    const byId = new Map(outcome.results.map((r) => [r.id, r]));
    expect(byId.get(devCustomer.id)).toMatchObject({
      status: 'failed',
      reason: 'no longer in development',
    });
    expect(byId.get(devNotes[0].id)).toMatchObject({
      status: 'failed',
      reason: 'no longer in development',
    });
    expect(byId.get(devNotes[1].id)).toMatchObject({
      status: 'failed',
      reason: `parent customers ${devCustomer.id} no longer in development`,
    });
    expect(byId.get(other.devCustomer.id)?.status).toBe('inserted');
    expect(byId.get(other.devNotes[0].id)?.status).toBe('inserted');
    const prodNotes = await ids(pair.prod, 'customer_notes');
    expect(prodNotes.has(devNotes[1].id)).toBe(false);
  });

  it('rolls everything back when Prod refuses a row, naming the record and the constraint', async () => {
    const { sharedCustomer } = await scenario(0);
    const first = note(sharedCustomer.id);
    const orphanCustomer = customer();
    const orphan = note(orphanCustomer.id);
    await insertRows(pair.dev, 'customers', [orphanCustomer]);
    await insertRows(pair.dev, 'customer_notes', [first, orphan]);
    await insertRows(pair.prod, 'customers', [orphanCustomer]);
    const plan = await sut.plan({
      selections: [{ table: 'customer_notes', ids: [first.id, orphan.id] }],
      includeParents: false,
    });
    // The parent disappears from Prod between plan and apply (the sync itself never deletes).
    await pair.prod.pool.query('DELETE FROM customers WHERE id = $1', [orphanCustomer.id]);
    const before = await snapshot(pair.prod);

    const outcome = await sut.apply(plan);
    expect(outcome.status).toBe('rolled_back');
    expect(outcome.error).toBe(
      `customer_notes ${orphan.id}: violates foreign key constraint "customer_notes_customer_id_fkey"`,
    );
    expect(outcome.failure).toMatchObject({
      table: 'customer_notes',
      id: orphan.id,
      constraint: 'customer_notes_customer_id_fkey',
      code: '23503',
    });
    expect(outcome.summary).toEqual({ inserted: 0, skipped: 0, failed: 2 });
    expect(await snapshot(pair.prod)).toEqual(before);
  });

  it('rolls back on a CHECK constraint of Production and writes zero rows', async () => {
    const { devNotes } = await scenario(4);
    await insertRows(pair.dev, 'customer_notes', []);
    const bad = devNotes[2];
    await pair.dev.pool.query(`UPDATE customer_notes SET body = 'forbidden words' WHERE id = $1`, [bad.id]);
    await pair.prod.pool.query(
      `ALTER TABLE customer_notes ADD CONSTRAINT body_is_clean CHECK (body NOT LIKE 'forbidden%')`,
    );
    try {
      const before = await snapshot(pair.prod);
      const outcome = await sut.sync(
        {
          selections: [{ table: 'customer_notes', ids: devNotes.map((n) => n.id) }],
          includeParents: true,
        },
        { batchSize: 2 },
      );
      expect(outcome.status).toBe('rolled_back');
      expect(outcome.error).toBe(`customer_notes ${bad.id}: violates check constraint "body_is_clean"`);
      expect(await snapshot(pair.prod)).toEqual(before);
      expect(outcome.error).not.toContain('forbidden');
    } finally {
      await pair.prod.pool.query('ALTER TABLE customer_notes DROP CONSTRAINT body_is_clean');
    }
  });

  it('a unique violation other than the key (taken after planning) is an error, not a silent skip', async () => {
    const prodUser = user();
    const devUser = user({ email: prodUser.email });
    await insertRows(pair.dev, 'users', [devUser]);
    const plan = await sut.plan({ selections: [{ table: 'users', ids: [devUser.id] }], includeParents: false });
    await insertRows(pair.prod, 'users', [prodUser]);
    const outcome = await sut.apply(plan);
    expect(outcome.status).toBe('rolled_back');
    expect(outcome.error).toBe(`users ${devUser.id}: violates unique constraint "users_email_key"`);
    expect(outcome.error).not.toContain(devUser.email);
  });

  it('reports nothing_to_do when every planned record is already in production', async () => {
    const { devNotes } = await scenario(1);
    const plan = await sut.plan({
      selections: [{ table: 'customer_notes', ids: [devNotes[0].id] }],
      includeParents: true,
    });
    await pair.prod.pool.query(`INSERT INTO customers SELECT * FROM json_populate_record(NULL::customers, $1)`, [
      JSON.stringify(
        (
          await pair.dev.pool.query('SELECT * FROM customers WHERE id = $1', [
            plan.toSyncPlan().tables[0].addedParents[0],
          ])
        ).rows[0],
      ),
    ]);
    await insertRows(pair.prod, 'customer_notes', [devNotes[0]]);
    const outcome = await sut.apply(plan);
    expect(outcome.status).toBe('nothing_to_do');
    expect(outcome.summary).toEqual({ inserted: 0, skipped: 2, failed: 0 });
  });

  it('a second sync fails fast with SyncInProgressError while the lock is held', async () => {
    const { devNotes } = await scenario(1);
    const plan = await sut.plan({
      selections: [{ table: 'customer_notes', ids: [devNotes[0].id] }],
      includeParents: true,
    });
    const holder = new Client({ connectionString: prodUrl() });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [SYNC_LOCK_KEY]);
      const started = Date.now();
      await expect(sut.apply(plan)).rejects.toBeInstanceOf(SyncInProgressError);
      expect(Date.now() - started).toBeLessThan(2_000);
      await holder.query('SELECT pg_advisory_unlock($1::bigint)', [SYNC_LOCK_KEY]);
      expect((await sut.apply(plan)).status).toBe('committed');
    } finally {
      await holder.end();
    }
  });

  it('two concurrent syncs: one commits, the other gets SyncInProgressError', async () => {
    const a = await scenario(1);
    const b = await scenario(1);
    const planA = await sut.plan({
      selections: [{ table: 'customer_notes', ids: [a.devNotes[0].id] }],
      includeParents: true,
    });
    const planB = await sut.plan({
      selections: [{ table: 'customer_notes', ids: [b.devNotes[0].id] }],
      includeParents: true,
    });
    // Slow down Prod inserts so the first sync still holds the lock when the second starts.
    await pair.prod.pool.query(`
      CREATE FUNCTION slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.4); RETURN NULL; END $$;
      CREATE TRIGGER slow_insert AFTER INSERT ON customers FOR EACH STATEMENT EXECUTE FUNCTION slow_insert();`);
    try {
      const first = sut.apply(planA);
      await new Promise((r) => setTimeout(r, 150));
      const started = Date.now();
      await expect(sut.apply(planB)).rejects.toBeInstanceOf(SyncInProgressError);
      expect(Date.now() - started).toBeLessThan(300);
      expect((await first).status).toBe('committed');
    } finally {
      await pair.prod.pool.query('DROP TRIGGER slow_insert ON customers; DROP FUNCTION slow_insert()');
    }
  });

  it('reports an unreachable production database as DatabaseUnavailableError', async () => {
    const { devNotes } = await scenario(1);
    const plan = await sut.plan({
      selections: [{ table: 'customer_notes', ids: [devNotes[0].id] }],
      includeParents: true,
    });
    const down = new CrmDatabase('production', 'postgres://postgres@127.0.0.1:1/none');
    try {
      const error = await sut.apply(plan, { prod: down }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect((error as DatabaseUnavailableError).side).toBe('production');
    } finally {
      await down.close();
    }
  });

  it('a Prod connection terminated mid-apply is DatabaseUnavailableError and leaves nothing behind', async () => {
    const { devNotes } = await scenario(2);
    const plan = await sut.plan({
      selections: [{ table: 'customer_notes', ids: devNotes.map((n) => n.id) }],
      includeParents: true,
    });
    const prodIdsBefore = await ids(pair.prod, 'customers');
    await pair.prod.pool.query(`
      CREATE FUNCTION slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(2); RETURN NULL; END $$;
      CREATE TRIGGER slow_insert AFTER INSERT ON customers FOR EACH STATEMENT EXECUTE FUNCTION slow_insert();`);
    const killer = new Client({ connectionString: prodUrl() });
    await killer.connect();
    try {
      const applying = sut.apply(plan).catch((e: unknown) => e);
      // Wait until the sync's INSERT is sleeping in the trigger, then cut its connection.
      for (let i = 0; i < 50; i++) {
        const busy = await killer.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'WITH s AS (%' AND state = 'active'`,
        );
        if (busy.rows.length > 0) {
          await killer.query('SELECT pg_terminate_backend($1)', [busy.rows[0].pid]);
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      const error = await applying;
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect((error as DatabaseUnavailableError).side).toBe('production');
    } finally {
      await killer.query('DROP TRIGGER slow_insert ON customers; DROP FUNCTION slow_insert()');
      await killer.end();
    }
    expect(await ids(pair.prod, 'customers')).toEqual(prodIdsBefore);
  });

  it('reports an unreachable development database as DatabaseUnavailableError naming that side', async () => {
    const down = new CrmDatabase('development', 'postgres://postgres@127.0.0.1:1/none');
    try {
      const error = await sut
        .plan({ selections: [{ table: 'users', all: true }], includeParents: false }, down)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect((error as DatabaseUnavailableError).side).toBe('development');
    } finally {
      await down.close();
    }
  });

  it('inserts an id selected in two spellings once, reporting the canonical id', async () => {
    const { sharedCustomer } = await scenario(0);
    const extra = note(sharedCustomer.id);
    await insertRows(pair.dev, 'customer_notes', [extra]);
    const outcome = await sut.sync({
      selections: [{ table: 'customer_notes', ids: [extra.id.toUpperCase(), extra.id] }],
      includeParents: false,
    });
    expect(outcome.results).toEqual([
      {
        table: 'customer_notes',
        id: extra.id,
        status: 'inserted',
        reason: null,
      },
    ]);
  });

  it('touches no database for a plan without records', async () => {
    const down = new CrmDatabase('production', 'postgres://postgres@127.0.0.1:1/none');
    try {
      const outcome = await sut.apply(new PlannedSync([]), { prod: down });
      expect(outcome).toMatchObject({
        status: 'nothing_to_do',
        summary: { inserted: 0, skipped: 0, failed: 0 },
        results: [],
        plan: { tables: [], total: 0 },
      });
    } finally {
      await down.close();
    }
  });
});
