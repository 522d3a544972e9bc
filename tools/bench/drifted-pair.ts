// Generates the benchmark's Dev/Prod pair inside PostgreSQL (INSERT … SELECT
// generate_series, nothing row by row from Node): N customers and N notes,
// seeded once into a cached template database (kept between runs, named by N
// and a hash of the CRM migrations and of the seeding SQL), copied to Dev and
// Prod with CREATE DATABASE … TEMPLATE, then drifted so that ~0.3% of each
// table's rows differ: a third only in Dev, a third only in Prod, a third
// changed in Prod. BENCH_FRESH_TEMPLATE=1 re-seeds the template.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { applyMigrations, crmMigrationsDir } from '@vantix/migrations';
import { CrmDatabase } from '@vantix/sync-core';
import { onDatabase, onServer, TEST_SERVER_URL } from '@vantix/testing';

export interface DriftedPair {
  dev: CrmDatabase;
  prod: CrmDatabase;
  n: number;
  /** Rows per kind of difference, per table. */
  drift: { customers: number; notes: number };
  drop(): Promise<void>;
}

const DRIFT_SHARE = 0.003;

// Deterministic, uniformly spread uuids (like gen_random_uuid() keys, so the
// primary-key index order is unrelated to the heap order, as in a real CRM).
const CUSTOMER_ID = (g: string) => `md5('customer ' || ${g})::uuid`;
const NOTE_ID = (g: string) => `md5('note ' || ${g})::uuid`;

function customersSql(from: string, to: string, tag: string): string {
  return `INSERT INTO customers (id, name, company, email, phone, status, created_at, updated_at)
    SELECT ${CUSTOMER_ID(`'${tag}' || g`)}, 'Customer ' || g, 'Company ' || (g % 5000), 'customer' || g || '@example.com',
           '+1-555-' || lpad((g % 10000)::text, 4, '0'), 'active',
           timestamptz '2024-01-01Z' + g * interval '1 minute', timestamptz '2024-06-01Z' + g * interval '1 second'
      FROM generate_series(${from}, ${to}) g`;
}

function notesSql(from: string, to: string, tag: string, customers: number): string {
  return `INSERT INTO customer_notes (id, customer_id, body, created_at, updated_at)
    SELECT ${NOTE_ID(`'${tag}' || g`)}, ${CUSTOMER_ID(`'' || (g % ${customers} + 1)`)},
           'Call ' || g || ': discussed the renewal, next steps and the open invoice of the quarter.',
           timestamptz '2024-01-01Z' + g * interval '30 seconds', timestamptz '2024-06-01Z' + g * interval '1 second'
      FROM generate_series(${from}, ${to}) g`;
}

function urlFor(database: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The template's name: a new schema or a new seeding rule makes a new template. */
function templateName(n: number): string {
  const dir = crmMigrationsDir();
  const hash = createHash('sha256');
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (entry.endsWith('.sql')) {
      hash.update(readFileSync(join(dir, entry)));
    }
  }
  hash.update(customersSql('1', 'N', '') + notesSql('1', 'N', '', 1));
  return `vx_bench_tpl_${n}_${hash.digest('hex').slice(0, 10)}`;
}

// The seeded tables' indexes and foreign keys, dropped while seeding and built
// afterwards: one sorted index build is far faster than N random-uuid inserts.
const DEFERRED_DDL = `
  SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def, c.contype AS type
    FROM pg_constraint c
   WHERE c.conrelid IN ('customers'::regclass, 'customer_notes'::regclass) AND c.contype IN ('p', 'f', 'u')
      OR c.confrelid IN ('customers'::regclass, 'customer_notes'::regclass) AND c.contype = 'f'`;

