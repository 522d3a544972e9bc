import { Pool } from 'pg';

/** The tables whose rows must never change once written: the chain and the revocations. */
const APPEND_ONLY_TABLES = ['audit_events', 'revoked_tokens'];

/**
 * Warnings when the role Vantix Sync runs as could rewrite the audit log
 * behind its triggers: a superuser, or a member of the role that owns an
 * append-only table (the owner may `ALTER TABLE … DISABLE TRIGGER` without
 * being a superuser). The keyed chain and the anchor still reveal a rewrite;
 * the warning says that the runtime role should only SELECT and INSERT (README,
 * "Security"). An empty list when the role is restricted as it should be.
 */
export async function auditStoreRoleWarnings(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ role: string; superuser: boolean; table: string; owner: string; owns: boolean }>(
    `SELECT current_user AS role,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            c.relname AS table,
            pg_get_userbyid(c.relowner) AS owner,
            pg_has_role(current_user, c.relowner, 'USAGE') AS owns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname = ANY($1)
      ORDER BY c.relname`,
    [APPEND_ONLY_TABLES],
  );
  if (rows.length === 0) {
    return [];
  }
  const { role, superuser } = rows[0];
  if (superuser) {
    return [
      `the audit store role "${role}" is a superuser: it could disable the audit log's triggers and rewrite events ` +
        '(the keyed chain and the anchor would still show it); run as a role that may only SELECT and INSERT',
    ];
  }
  const owned = rows.filter((row) => row.owns).map((row) => row.table);
  return owned.length === 0
    ? []
    : [
        `the audit store role "${role}" owns ${owned.join(', ')}: it could disable their triggers and rewrite events ` +
          '(the keyed chain and the anchor would still show it); migrate as an owner role and run as one that may ' +
          'only SELECT and INSERT (README, Security)',
      ];
}
