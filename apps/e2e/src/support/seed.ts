import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/** Records the browser test selects, by id and by what the console shows for them. */
export interface SeededRecords {
  /** Two customers only in Dev, found in the panel by searching "Zephyr". */
  zephyrAlpha: string;
  zephyrBeta: string;
  /** A customer only in Dev whose note (also only in Dev) is selected without it: the dialog must bring it along. */
  parentCustomer: string;
  note: string;
  /** Customers only in Dev besides the ones above: enough to show the panel at scale. */
  bulkCount: number;
}

const BULK = 5000;

/**
 * A drifted pair of CRM databases: shared records, one that differs, one only
 * in Production, and in Development the records the test syncs plus 5,000 more
 * customers missing in Production.
 */
export async function seedDriftedCrm(dev: Pool, prod: Pool, ownerId: string): Promise<SeededRecords> {
  const seeded: SeededRecords = {
    zephyrAlpha: randomUUID(),
    zephyrBeta: randomUUID(),
    parentCustomer: randomUUID(),
    note: randomUUID(),
    bulkCount: BULK,
  };
  const shared = [randomUUID(), randomUUID(), randomUUID()];
  const differing = randomUUID();
  const prodOnly = randomUUID();
  // Fixed timestamps: with the columns' now() defaults, a record inserted into
  // both databases a few milliseconds apart would count as differing.
  const at = '2026-11-01T09:00:00.000Z';
  const insertCustomer =
    'INSERT INTO customers (id, name, company, email, owner_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)';

  for (const [i, id] of shared.entries()) {
    for (const pool of [dev, prod]) {
      await pool.query(insertCustomer, [
        id,
        `Shared Customer ${i + 1}`,
        'Shared GmbH',
        `shared${i + 1}@example.com`,
        ownerId,
        at,
      ]);
    }
  }
  await dev.query(insertCustomer, [differing, 'Dora Differs', 'Diff AG', 'dora@dev.example.com', ownerId, at]);
  await prod.query(insertCustomer, [differing, 'Dora Differs', 'Diff AG', 'dora@prod.example.com', ownerId, at]);
  await prod.query(insertCustomer, [prodOnly, 'Paula Prodonly', 'Prod Ltd', 'paula@example.com', ownerId, at]);
  const insertNote =
    'INSERT INTO customer_notes (id, customer_id, author_id, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)';
  // A note on both sides (not drift) and one only in Dev whose customer is in Production (no parent needed).
  const sharedNote = randomUUID();
  for (const pool of [dev, prod]) {
    await pool.query(insertNote, [sharedNote, shared[1], ownerId, 'Kick-off call went well', at]);
  }
  await dev.query(insertNote, [randomUUID(), shared[0], ownerId, 'Follow-up on a shared customer, only in Dev', at]);

  await dev.query(insertCustomer, [
    seeded.zephyrAlpha,
    'Zephyr Alpha',
    'Zephyr Winds',
    'alpha@zephyr.example',
    ownerId,
    at,
  ]);
  await dev.query(insertCustomer, [
    seeded.zephyrBeta,
    'Zephyr Beta',
    'Zephyr Winds',
    'beta@zephyr.example',
    ownerId,
    at,
  ]);
  await dev.query(insertCustomer, [
    seeded.parentCustomer,
    'Quentin Parent',
    'Quill & Co',
    'quentin@quill.example',
    ownerId,
    at,
  ]);
  await dev.query(insertNote, [
    seeded.note,
    seeded.parentCustomer,
    ownerId,
    'Renewal call: wants the Production contract by Friday',
    at,
  ]);
  await dev.query(
    `INSERT INTO customers (id, name, company, email, owner_id, created_at)
     SELECT gen_random_uuid(), 'Bulk Customer ' || lpad(n::text, 4, '0'), 'Bulk Inc', 'bulk' || n || '@example.com', $1,
            now() - (n || ' minutes')::interval
     FROM generate_series(1, $2::int) AS n`,
    [ownerId, BULK],
  );
  return seeded;
}
