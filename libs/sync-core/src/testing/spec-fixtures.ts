// Shared set-up for the sync specs (not part of the public API): a Dev/Prod
// pair of throwaway migrated databases and small row builders.
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@vantix/testing';
import { CrmDatabase } from '../db/crm-database';

export interface DatabasePair {
  dev: CrmDatabase;
  prod: CrmDatabase;
  close(): Promise<void>;
}

export async function createDatabasePair(label: string): Promise<DatabasePair> {
  const [devDb, prodDb]: TestDatabase[] = await Promise.all([
    createTestDatabase(`${label}_dev`),
    createTestDatabase(`${label}_prod`),
  ]);
  const dev = new CrmDatabase('development', devDb.url);
  const prod = new CrmDatabase('production', prodDb.url);
  return {
    dev,
    prod,
    close: async () => {
      await Promise.all([dev.close(), prod.close()]);
      await Promise.all([devDb.drop(), prodDb.drop()]);
    },
  };
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
}
export interface CustomerRow {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  owner_id: string | null;
}
export interface NoteRow {
  id: string;
  customer_id: string;
  author_id: string | null;
  body: string;
}
export interface FileRow {
  id: string;
  customer_id: string;
  uploaded_by: string | null;
  file_name: string;
  mime_type: string;
  size_bytes: string;
  storage_key: string;
}

export function user(overrides: Partial<UserRow> = {}): UserRow {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    email: `${id}@example.com`,
    name: 'User',
    role: 'agent',
    password_hash: `$2b$10$secret-${id}`,
    ...overrides,
  };
}
export function customer(overrides: Partial<CustomerRow> = {}): CustomerRow {
  return {
    id: randomUUID(),
    name: 'Customer',
    company: 'Acme',
    email: null,
    owner_id: null,
    ...overrides,
  };
}
export function note(customerId: string, overrides: Partial<NoteRow> = {}): NoteRow {
  return {
    id: randomUUID(),
    customer_id: customerId,
    author_id: null,
    body: 'A note',
    ...overrides,
  };
}
export function file(customerId: string, overrides: Partial<FileRow> = {}): FileRow {
  return {
    id: randomUUID(),
    customer_id: customerId,
    uploaded_by: null,
    file_name: 'contract.pdf',
    mime_type: 'application/pdf',
    size_bytes: '1024',
    storage_key: `files/${randomUUID()}`,
    ...overrides,
  };
}

/** Inserts rows with a fixed created_at so Dev and Prod copies of a row are identical. */
export async function insertRows(
  db: CrmDatabase,
  table: 'users' | 'customers' | 'customer_notes' | 'customer_files',
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const columns = Object.keys(rows[0]);
  const params = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const select = `SELECT * FROM unnest(${params}) AS k(${columns.map((c) => `"${c}"`).join(', ')})`;
  const casts = await db.pool.query<{ attname: string; type: string }>(
    `SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
    [table],
  );
  const typeOf = new Map(casts.rows.map((r) => [r.attname, r.type]));
  await db.pool.query(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}, created_at)
     SELECT ${columns.map((c) => `k."${c}"::${typeOf.get(c)}`).join(', ')}, '2026-01-01T00:00:00Z' FROM (${select}) k`,
    columns.map((c) => rows.map((r) => (r as Record<string, unknown>)[c] ?? null)),
  );
}

/** id → md5 of the whole row: proves a row was not changed by a sync. */
export async function rowHashes(db: CrmDatabase, table: string): Promise<Map<string, string>> {
  const result = await db.pool.query<{ id: string; hash: string }>(
    `SELECT id::text AS id, md5(t::text) AS hash FROM "${table}" t`,
  );
  return new Map(result.rows.map((r) => [r.id, r.hash]));
}

export async function ids(db: CrmDatabase, table: string): Promise<Set<string>> {
  const result = await db.pool.query<{ id: string }>(`SELECT id::text AS id FROM "${table}"`);
  return new Set(result.rows.map((r) => r.id));
}

export const CRM_TABLE_NAMES = ['users', 'customers', 'customer_notes', 'customer_files'] as const;

/** Every table's row hashes, to compare Prod before and after a sync. */
export async function snapshot(db: CrmDatabase): Promise<Map<string, Map<string, string>>> {
  const entries = await Promise.all(CRM_TABLE_NAMES.map(async (t) => [t, await rowHashes(db, t)] as const));
  return new Map(entries);
}

/** Asserts every row of `before` is still there, byte for byte. */
export function unchangedRows(
  before: Map<string, Map<string, string>>,
  after: Map<string, Map<string, string>>,
): string[] {
  const changed: string[] = [];
  for (const [table, rows] of before) {
    for (const [id, hash] of rows) {
      if (after.get(table)?.get(id) !== hash) {
        changed.push(`${table} ${id}`);
      }
    }
  }
  return changed;
}
