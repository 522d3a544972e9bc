import type { Client, Pool } from 'pg';

/**
 * What the role Vantix Sync runs as needs on its own store, table by table —
 * and no more on the append-only ones (README, "Security": the audit store's
 * roles). Every table the store's migrations create is listed; a spec fails
 * when a migration adds one that is not.
 */
export const STORE_TABLE_PRIVILEGES: Readonly<Record<string, readonly string[]>> = {
  audit_events: ['SELECT', 'INSERT'],
  revoked_tokens: ['SELECT', 'INSERT'],
  // Read at every start to see that no migration is pending.
  _prisma_migrations: ['SELECT'],
  // Stored comparisons: written in steps, old ones removed.
  comparisons: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  comparison_records: ['SELECT', 'INSERT', 'DELETE'],
  // A sync's status, approvals and results change as it runs.
  syncs: ['SELECT', 'INSERT', 'UPDATE'],
  // Provenance: what each committed sync inserted.
  synced_records: ['SELECT', 'INSERT'],
};

/** The audit chain's sequence: appending an event takes its next value. */
export const STORE_SEQUENCES: readonly string[] = ['audit_events_seq_seq'];

/**
 * The privileges the connected role lacks on the store (`UPDATE on syncs`,
 * `USAGE on sequence audit_events_seq_seq`), in a fixed order; empty when it
 * has all of them. Read from the catalog (has_table_privilege), so nothing is
 * tried and nothing written. Tables the store does not have yet are skipped:
 * the migrations create them.
 */
export async function missingStorePrivileges(db: Pool | Client): Promise<string[]> {
  const tables = Object.entries(STORE_TABLE_PRIVILEGES).flatMap(([table, privileges]) =>
    privileges.map((privilege) => ({ table, privilege })),
  );
  const { rows } = await db.query<{ missing: string }>(
    `SELECT w.privilege || ' on ' || CASE w.kind WHEN 'sequence' THEN 'sequence ' ELSE '' END || w.name AS missing
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS w(name, privilege, kind, ord)
       JOIN pg_catalog.pg_class c ON c.relname = w.name AND c.relnamespace = current_schema()::regnamespace
      WHERE CASE w.kind WHEN 'table' THEN NOT has_table_privilege(c.oid, w.privilege)
                        ELSE NOT has_sequence_privilege(c.oid, w.privilege) END
      ORDER BY w.ord`,
    [
      [...tables.map((t) => t.table), ...STORE_SEQUENCES],
      [...tables.map((t) => t.privilege), ...STORE_SEQUENCES.map(() => 'USAGE')],
      [...tables.map(() => 'table'), ...STORE_SEQUENCES.map(() => 'sequence')],
    ],
  );
  return rows.map((row) => row.missing);
}
