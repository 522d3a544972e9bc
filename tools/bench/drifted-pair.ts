// Generates the benchmark's Dev/Prod pair inside PostgreSQL (INSERT … SELECT
// generate_series, nothing row by row from Node): N customers and 2N notes in
// Dev, copied to Prod with CREATE DATABASE … TEMPLATE, then drifted so that
// ~0.3% of each table's rows differ: a third only in Dev, a third only in
// Prod, a third changed in Prod.
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { CrmDatabase } from '@vantix/sync-core';
import { createTestDatabase, TEST_SERVER_URL } from '@vantix/testing';

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

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createDriftedPair(n: number, log: (line: string) => void): Promise<DriftedPair> {
  const started = performance.now();
  const devDb = await createTestDatabase('bench_dev');
  const prodName = devDb.name.replace('bench_dev', 'bench_prod');
  const prodUrl = devDb.url.replace(devDb.name, prodName);
  const drift = {
    customers: Math.max(1, Math.round((n * DRIFT_SHARE) / 3)),
    notes: Math.max(1, Math.round((2 * n * DRIFT_SHARE) / 3)),
  };
  let prodCreated = false;
  const drop = async () => {
    if (prodCreated) {
      await onServer(`DROP DATABASE IF EXISTS "${prodName}" WITH (FORCE)`);
    }
    await devDb.drop();
  };
  try {
    const seed = new Client({ connectionString: devDb.url });
    await seed.connect();
    try {
      await seed.query(customersSql('1', String(n), ''));
      await seed.query(notesSql('1', String(2 * n), '', n));
    } finally {
      await seed.end();
    }
    // A file-level copy: much faster than generating the same rows again.
    await onServer(`CREATE DATABASE "${prodName}" TEMPLATE "${devDb.name}"`);
    prodCreated = true;
    const devSql = new Client({ connectionString: devDb.url });
    const prodSql = new Client({ connectionString: prodUrl });
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
            WHERE id IN (SELECT ${NOTE_ID(`'' || (g * ${Math.floor((2 * n) / k)})`)} FROM generate_series(1, ${k}) g);`,
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
    `generated ${n.toLocaleString('en')} customers and ${(2 * n).toLocaleString('en')} notes per side ` +
      `(drift per kind: ${drift.customers} customers, ${drift.notes} notes) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const dev = new CrmDatabase('development', devDb.url, { applicationName: 'vantix-bench-dev' });
  const prod = new CrmDatabase('production', prodUrl, { applicationName: 'vantix-bench-prod' });
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
