import { CRM_TABLES } from '@vantix/contracts';
import type { Queryable } from '../db/queryable';

/** What the connection's role may do to one table (false for all when the table does not exist). */
export interface TablePrivileges {
  table: string;
  exists: boolean;
  select: boolean;
  insert: boolean;
  update: boolean;
  delete: boolean;
  truncate: boolean;
}

export interface PrivilegeReport {
  /** The role the connection runs as (`current_user`). */
  role: string;
  superuser: boolean;
  tables: TablePrivileges[];
  /** One line each, for a start banner or a health response; empty when the role is exactly as narrow as needed. */
  warnings: string[];
}

/** Privileges a sync never uses: it only reads and inserts. */
const NEVER_NEEDED = ['update', 'delete', 'truncate'] as const;

/**
 * Reports what the role behind `db` may do to the given tables. Read-only and
 * catalog-only: `has_table_privilege` answers for the current role, including
 * what it holds through role membership, ownership or PUBLIC grants.
 */
export async function checkTablePrivileges(
  db: Queryable,
  tables: readonly string[] = CRM_TABLES,
  schema = 'public',
): Promise<PrivilegeReport> {
  // Table names are bound parameters and resolved in pg_class, never spliced:
  // a table that does not exist simply comes back with exists = false.
  const { rows } = await db.query<TablePrivileges & { role: string; superuser: boolean }>(
    `SELECT t.name AS "table",
            c.oid IS NOT NULL AS "exists",
            coalesce(has_table_privilege(c.oid, 'SELECT'), false) AS "select",
            coalesce(has_table_privilege(c.oid, 'INSERT'), false) AS "insert",
            coalesce(has_table_privilege(c.oid, 'UPDATE'), false) AS "update",
            coalesce(has_table_privilege(c.oid, 'DELETE'), false) AS "delete",
            coalesce(has_table_privilege(c.oid, 'TRUNCATE'), false) AS "truncate",
            current_user::text AS role,
            coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false) AS superuser
       FROM unnest($1::text[]) WITH ORDINALITY AS t(name, position)
       LEFT JOIN pg_class c
              ON c.relname = t.name AND c.relkind IN ('r', 'p')
             AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $2)
      ORDER BY t.position`,
    [tables, schema],
  );
  const role = rows[0]?.role ?? 'unknown';
  const superuser = rows[0]?.superuser ?? false;
  const privileges = rows.map(({ role: _role, superuser: _superuser, ...table }) => table);
  return {
    role,
    superuser,
    tables: privileges,
    warnings: privilegeWarnings(role, superuser, privileges),
  };
}

/** The warnings for a report: too much (UPDATE, DELETE, TRUNCATE, superuser) and too little (SELECT, INSERT). */
export function privilegeWarnings(role: string, superuser: boolean, tables: readonly TablePrivileges[]): string[] {
  const warnings: string[] = [];
  if (superuser) {
    warnings.push(
      `the Production role "${role}" is a superuser; Vantix Sync needs only SELECT and INSERT on the CRM tables`,
    );
  }
  const excess = new Map<string, string[]>();
  for (const table of tables) {
    const held = NEVER_NEEDED.filter((privilege) => table[privilege]).map((p) => p.toUpperCase());
    if (held.length > 0) {
      excess.set(held.join(', '), [...(excess.get(held.join(', ')) ?? []), table.table]);
    }
  }
  for (const [held, names] of excess) {
    warnings.push(
      `the Production role "${role}" holds ${held} on ${names.join(', ')}, which Vantix Sync never needs: grant it only SELECT and INSERT`,
    );
  }
  const missing = tables.filter((t) => !t.exists).map((t) => t.table);
  if (missing.length > 0) {
    warnings.push(`Production has no table ${missing.join(', ')}`);
  }
  const unusable = tables.filter((t) => t.exists && (!t.select || !t.insert)).map((t) => t.table);
  if (unusable.length > 0) {
    warnings.push(
      `the Production role "${role}" lacks SELECT or INSERT on ${unusable.join(', ')}: comparisons or syncs of them will fail`,
    );
  }
  return warnings;
}
