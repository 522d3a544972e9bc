import type { CrmDatabase } from '../db/crm-database';
import type { Queryable } from '../db/queryable';
import type { ColumnInfo, ForeignKeyInfo, TableSchema } from './table-schema';

export interface IntrospectOptions {
  /** The PostgreSQL schema (namespace) the tables live in; `public` by default. */
  schema?: string;
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  not_null: boolean;
}

interface KeyRow {
  table_name: string;
  constraint_name: string;
  constraint_type: 'p' | 'f';
  columns: string[];
  referenced_table: string | null;
  referenced_columns: string[] | null;
}

// Only pg_catalog (no information_schema): it is the same on PostgreSQL 15 and
// PGlite (PostgreSQL 18), and information_schema hides tables the current role
// does not own. Ordinary and partitioned tables only (relkind r, p).
const COLUMNS_SQL = `
  SELECT c.relname AS table_name,
         a.attname AS column_name,
         format_type(a.atttypid, a.atttypmod) AS data_type,
         a.attnotnull AS not_null
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
   WHERE n.nspname = $1
     AND c.relname = ANY($2::text[])
     AND c.relkind IN ('r', 'p')
     AND a.attnum > 0
     AND NOT a.attisdropped
   ORDER BY c.relname, a.attnum`;

// Key columns in constraint order (conkey's order, not attnum's), which is the
// order a composite key is compared and reported in. The referenced table of a
// foreign key is reported by bare name: the engine only follows FKs inside the
// configured schema.
const KEYS_SQL = `
  SELECT c.relname AS table_name,
         con.conname AS constraint_name,
         con.contype AS constraint_type,
         ARRAY(
           SELECT a.attname
             FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
            ORDER BY k.ord
         )::text[] AS columns,
         rc.relname AS referenced_table,
         CASE WHEN con.contype = 'f' THEN ARRAY(
           SELECT a.attname
             FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
            ORDER BY k.ord
         )::text[] END AS referenced_columns
    FROM pg_catalog.pg_constraint con
    JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
   WHERE n.nspname = $1
     AND c.relname = ANY($2::text[])
     AND con.contype IN ('p', 'f')
   ORDER BY c.relname, con.conname`;

/**
 * Reads columns, primary key and foreign keys of the given tables from the
 * catalog of one database. A table that does not exist maps to null.
 */
export async function introspectTables(
  db: CrmDatabase,
  tables: string[],
  options: IntrospectOptions = {},
): Promise<Map<string, TableSchema | null>> {
  return introspectWith(db.pool, tables, options);
}

/** Same as {@link introspectTables} on a given connection (e.g. inside a transaction). */
export async function introspectWith(
  client: Queryable,
  tables: string[],
  options: IntrospectOptions = {},
): Promise<Map<string, TableSchema | null>> {
  const schema = options.schema ?? 'public';
  const [columns, keys] = [
    await client.query<ColumnRow>(COLUMNS_SQL, [schema, tables]),
    await client.query<KeyRow>(KEYS_SQL, [schema, tables]),
  ];
  const found = new Map<string, TableSchema>();
  for (const row of columns.rows) {
    let table = found.get(row.table_name);
    if (!table) {
      table = { name: row.table_name, columns: [], primaryKey: [], foreignKeys: [] };
      found.set(row.table_name, table);
    }
    const column: ColumnInfo = { name: row.column_name, dataType: row.data_type, nullable: !row.not_null };
    table.columns.push(column);
  }
  for (const row of keys.rows) {
    const table = found.get(row.table_name);
    if (!table) {
      continue;
    }
    if (row.constraint_type === 'p') {
      table.primaryKey = row.columns;
    } else if (row.referenced_table && row.referenced_columns) {
      const fk: ForeignKeyInfo = {
        constraintName: row.constraint_name,
        columns: row.columns,
        referencedTable: row.referenced_table,
        referencedColumns: row.referenced_columns,
      };
      table.foreignKeys.push(fk);
    }
  }
  const result = new Map<string, TableSchema | null>();
  for (const name of tables) {
    result.set(name, found.get(name) ?? null);
  }
  return result;
}