async function seedTemplate(name: string, n: number, log: (line: string) => void): Promise<void> {
  const seeding = `${name}_seeding`;
  const started = performance.now();
  await onServer(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${seeding}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${seeding}"`);
  });
  const url = urlFor(seeding);
  await applyMigrations(url, crmMigrationsDir());
  const ddl = await onDatabase(url, async (client) => {
    const constraints = (await client.query<{ tbl: string; name: string; def: string; type: string }>(DEFERRED_DDL))
      .rows;
    const indexes = (
      await client.query<{ def: string; name: string }>(
        `SELECT indexdef AS def, indexname AS name FROM pg_indexes
          WHERE tablename IN ('customers', 'customer_notes')
            AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
      )
    ).rows;
    // Foreign keys first (they depend on the primary keys).
    for (const c of [...constraints].sort((a, b) => (a.type === 'f' ? 0 : 1) - (b.type === 'f' ? 0 : 1))) {
      await client.query(`ALTER TABLE ${c.tbl} DROP CONSTRAINT "${c.name}"`);
    }
    for (const index of indexes) {
      await client.query(`DROP INDEX "${index.name}"`);
    }
    return { constraints, indexes };
  });
  // Both tables at once: one core each.
  await Promise.all([
    onDatabase(url, (client) => client.query(customersSql('1', String(n), ''))),
    onDatabase(url, (client) => client.query(notesSql('1', String(n), '', n))),
  ]);
  log(`  template ${name}: rows generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await onDatabase(url, async (client) => {
    await client.query(`SET maintenance_work_mem = '512MB'`);
    // Primary keys and indexes, then foreign keys (which need the keys).
    const ordered = [...ddl.constraints].sort((a, b) => (a.type === 'f' ? 1 : 0) - (b.type === 'f' ? 1 : 0));
    for (const c of ordered.filter((c) => c.type !== 'f')) {
      await client.query(`ALTER TABLE ${c.tbl} ADD CONSTRAINT "${c.name}" ${c.def}`);
    }
    for (const index of ddl.indexes) {
      await client.query(index.def);
    }
    for (const c of ordered.filter((c) => c.type === 'f')) {
      await client.query(`ALTER TABLE ${c.tbl} ADD CONSTRAINT "${c.name}" ${c.def}`);
    }
    // Frozen and analyzed once here, so the copies need no hint-bit writes.
    await client.query('VACUUM (FREEZE, ANALYZE)');
  });
  await onServer((client) => client.query(`ALTER DATABASE "${seeding}" RENAME TO "${name}"`));
  log(`  template ${name}: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s (kept for the next run)`);
}

export async function templateFor(n: number, log: (line: string) => void): Promise<string> {
  const name = templateName(n);
  const exists = await onServer(
    async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1,
  );
  if (exists && process.env['BENCH_FRESH_TEMPLATE'] === '1') {
    await onServer((client) => client.query(`DROP DATABASE "${name}" WITH (FORCE)`));
  } else if (exists) {
    log(`  template ${name}: cached`);
    return name;
  }
  await seedTemplate(name, n, log);
  return name;
}

export async function createDriftedPair(n: number, log: (line: string) => void): Promise<DriftedPair> {
  const started = performance.now();
  const template = await templateFor(n, log);
  const suffix = randomBytes(5).toString('hex');
  const devName = `vx_bench_dev_${suffix}`;
  const prodName = `vx_bench_prod_${suffix}`;
  const drift = {
    customers: Math.max(1, Math.round((n * DRIFT_SHARE) / 3)),
    notes: Math.max(1, Math.round((n * DRIFT_SHARE) / 3)),
  };
  const created: string[] = [];
  const drop = async () => {
    for (const name of created) {
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  };
  try {
    // FILE_COPY: a file-level copy, much faster for a large template than
    // PostgreSQL 15's default WAL_LOG strategy.
    for (const name of [devName, prodName]) {
      await onServer((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}" STRATEGY FILE_COPY`));
      created.push(name);
    }
    const devSql = new Client({ connectionString: urlFor(devName) });
    const prodSql = new Client({ connectionString: urlFor(prodName) });
    await Promise.all([devSql.connect(), prodSql.connect()]);
    try {
      const c = drift.customers;
      const k = drift.notes;
      await Promise.all([
        // Only in Dev.
        devSql.query(`${customersSql('1', String(c), 'dev-')}; ${notesSql('1', String(k), 'dev-', n)}`),
        // Only in Prod, and changed in Prod (every n/c-th row, spread over the table).
        prodSql.query(
          `${customersSql('1', String(c), 'prod-')}; ${notesSql('1', String(k), 'prod-', n)};
           UPDATE customers SET status = 'inactive', updated_at = now()
            WHERE id IN (SELECT ${CUSTOMER_ID(`'' || (g * ${Math.floor(n / c)})`)} FROM generate_series(1, ${c}) g);
           UPDATE customer_notes SET body = body || ' (edited)'
            WHERE id IN (SELECT ${NOTE_ID(`'' || (g * ${Math.floor(n / k)})`)} FROM generate_series(1, ${k}) g);`,
        ),
      ]);
      await Promise.all([devSql.query('VACUUM ANALYZE'), prodSql.query('VACUUM ANALYZE')]);
    } finally {
      await Promise.all([devSql.end(), prodSql.end()]);
    }
  } catch (error) {
    await drop();
    throw error;
  }
  log(
    `pair of ${n.toLocaleString('en')} customers and ${n.toLocaleString('en')} notes per side ` +
      `(drift per kind: ${drift.customers} customers, ${drift.notes} notes) ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const dev = new CrmDatabase('development', urlFor(devName), { applicationName: 'vantix-bench-dev' });
  const prod = new CrmDatabase('production', urlFor(prodName), { applicationName: 'vantix-bench-prod' });
  return {
    dev,
    prod,
    n,
    drift,
    drop: async () => {
      await Promise.all([dev.close(), prod.close()]);
      await drop();
    },
  };
}
