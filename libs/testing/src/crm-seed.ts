import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

export interface SeededCustomer {
  id: string;
  noteIds: string[];
  fileIds: string[];
}

/** One fixed instant, so a row copied to the other side is identical there. */
const AT = '2026-01-01T00:00:00Z';

/** A user present in both databases, owner of the seeded customers. */
export async function seedOwner(dev: Pool, prod: Pool): Promise<string> {
  const id = randomUUID();
  for (const pool of [dev, prod]) {
    await pool.query(
      `INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at)
       VALUES ($1, $2, 'Owner', 'agent', '$2b$04$abcdefghijklmnopqrstuuE8p9F7n3C1yq6T9z6W3m7dK6D3t9X7W', $3, $3)`,
      [id, `owner-${id.slice(0, 8)}@vantix.test`, AT],
    );
  }
  return id;
}

/**
 * Customers with notes and files in `where` (Dev only, or both databases).
 * Rows are built in SQL (generate_series), so thousands cost one statement.
 */
export async function seedCustomers(
  pools: Pool[],
  options: {
    owner: string;
    customers: number;
    notesEach?: number;
    filesEach?: number;
    label?: string;
  },
): Promise<SeededCustomer[]> {
  const seeded: SeededCustomer[] = Array.from({ length: options.customers }, () => ({
    id: randomUUID(),
    noteIds: Array.from({ length: options.notesEach ?? 0 }, () => randomUUID()),
    fileIds: Array.from({ length: options.filesEach ?? 0 }, () => randomUUID()),
  }));
  const customerIds = seeded.map((c) => c.id);
  const notes = seeded.flatMap((c) => c.noteIds.map((id) => [id, c.id]));
  const files = seeded.flatMap((c) => c.fileIds.map((id) => [id, c.id]));
  const label = options.label ?? 'Customer';
  for (const pool of pools) {
    await pool.query(
      `INSERT INTO customers (id, name, owner_id, created_at, updated_at)
       SELECT id, $2 || ' ' || n, $3, $4, $4 FROM unnest($1::uuid[]) WITH ORDINALITY AS k(id, n)`,
      [customerIds, label, options.owner, AT],
    );
    await pool.query(
      `INSERT INTO customer_notes (id, customer_id, author_id, body, created_at, updated_at)
       SELECT id, customer_id, $3, 'note ' || id, $4, $4 FROM unnest($1::uuid[], $2::uuid[]) AS k(id, customer_id)`,
      [notes.map((n) => n[0]), notes.map((n) => n[1]), options.owner, AT],
    );
    await pool.query(
      `INSERT INTO customer_files (id, customer_id, uploaded_by, file_name, mime_type, size_bytes, storage_key, created_at)
       SELECT id, customer_id, $3, 'file.pdf', 'application/pdf', 1024, 'key/' || id, $4
         FROM unnest($1::uuid[], $2::uuid[]) AS k(id, customer_id)`,
      [files.map((f) => f[0]), files.map((f) => f[1]), options.owner, AT],
    );
  }
  return seeded;
}

/** The whole content of the four CRM tables as one hash: "Production unchanged" means this did not move. */
export async function crmChecksum(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ sum: string }>(
    `SELECT md5(string_agg(h, '' ORDER BY h)) AS sum FROM (
       SELECT 'u' || md5(t::text) AS h FROM users t
       UNION ALL SELECT 'c' || md5(t::text) FROM customers t
       UNION ALL SELECT 'n' || md5(t::text) FROM customer_notes t
       UNION ALL SELECT 'f' || md5(t::text) FROM customer_files t) rows`,
  );
  return rows[0].sum ?? 'empty';
}

/** How many of `ids` exist in `table` of the given database. */
export async function countIds(pool: Pool, table: string, ids: string[]): Promise<number> {
  if (!['users', 'customers', 'customer_notes', 'customer_files'].includes(table)) {
    throw new Error(`not a CRM table: ${table}`);
  }
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows[0].n;
}

/** Rows of the four CRM tables at one moment: their ids, how many, and a hash of their content. */
export interface Baseline {
  ids: Record<string, string[]>;
  rows: number;
  checksum: string;
}

const CRM_TABLES = ['users', 'customers', 'customer_notes', 'customer_files'];

/**
 * The rows of a database now, or — given an earlier baseline — those of its
 * rows that still exist, hashed as they are now: equal to the earlier baseline
 * exactly when none was deleted or changed (rows inserted since do not count).
 */
export async function baselineOf(pool: Pool, earlier?: Baseline): Promise<Baseline> {
  const ids: Record<string, string[]> = {};
  const hashes: string[] = [];
  for (const table of CRM_TABLES) {
    const { rows } = earlier
      ? await pool.query<{ id: string; h: string }>(
          `SELECT id::text, md5(t::text) AS h FROM ${table} t WHERE id = ANY($1::uuid[]) ORDER BY id`,
          [earlier.ids[table]],
        )
      : await pool.query<{ id: string; h: string }>(`SELECT id::text, md5(t::text) AS h FROM ${table} t ORDER BY id`);
    ids[table] = rows.map((r) => r.id);
    hashes.push(...rows.map((r) => r.h));
  }
  const { rows } = await pool.query<{ sum: string }>('SELECT md5($1) AS sum', [hashes.join('')]);
  return { ids, rows: hashes.length, checksum: rows[0].sum };
}
